import { describe, expect, it } from 'vitest';
import { describeSchedule, draftFrom, reminderInput, whenLabel } from './reminders';
import type { ReminderView } from './bindings';

const HYDRATION: ReminderView = {
  id: 1,
  kind: 'hydration',
  title: 'Water',
  message: 'A glass of water.',
  enabled: true,
  at: null,
  beforeMin: 0,
  everyMin: 90,
  from: '09:00',
  to: '21:00',
  everyMinToday: null,
  adaptiveReason: null,
  next: '2026-11-25T10:30',
  snoozedUntil: null,
  pausedUntil: null,
  pausedUntilResumed: false,
  lastFired: null,
};

describe('reminders', () => {
  it('describes each kind of schedule in words', () => {
    expect(describeSchedule(HYDRATION)).toBe('Every 90 minutes from 09:00 to 21:00');
    expect(describeSchedule({ ...HYDRATION, kind: 'wind_down', everyMin: null, at: '22:30', beforeMin: 45 })).toBe(
      'Every day, 45 minutes before your bedtime of 22:30',
    );
    expect(describeSchedule({ ...HYDRATION, kind: 'checkin', everyMin: null, at: '20:00' })).toBe('Every day at 20:00');
  });

  it('says today, tomorrow or the date, across a month end', () => {
    expect(whenLabel('2026-11-25T10:30', '2026-11-25')).toBe('today at 10:30');
    expect(whenLabel('2026-12-01T09:00', '2026-11-30')).toBe('tomorrow at 09:00');
    expect(whenLabel('2026-12-03T09:00', '2026-11-30')).toBe('2026-12-03 at 09:00');
  });

  it('sends a repeating reminder its window and a daily one its time, reading typed shorthand', () => {
    const d = draftFrom(HYDRATION);
    d.from = '830';
    expect(reminderInput(d)).toMatchObject({ everyMin: 90, from: '08:30', to: '21:00', at: null });
    d.repeating = false;
    d.at = '2115';
    expect(reminderInput(d)).toMatchObject({ at: '21:15', everyMin: null, from: null, to: null });
  });
});
