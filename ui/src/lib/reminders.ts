// Words and drafts for the reminders screen. When a reminder is due, and every rule about it,
// lives in the Rust core; this only describes what the core returned and reads the typing.
import type { ReminderInput, ReminderView } from './bindings';
import { isoDay } from './format';
import { normalizeTime } from './forms';

export type ReminderDraft = {
  title: string;
  message: string;
  enabled: boolean;
  repeating: boolean;
  at: string;
  beforeMin: number | null;
  everyMin: number | null;
  from: string;
  to: string;
};

/** "every 90 minutes from 09:00 to 21:00", "every day at 21:45 (45 minutes before 22:30)". */
export function describeSchedule(r: ReminderView): string {
  if (r.everyMin !== null) return `Every ${r.everyMin} minutes from ${r.from} to ${r.to}`;
  if (r.kind === 'wind_down' && r.at) {
    return `Every day, ${r.beforeMin} minutes before your bedtime of ${r.at}`;
  }
  return `Every day at ${r.at}`;
}

/** "today at 10:30", "tomorrow at 09:00", or the date for later. */
export function whenLabel(local: string, today: string): string {
  const day = local.slice(0, 10);
  const time = local.slice(11, 16);
  const t = new Date(`${today}T12:00:00`);
  t.setDate(t.getDate() + 1);
  const tomorrow = isoDay(t);
  if (day === today) return `today at ${time}`;
  if (day === tomorrow) return `tomorrow at ${time}`;
  return `${day} at ${time}`;
}

export function draftFrom(r: ReminderView): ReminderDraft {
  return {
    title: r.title,
    message: r.message,
    enabled: r.enabled,
    repeating: r.everyMin !== null,
    at: r.at ?? '',
    beforeMin: r.beforeMin,
    everyMin: r.everyMin,
    from: r.from ?? '',
    to: r.to ?? '',
  };
}

export function newCustomDraft(): ReminderDraft {
  return {
    title: '',
    message: '',
    enabled: true,
    repeating: false,
    at: '',
    beforeMin: 0,
    everyMin: 120,
    from: '09:00',
    to: '21:00',
  };
}

/** The input the core checks; a daily reminder sends only its time, a repeating one its window. */
export function reminderInput(d: ReminderDraft): ReminderInput {
  const num = (v: number | null) => (v === null || Number.isNaN(v) ? null : v);
  return d.repeating
    ? {
        title: d.title,
        message: d.message,
        enabled: d.enabled,
        at: null,
        beforeMin: null,
        everyMin: num(d.everyMin),
        from: normalizeTime(d.from),
        to: normalizeTime(d.to),
      }
    : {
        title: d.title,
        message: d.message,
        enabled: d.enabled,
        at: normalizeTime(d.at),
        beforeMin: num(d.beforeMin),
        everyMin: null,
        from: null,
        to: null,
      };
}
