import { describe, expect, it } from 'vitest';
import { backupWhen, bytes, count, dayLabel, formatMinutes, formatPercent, shortDayTime, timeOf } from './format';

describe('format', () => {
  it('writes durations as hours and minutes', () => {
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(480)).toBe('8 h');
    expect(formatMinutes(490)).toBe('8 h 10 min');
  });

  it('writes percentages with at most one decimal', () => {
    expect(formatPercent(81.6)).toBe('81.6%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(66.66)).toBe('66.7%');
  });

  it('names today and yesterday, and the year only when it differs', () => {
    expect(dayLabel('2026-11-25', '2026-11-25', 'en-GB')).toBe('Today, Wednesday 25 November');
    expect(dayLabel('2026-11-24', '2026-11-25', 'en-GB')).toBe('Yesterday, Tuesday 24 November');
    expect(dayLabel('2026-11-01', '2026-11-25', 'en-GB')).toBe('Sunday 1 November');
    // ICU adds a comma after the weekday when the year is shown; that punctuation is the locale's.
    expect(dayLabel('2025-12-31', '2026-01-01', 'en-GB')).toMatch(/^Yesterday, Wednesday,? 31 December 2025$/);
  });

  it('reads local date-times', () => {
    expect(timeOf('2026-11-24T22:40')).toBe('22:40');
    expect(shortDayTime('2026-11-24T22:40', 'en-GB')).toBe('Tue 22:40');
    expect(count(1048576)).toBe('1,048,576');
  });
});

import { doseWords, grams, sinceWords } from './format';

describe('detox figures', () => {
  it('writes grams without trailing zeros', () => {
    expect(grams(4500)).toBe('4.5 g');
    expect(grams(250)).toBe('0.25 g');
    expect(grams(8000)).toBe('8 g');
  });
  it('describes doses in grams and capsules', () => {
    expect(doseWords({ unit: 'grams', amount: 4.5, gramsPerCapsule: null, mg: 4500, form: 'powder' })).toBe('4.5 g, powder');
    expect(doseWords({ unit: 'capsules', amount: 4, gramsPerCapsule: 0.5, mg: 2000, form: 'capsules' })).toBe(
      '4 capsules of 0.5 g (2 g)',
    );
  });
  it('says time since the last dose in hours, then days', () => {
    expect(sinceWords(0)).toBe('less than an hour');
    expect(sinceWords(1)).toBe('1 hour');
    expect(sinceWords(47)).toBe('47 hours');
    expect(sinceWords(48)).toBe('2 days');
    expect(sinceWords(73)).toBe('3 days and 1 hour');
  });
});

describe('backup figures', () => {
  it('says sizes in the units people read', () => {
    expect(bytes(900)).toBe('900 bytes');
    expect(bytes(86_016)).toBe('84 KB');
    expect(bytes(2_411_725)).toBe('2.3 MB');
  });

  it('shows a backup time in local time, and an unreadable one as it is', () => {
    expect(backupWhen('2026-11-27T09:35:00Z', 'en-GB')).toMatch(/27 Nov 2026/);
    expect(backupWhen('not a time')).toBe('not a time');
  });
});
