import { describe, expect, it } from 'vitest';
import { pageFromEnd } from './paging';

const days = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('pageFromEnd', () => {
  it('starts at the latest rows and steps back a page at a time to the first', () => {
    const all = days(70);
    const latest = pageFromEnd(all, 0, 31);
    expect([latest.first, latest.last, latest.hasEarlier, latest.hasLater]).toEqual([40, 70, true, false]);
    expect(latest.rows).toEqual(days(70).slice(39));
    const middle = pageFromEnd(all, 1, 31);
    expect([middle.first, middle.last, middle.hasEarlier, middle.hasLater]).toEqual([9, 39, true, true]);
    const oldest = pageFromEnd(all, 2, 31);
    expect(oldest.rows).toEqual(days(8));
    expect([oldest.hasEarlier, oldest.hasLater]).toEqual([false, true]);
  });

  it('shows every row exactly once across its pages, whatever the length', () => {
    for (const n of [0, 1, 30, 31, 32, 62, 3653]) {
      const seen: number[] = [];
      for (let b = 0; ; b++) {
        const p = pageFromEnd(days(n), b, 31);
        seen.unshift(...p.rows);
        expect(p.rows.length).toBeLessThanOrEqual(31);
        if (!p.hasEarlier) break;
      }
      expect(seen).toEqual(days(n));
    }
  });

  it('keeps a page number that is out of reach within the list', () => {
    expect(pageFromEnd(days(10), 5, 31).back).toBe(0);
    expect(pageFromEnd(days(40), -1, 31).first).toBe(10);
    expect(pageFromEnd([], 0).first).toBe(0);
  });
});
