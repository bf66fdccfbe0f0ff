// One signal that the diary changed, instead of counters passed down through props: a part
// that shows the diary's data reads `changes.diary` in the effect that loads it, and loads
// again after anything is saved, restored, unlocked or changed from outside (a
// notification's button, the tray). Reminders count on their own too, since what they show
// also changes when one fires.
class Changes {
  diary = $state(0);
  reminders = $state(0);
}

export const changes = new Changes();

/** Something in the diary changed: every part that shows it loads again. */
export function diaryChanged() {
  changes.diary += 1;
}

/** A reminder fired, was snoozed or changed: the reminder parts load again. */
export function remindersChanged() {
  changes.reminders += 1;
}
