// Form drafts and the step from "what is typed" to the core's input types. The rules (ranges,
// order of times, dates in the future, lengths) live in the Rust core alone; this module only
// reads the typing — "2310" as "23:10", an empty box as "not given" — and maps the core's
// errors back onto the fields.
import type {
  CheckinInput,
  CheckinView,
  CravingInput,
  CravingView,
  ErrorBody,
  SleepInput,
} from './bindings';
import { LIMITS } from './bindings';

/** From the core, not copied: see LIMITS in the generated bindings. */
export const NOTE_MAX = LIMITS.checkinNote;
export const CONTEXT_MAX = LIMITS.cravingContext;

/** Messages keyed by field name ("mood", "sleep.bedTime", …). */
export type FieldErrors = Record<string, string>;

export type Num = number | null | undefined;

export interface SleepDraft {
  bedTime: string;
  lightsOff: string;
  latencyMin: Num;
  awakenings: Num;
  awakeMin: Num;
  finalWake: string;
  outOfBed: string;
  quality: number | null;
}

export interface CheckinDraft {
  day: string;
  mood: number | null;
  craving: number | null;
  note: string;
  withSleep: boolean;
  sleep: SleepDraft;
}

export interface CravingDraft {
  day: string;
  /** "HH:MM", or empty for "now". */
  time: string;
  intensity: number | null;
  context: string;
}

/** Usual times for a first diary; later ones start from the person's last night. */
export const DEFAULT_SLEEP: SleepDraft = {
  bedTime: '23:00',
  lightsOff: '23:15',
  latencyMin: 20,
  awakenings: 1,
  awakeMin: 0,
  finalWake: '07:00',
  outOfBed: '07:15',
  quality: null,
};

/** A diary prefilled from the last one (times and counts, not how the night felt). */
export function sleepDraftFrom(last: SleepInput | null | undefined): SleepDraft {
  if (!last) return { ...DEFAULT_SLEEP };
  return {
    bedTime: last.bedTime,
    lightsOff: last.lightsOff,
    latencyMin: last.latencyMin,
    awakenings: last.awakenings,
    awakeMin: last.awakeMin,
    finalWake: last.finalWake,
    outOfBed: last.outOfBed,
    quality: null,
  };
}

/** What the history tells a new check-in: the last diary, and whether today's night is recorded. */
export interface Prefill {
  sleep: SleepInput | null;
  sleepDone: boolean;
}

export function newCheckinDraft(today: string, prefill?: Prefill | null): CheckinDraft {
  return {
    day: today,
    mood: null,
    craving: null,
    note: '',
    // A second check-in on the same day usually has no new night to tell.
    withSleep: !prefill?.sleepDone,
    sleep: sleepDraftFrom(prefill?.sleep),
  };
}

export function checkinDraftFrom(v: CheckinView): CheckinDraft {
  return {
    day: v.day,
    mood: v.mood,
    craving: v.craving,
    note: v.note,
    withSleep: v.sleep !== null,
    sleep: v.sleep ? { ...v.sleep.input } : sleepDraftFrom(null),
  };
}

export function newCravingDraft(today: string): CravingDraft {
  return { day: today, time: '', intensity: null, context: '' };
}

export function cravingDraftFrom(v: CravingView): CravingDraft {
  return { day: v.at.slice(0, 10), time: v.at.slice(11, 16), intensity: v.intensity, context: v.context };
}

/**
 * Reads typed shorthand as "HH:MM": "7" → "07:00", "730" → "07:30", "2310" → "23:10",
 * "7.30" / "7:30" → "07:30". Anything else is returned trimmed, for the core to judge.
 */
export function normalizeTime(raw: string): string {
  const s = raw.trim();
  let m = /^(\d{1,2})[:.h](\d{2})$/.exec(s);
  if (!m) m = /^(\d{1,2})(\d{2})$/.exec(s);
  if (m) return `${m[1]!.padStart(2, '0')}:${m[2]}`;
  if (/^\d{1,2}$/.test(s)) return `${s.padStart(2, '0')}:00`;
  return s;
}

/** A number box's value as the core wants it: a whole number or null. */
function whole(v: Num, field: string, errors: FieldErrors): number | null {
  if (v === null || v === undefined || Number.isNaN(v)) return null;
  if (!Number.isInteger(v)) {
    errors[field] = 'Please use a whole number.';
    return null;
  }
  return v;
}

export type Built<T> = { ok: true; input: T } | { ok: false; errors: FieldErrors };

export function sleepInput(d: SleepDraft, errors: FieldErrors): SleepInput {
  return {
    bedTime: normalizeTime(d.bedTime),
    lightsOff: normalizeTime(d.lightsOff),
    latencyMin: whole(d.latencyMin, 'sleep.latencyMin', errors),
    awakenings: whole(d.awakenings, 'sleep.awakenings', errors),
    awakeMin: whole(d.awakeMin, 'sleep.awakeMin', errors),
    finalWake: normalizeTime(d.finalWake),
    outOfBed: normalizeTime(d.outOfBed),
    quality: d.quality,
  };
}

export function checkinInput(d: CheckinDraft): Built<CheckinInput> {
  const errors: FieldErrors = {};
  const input: CheckinInput = {
    day: d.day,
    mood: d.mood,
    craving: d.craving,
    note: d.note,
    sleep: d.withSleep ? sleepInput(d.sleep, errors) : null,
  };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, input };
}

export function cravingInput(d: CravingDraft): CravingInput {
  const time = normalizeTime(d.time);
  return {
    at: time === '' ? null : `${d.day}T${time}`,
    intensity: d.intensity,
    context: d.context,
  };
}

/** Splits a core error into a message for its field, or one for the whole form. */
export function errorsFrom(body: ErrorBody): { fields: FieldErrors; general: string | null } {
  if (body.kind === 'invalid' && body.field) return { fields: { [body.field]: body.message }, general: null };
  return { fields: {}, general: body.message };
}

/** The DOM id of a field's control and of its error text. */
export function controlId(form: string, field: string): string {
  return `${form}-${field.replace('.', '-')}`;
}
export function errorId(form: string, field: string): string {
  return `${controlId(form, field)}-error`;
}

/** A decimal as typed ("4.5", "4,5", " 4 "), or null when empty or not a number. */
export function decimal(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const t = raw.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
}
