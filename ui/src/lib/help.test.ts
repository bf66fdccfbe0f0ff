import { describe, expect, it } from 'vitest';
import content from '../../../assets/content/help.json';
import { hoursOf, linesOf, NOT_LISTED, promiseFor, regionChoices } from './help';

const codes = Object.keys(content.regions);

describe('help lines', () => {
  it('lists every country once, by name, with "not listed" last', () => {
    const choices = regionChoices();
    expect(choices.map((c) => c.code).sort()).toEqual([...codes].sort());
    expect(choices[choices.length - 1]?.code).toBe(NOT_LISTED);
    const names = choices.slice(0, -1).map((c) => c.label);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('puts each country’s emergency numbers first', () => {
    for (const code of codes.filter((c) => c !== NOT_LISTED)) {
      const [first] = linesOf(code);
      expect(first?.kind, code).toBe('emergency');
      expect(first?.contact, code).toMatch(/^Call \d/);
    }
    expect(linesOf('nowhere')).toEqual(linesOf(NOT_LISTED));
  });

  // The oracle is the rule itself, read from the raw data: a sentence may say "free" only if
  // every line shown costs nothing, and "day and night" only if every line shown answers 24/7.
  it('promises only what every line shown has, in every region', () => {
    for (const code of codes) {
      const shown = linesOf(code);
      const promise = promiseFor(shown).toLowerCase();
      const allFree = shown.every((l) => l.free);
      const allAlways = shown.every((l) => l.hours === '24/7');
      if (/\bfree\b/.test(promise) && !/whether it costs/.test(promise)) expect(allFree, code).toBe(true);
      if (/day and night|24\/7|any time/.test(promise)) expect(allAlways, code).toBe(true);
      expect(promise.length, code).toBeGreaterThan(20);
    }
  });

  it('says when a line answers', () => {
    expect(hoursOf({ hours: '24/7' } as never)).toMatch(/day and night/);
    expect(hoursOf({ hours: 'Every day, 10am to midnight' } as never)).toBe('Answers: Every day, 10am to midnight');
  });
});
