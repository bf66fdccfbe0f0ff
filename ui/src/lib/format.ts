// How figures and days are written for people: "7 h 5 min", "Yesterday", "Mon 23 Nov".

/** "7 h 5 min", "45 min", "8 h". */
export function formatMinutes(total: number): string {
  const m = Math.max(0, Math.round(total));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest} min`;
  if (rest === 0) return `${h} h`;
  return `${h} h ${rest} min`;
}

/** "81.6%" with at most one decimal, never "81.60%". */
export function formatPercent(p: number): string {
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}

function parseDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** The local calendar day of `d` as "YYYY-MM-DD", the form the core uses for days. */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A day heading relative to `today` (both "YYYY-MM-DD"). */
export function dayLabel(day: string, today: string, locale?: string): string {
  const diff = Math.round((parseDay(today).getTime() - parseDay(day).getTime()) / 86_400_000);
  const long = parseDay(day).toLocaleDateString(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(day.slice(0, 4) !== today.slice(0, 4) ? { year: 'numeric' } : {}),
  });
  if (diff === 0) return `Today, ${long}`;
  if (diff === 1) return `Yesterday, ${long}`;
  return long;
}

/** "HH:MM" of a local "YYYY-MM-DDTHH:MM". */
export function timeOf(local: string): string {
  return local.slice(11, 16);
}

// The two below write English as every word of the app is, without Intl: the first date or
// number Intl formats loads ICU's data, about 10 ms of the start (BENCHMARKS.md), and both are
// on the first screen.
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Mon 23:10" of a local "YYYY-MM-DDTHH:MM", to show how a clock time was placed. */
export function shortDayTime(local: string): string {
  return `${WEEKDAYS[parseDay(local.slice(0, 10)).getDay()]} ${timeOf(local)}`;
}

/** Groups digits: 5000 → "5,000". */
export function count(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

/** Milligrams as grams, without trailing zeros: 4500 → "4.5 g", 250 → "0.25 g". */
export function grams(mg: number): string {
  return `${Number((mg / 1000).toFixed(3))} g`;
}

/** "4 capsules of 0.5 g (2 g), powder" or "4.5 g, tea". */
export function doseWords(d: { unit: string; amount: number; gramsPerCapsule: number | null; mg: number; form: string }): string {
  const form = d.form === 'other' ? '' : `, ${d.form}`;
  if (d.unit === 'capsules') {
    const n = Number(d.amount.toFixed(3));
    return `${n} ${n === 1 ? 'capsule' : 'capsules'} of ${d.gramsPerCapsule ?? 0} g (${grams(d.mg)})${d.form === 'capsules' ? '' : form}`;
  }
  return `${grams(d.mg)}${form}`;
}

/** Time since the last dose in kind, plain words: "9 hours", "2 days and 5 hours". */
export function sinceWords(hours: number): string {
  if (hours < 1) return 'less than an hour';
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h === 0 ? `${d} days` : `${d} days and ${h} ${h === 1 ? 'hour' : 'hours'}`;
}

/** "Fri 27 Nov 2026, 09:35" in local time, for a backup's RFC 3339 time. */
export function backupWhen(rfc3339: string, locale?: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return d.toLocaleString(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A file size in words people read: "84 KB", "2.3 MB". */
export function bytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
