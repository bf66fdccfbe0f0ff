// Long tables (ten years of days) are shown a month at a time, the latest first, so a table
// never puts thousands of rows into the page at once.

export const PAGE_DAYS = 31;

export interface Page<T> {
  rows: T[];
  /** 1-based positions of the first and last row shown, in the whole list. */
  first: number;
  last: number;
  total: number;
  /** How many pages back from the latest this is, after clamping. */
  back: number;
  hasEarlier: boolean;
  hasLater: boolean;
}

/** The page `back` pages before the latest one (0 is the latest), of rows in date order. */
export function pageFromEnd<T>(rows: readonly T[], back: number, size = PAGE_DAYS): Page<T> {
  const total = rows.length;
  const pages = Math.max(1, Math.ceil(total / size));
  const b = Math.min(Math.max(0, Math.floor(back)), pages - 1);
  const end = total - b * size;
  const start = Math.max(0, end - size);
  return {
    rows: rows.slice(start, end),
    first: total === 0 ? 0 : start + 1,
    last: end,
    total,
    back: b,
    hasEarlier: start > 0,
    hasLater: b > 0,
  };
}
