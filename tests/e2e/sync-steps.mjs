// What a person does on one computer in the sync tests: check in, look in History, edit a
// check-in's mood. Shared by the one-window test (sync.test.mjs) and the two-app Syncthing one.
import { waitFor } from './webdriver.mjs';

/** Saves today's check-in with `note`. */
export async function checkIn(s, note) {
  await s.click('[data-testid="nav-today"]');
  await s.el('#checkin-title');
  await s.click('#checkin-mood input[value="6"] + span');
  await s.click('#checkin-craving input[value="3"] + span');
  if (await s.exists('#checkin-sleep-quality')) await s.click('#checkin-sleep-quality input[value="4"] + span');
  await s.type('#checkin-note', note);
  await s.click('.checkin-form button[type="submit"]');
  await waitFor(async () => (await s.text('.notice')).includes('Check-in saved'), 'the saved check-in');
}

/** Waits until History shows `note` (leaving and coming back, as a person would). */
export async function historyHas(s, note, ms) {
  await s.click('[data-testid="nav-history"]');
  await waitFor(async () => {
    await s.click('[data-testid="nav-data"]');
    await s.click('[data-testid="nav-history"]');
    return (await s.text('main')).includes(note);
  }, `"${note}" in the history`, ms, 500);
}

/** Opens the check-in whose note is `note` for editing and sets its mood. */
export async function editMood(s, note, mood) {
  await s.click('[data-testid="nav-history"]');
  const testid = await waitFor(() => s.run(`return [...document.querySelectorAll('li.entry.checkin')].find((li) => li.querySelector('.note')?.textContent === ${JSON.stringify(note)})?.dataset.testid ?? null`), `the check-in "${note}"`);
  const id = testid.replace('checkin-', '');
  await s.click(`[data-testid="${testid}"] .entry-actions button:first-child`);
  await s.el(`#checkin-${id}-title`);
  await s.click(`#checkin-${id}-mood input[value="${mood}"] + span`);
  await s.click(`#checkin-${id}-title ~ .actions button[type="submit"]`);
  await waitFor(async () => (await s.text(`[data-testid="${testid}"]`)).includes(`Mood ${mood} of 10`), 'the edited entry');
  return testid;
}
