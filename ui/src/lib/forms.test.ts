import { describe, expect, it } from 'vitest';
import {
  checkinDraftFrom,
  checkinInput,
  cravingInput,
  errorsFrom,
  newCheckinDraft,
  normalizeTime,
  sleepDraftFrom,
} from './forms';
import type { CheckinView } from './bindings';

describe('normalizeTime', () => {
  it.each([
    ['7', '07:00'],
    ['07', '07:00'],
    ['730', '07:30'],
    ['2310', '23:10'],
    ['7:30', '07:30'],
    ['7.30', '07:30'],
    ['23h15', '23:15'],
    [' 06:05 ', '06:05'],
  ])('reads %j as %j', (typed, want) => {
    expect(normalizeTime(typed)).toBe(want);
  });

  it('leaves what it cannot read for the core to explain', () => {
    expect(normalizeTime('')).toBe('');
    expect(normalizeTime('noon')).toBe('noon');
    expect(normalizeTime('12345')).toBe('12345');
  });
});

describe('checkinInput', () => {
  it('sends the sleep diary only when it is included, with shorthand times read', () => {
    const d = newCheckinDraft('2026-11-25');
    d.mood = 4;
    d.craving = 7;
    d.sleep.bedTime = '2240';
    let built = checkinInput(d);
    expect(built.ok && built.input.sleep?.bedTime).toBe('22:40');
    expect(built.ok && built.input).toMatchObject({ day: '2026-11-25', mood: 4, craving: 7 });
    d.withSleep = false;
    built = checkinInput(d);
    expect(built.ok && built.input.sleep).toBeNull();
  });

  it('passes empty boxes on as null for the core to judge', () => {
    const d = newCheckinDraft('2026-11-25');
    d.sleep.latencyMin = null;
    d.sleep.awakeMin = undefined;
    const built = checkinInput(d);
    expect(built.ok).toBe(true);
    expect(built.ok && built.input.mood).toBeNull();
    expect(built.ok && built.input.sleep?.latencyMin).toBeNull();
    expect(built.ok && built.input.sleep?.awakeMin).toBeNull();
  });

  it('asks for whole numbers where a fraction was typed', () => {
    const d = newCheckinDraft('2026-11-25');
    d.sleep.awakenings = 2.5;
    const built = checkinInput(d);
    expect(built).toEqual({ ok: false, errors: { 'sleep.awakenings': 'Please use a whole number.' } });
  });
});

describe('drafts', () => {
  it('prefill a new diary from the last night, but not how it felt', () => {
    const last = {
      bedTime: '22:00', lightsOff: '22:10', latencyMin: 5, awakenings: 0, awakeMin: 0,
      finalWake: '06:00', outOfBed: '06:05', quality: 4,
    };
    expect(sleepDraftFrom(last)).toEqual({ ...last, quality: null });
    expect(newCheckinDraft('2026-11-25', { sleep: last, sleepDone: false }).sleep.bedTime).toBe('22:00');
  });

  it('leave sleep out of a second check-in once the night is recorded', () => {
    expect(newCheckinDraft('2026-11-25').withSleep).toBe(true);
    expect(newCheckinDraft('2026-11-25', { sleep: null, sleepDone: false }).withSleep).toBe(true);
    expect(newCheckinDraft('2026-11-25', { sleep: null, sleepDone: true }).withSleep).toBe(false);
  });

  it('edit what was saved', () => {
    const v: CheckinView = {
      id: 3, day: '2026-11-24', recordedAt: '2026-11-24T09:00', timeZone: 'Europe/Berlin',
      mood: 2, craving: 9, note: 'rough', sleep: null,
    };
    const d = checkinDraftFrom(v);
    expect(d).toMatchObject({ day: '2026-11-24', mood: 2, craving: 9, note: 'rough', withSleep: false });
  });
});

describe('cravingInput', () => {
  it('means "now" when no time is typed, and joins day and time otherwise', () => {
    expect(cravingInput({ day: '2026-11-25', time: '', intensity: 6, context: '' }).at).toBeNull();
    expect(cravingInput({ day: '2026-11-25', time: '1830', intensity: 6, context: 'x' })).toEqual({
      at: '2026-11-25T18:30',
      intensity: 6,
      context: 'x',
    });
  });
});

describe('errorsFrom', () => {
  it('puts a field error next to its field and anything else above the buttons', () => {
    expect(errorsFrom({ kind: 'invalid', field: 'mood', message: 'Pick one.' })).toEqual({
      fields: { mood: 'Pick one.' },
      general: null,
    });
    expect(errorsFrom({ kind: 'storage', field: null, message: 'Disk full.' })).toEqual({
      fields: {},
      general: 'Disk full.',
    });
  });
});

import { decimal } from './forms';

describe('decimal', () => {
  it('reads a comma or a point, and empty as not given', () => {
    expect(decimal('4,5')).toBe(4.5);
    expect(decimal(' 0.25 ')).toBe(0.25);
    expect(decimal('')).toBeNull();
    expect(decimal(null)).toBeNull();
    expect(decimal('abc')).toBeNaN();
  });
});
