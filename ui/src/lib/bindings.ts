// Generated from the Rust types in crates/companion-core by its `bindings` test.
// Do not edit by hand: run `UPDATE_BINDINGS=1 cargo test -p companion-core bindings`.

export type ErrorKind = "invalid" | "not_found" | "damaged" | "too_new" | "storage";

export type ErrorBody = { kind: ErrorKind, message: string, 
/**
 * The form field the message belongs to, for `invalid` errors.
 */
field: string | null, };

export type EntryKind = "checkin" | "craving";

export type Today = { 
/**
 * "YYYY-MM-DD" in the user's zone.
 */
day: string, 
/**
 * Local "YYYY-MM-DDTHH:MM".
 */
now: string, timeZone: string, 
/**
 * Where the data file is, to say so plainly in the app.
 */
dataFile: string, };

export type SleepInput = { 
/**
 * "HH:MM": when they went to bed.
 */
bedTime: string, 
/**
 * "HH:MM": when they started trying to sleep.
 */
lightsOff: string, 
/**
 * Minutes it took to fall asleep.
 */
latencyMin: number | null, 
/**
 * How many times they woke during the night.
 */
awakenings: number | null, 
/**
 * Minutes awake during the night, all awakenings together; empty means none.
 */
awakeMin: number | null, 
/**
 * "HH:MM": final wake-up.
 */
finalWake: string, 
/**
 * "HH:MM": when they got out of bed.
 */
outOfBed: string, 
/**
 * 1 (very poor) to 5 (very good).
 */
quality: number | null, };

export type SleepSummary = { 
/**
 * Local "YYYY-MM-DDTHH:MM" of going to bed.
 */
bedAt: string, 
/**
 * Local "YYYY-MM-DDTHH:MM" of getting up.
 */
outOfBedAt: string, timeInBedMin: number, totalSleepMin: number, 
/**
 * Total sleep / time in bed, in percent, one decimal.
 */
efficiencyPct: number, };

export type SleepView = { input: SleepInput, summary: SleepSummary, };

export type CheckinInput = { 
/**
 * "YYYY-MM-DD": the day this check-in is about (the night before it, for sleep).
 */
day: string, 
/**
 * 0 (very low) to 10 (very good).
 */
mood: number | null, 
/**
 * 0 (none) to 10 (worst imaginable).
 */
craving: number | null, note: string, 
/**
 * Absent when the person skips the sleep diary.
 */
sleep: SleepInput | null, };

export type CheckinView = { id: number, day: string, 
/**
 * Local "YYYY-MM-DDTHH:MM" when it was first saved, in the zone of that moment.
 */
recordedAt: string, timeZone: string, mood: number, craving: number, note: string, sleep: SleepView | null, };

export type CravingInput = { 
/**
 * Local "YYYY-MM-DDTHH:MM"; absent means now.
 */
at: string | null, 
/**
 * 0 (none) to 10 (worst imaginable).
 */
intensity: number | null, 
/**
 * What was going on, or what set it off.
 */
context: string, };

export type CravingView = { id: number, 
/**
 * Local "YYYY-MM-DDTHH:MM" in the zone it was logged in.
 */
at: string, timeZone: string, intensity: number, context: string, };

export type Entry = { "type": "checkin" } & CheckinView | { "type": "craving" } & CravingView;

export type DayEntries = { 
/**
 * "YYYY-MM-DD"
 */
day: string, 
/**
 * Newest first.
 */
entries: Array<Entry>, };

export type HistoryPage = { 
/**
 * Newest day first.
 */
days: Array<DayEntries>, 
/**
 * Whether there are days before the last one in `days`.
 */
more: boolean, };

export type Range = "week" | "month" | "quarter" | "year" | "all";

export type Theme = "light" | "dark";

export type ChartView = { title: string, 
/**
 * The chart's facts in words: the SVG's `<desc>`, and the image's text alternative.
 */
desc: string, svg: string | null, };

export type CravingDay = { day: string, 
/**
 * Highest strength that day, from check-ins and logged cravings.
 */
max: number | null, 
/**
 * Average strength that day, from check-ins and logged cravings.
 */
avg: number | null, 
/**
 * How many cravings were logged on their own that day.
 */
logged: number, 
/**
 * Average of the daily averages of this day and the six before it that have data.
 */
rolling: number | null, };

export type SleepNight = { 
/**
 * The day the night ended on.
 */
day: string, totalSleepMin: number | null, efficiencyPct: number | null, quality: number | null, };

export type MoodDay = { day: string, avg: number | null, rolling: number | null, };

export type Insight = { 
/**
 * A stable name, e.g. "craving-week".
 */
id: string, text: string, 
/**
 * What the sentence rests on, e.g. "Based on 6 days this week and 7 the week before."
 */
basedOn: string, };

export type Dashboard = { range: Range, 
/**
 * First and last day shown, "YYYY-MM-DD".
 */
from: string, to: string, craving: ChartView, sleep: ChartView, mood: ChartView, cravingDays: Array<CravingDay>, sleepNights: Array<SleepNight>, moodDays: Array<MoodDay>, insights: Array<Insight>, };

export type ChartKind = "craving" | "sleep" | "mood";

export type ExportFormat = "svg" | "png";

export type ReminderKind = "hydration" | "wind_down" | "rest" | "checkin" | "custom";

export type ReminderInput = { title: string, message: string, enabled: boolean, 
/**
 * "HH:MM" for a daily reminder (for a wind-down: the planned bedtime).
 */
at: string | null, 
/**
 * Minutes before `at` (a wind-down before bedtime).
 */
beforeMin: number | null, everyMin: number | null, from: string | null, to: string | null, };

export type ReminderView = { id: number, kind: ReminderKind, title: string, message: string, enabled: boolean, at: string | null, beforeMin: number, everyMin: number | null, from: string | null, to: string | null, 
/**
 * The interval in use today, when adaptive hydration has shortened it.
 */
everyMinToday: number | null, 
/**
 * Why it comes more often today, in words.
 */
adaptiveReason: string | null, 
/**
 * Local "YYYY-MM-DDTHH:MM" of the next time it may come, if it is on.
 */
next: string | null, snoozedUntil: string | null, pausedUntil: string | null, pausedUntilResumed: boolean, 
/**
 * Local "YYYY-MM-DDTHH:MM" it last came.
 */
lastFired: string | null, };

export type ReminderSettings = { quietEnabled: boolean, 
/**
 * "HH:MM"
 */
quietStart: string, quietEnd: string, 
/**
 * Hydration reminders come more often on days with sweating, diarrhea, nausea or vomiting.
 */
adaptiveHydration: boolean, 
/**
 * Glasses of water a day.
 */
waterGoal: number, };

export type WaterToday = { day: string, glasses: number, goal: number, };

export type RemindersView = { reminders: Array<ReminderView>, settings: ReminderSettings, water: WaterToday, 
/**
 * All reminders paused until then (local "YYYY-MM-DDTHH:MM").
 */
allPausedUntil: string | null, allPausedUntilResumed: boolean, };

export type Pause = "hour" | "today" | "untilResumed" | "resume";

export type Firing = { reminderId: number, kind: ReminderKind, title: string, body: string, 
/**
 * It comes again after a snooze.
 */
snoozed: boolean, };

export type ReminderEvent = { "type": "inApp", firing: Firing, } | { "type": "changed" };

export type DesktopStatus = { available: boolean, 
/**
 * The server's name, or why there is none.
 */
detail: string, };
