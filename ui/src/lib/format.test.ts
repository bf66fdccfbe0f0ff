import { describe, expect, it } from 'vitest';
import { backupWhen, bytes, count, dayLabel, formatMinutes, formatPercent, isoDay, shortDayTime, timeOf } from './format';

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

  it('writes local days as Intl does in a YYYY-MM-DD locale, across months, years and a leap day', () => {
    const oracle = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
    const d = new Date(2023, 11, 20, 12);
    for (let i = 0; i < 800; i++, d.setDate(d.getDate() + 1)) expect(isoDay(d)).toBe(oracle.format(d));
    expect(isoDay(new Date(2024, 1, 29, 0, 0))).toBe('2024-02-29');
  });

  it('reads local date-times', () => {
    expect(timeOf('2026-11-24T22:40')).toBe('22:40');
    expect(shortDayTime('2026-11-24T22:40')).toBe('Tue 22:40');
    expect(count(1048576)).toBe('1,048,576');
  });

  // Both are written without Intl; Intl's own English is the oracle.
  it('names every weekday as Intl does in English', () => {
    for (let d = 0; d < 400; d += 1) {
      const day = new Date(2024, 0, 1 + d);
      expect(shortDayTime(`${isoDay(day)}T07:05`)).toBe(`${day.toLocaleDateString('en-US', { weekday: 'short' })} 07:05`);
    }
  });

  it('groups digits as Intl does in English', () => {
    const samples = [0, 1, 12, 999, 1000, 1001, 99_999, 100_000, 123_456_789, Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 500; i += 1) samples.push(Math.floor(Math.random() * 10 ** (1 + (i % 15))));
    for (const n of [...samples, ...samples.filter((x) => x > 0).map((x) => -x)]) expect(count(n)).toBe(n.toLocaleString('en-US'));
    expect(count(2.5)).toBe('2.5');
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
