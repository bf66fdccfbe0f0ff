// Generated from the Rust types in crates/companion-core by its `bindings` test.
// Do not edit by hand: run `UPDATE_BINDINGS=1 cargo test -p companion-core bindings`.

export type ErrorKind = "invalid" | "not_found" | "damaged" | "too_new" | "locked" | "storage";

export type ErrorBody = { kind: ErrorKind, message: string, 
/**
 * The form field the message belongs to, for `invalid` errors.
 */
field: string | null, };

export type EntryKind = "checkin" | "craving" | "dose";

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
recordedAt: string, timeZone: string, mood: number, 
/**
 * `None` for a check-in imported from a tracker that does not ask about cravings.
 */
craving: number | null, note: string, sleep: SleepView | null, };

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
at: string, timeZone: string, intensity: number, context: string, 
/**
 * After urge surfing: the strength it eased to, and the minutes it took.
 */
easedTo: number | null, surfMin: number | null, };

export type Entry = { "type": "checkin" } & CheckinView | { "type": "craving" } & CravingView | { "type": "dose" } & DoseView;

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
from: string, to: string, craving: ChartView, sleep: ChartView, mood: ChartView, 
/**
 * PHQ-9 and GAD-7 scores over the range, and the check-ups themselves for its table.
 */
checkups: ChartView, checkupRows: Array<CheckupView>, insights: Array<Insight>, };

export type TrendDays = { range: Range, from: string, to: string, cravingDays: Array<CravingDay>, sleepNights: Array<SleepNight>, moodDays: Array<MoodDay>, };

export type ChartKind = "craving" | "sleep" | "mood" | "checkups";

export type ExportFormat = "svg" | "png";

export type DiaryFormat = "json" | "csvZip";

export type DayRange = { from: string | null, to: string | null, };

export type KindCount = { 
/**
 * Words for the person: "check-ins".
 */
label: string, 
/**
 * Not in the diary yet: added.
 */
new: number, 
/**
 * Already in the diary exactly so.
 */
identical: number, 
/**
 * In the diary in another form (edited since, or another entry for the same night or
 * day): the diary's version is kept, unless it is set-up the person chose to take.
 */
different: number, 
/**
 * Set-up (reminders, settings, the plan for hard moments): taken from the file only
 * when the person asks.
 */
setup: boolean, };

export type MoodLabel = { label: string, count: number, 
/**
 * The suggested value for a label Daylio ships with (in English and common languages);
 * `None` for the person's own labels, which they choose.
 */
value: number | null, };

export type DaylioPreview = { entries: number, firstDay: string | null, lastDay: string | null, 
/**
 * Every mood label, most used first.
 */
labels: Array<MoodLabel>, 
/**
 * Entries not in the diary yet; the rest were imported before.
 */
new: number, };

export type LabelValue = { label: string, value: number, };

export type Skipped = { category: string, rows: number, 
/**
 * Why, in a few words.
 */
why: string, };

export type BearableCounts = { 
/**
 * Mood ratings, each a new check-in.
 */
checkins: number, 
/**
 * Days with symptoms the app tracks, each a new symptom check.
 */
symptomDays: number, 
/**
 * Nights of sleep and notes added to a check-in's note.
 */
noted: number, 
/**
 * Entries the diary already had (imported before).
 */
already: number, 
/**
 * How moods were read: "1–5, spread over 0–10" or "0–10".
 */
moodScale: string, skipped: Array<Skipped>, };

export type ComputerView = { 
/**
 * Its id, which "remove" names.
 */
id: string, 
/**
 * Its name, or "another computer" before its name has arrived.
 */
name: string, 
/**
 * This computer.
 */
this: boolean, 
/**
 * Local "YYYY-MM-DD HH:MM" of its last change seen here.
 */
lastChange: string | null, };

export type SyncView = { setUp: boolean, 
/**
 * The folder the person chose.
 */
folder: string | null, 
/**
 * This computer's name.
 */
computer: string | null, 
/**
 * How it stands, in one or two plain sentences.
 */
status: string, 
/**
 * Something needs the person's eye (the folder away, a clock far off, a file left).
 */
trouble: boolean, 
/**
 * Only in the answer to starting a shared diary: the code to write down, shown once.
 */
recoveryCode: string | null, 
/**
 * Every computer keeping this diary, as far as this one has seen: this one first.
 */
computers: Array<ComputerView>, 
/**
 * Two removals crossed, or this computer missed a new key: "Make a new key" is offered.
 */
newKeyNeeded: boolean, };

export type VersionField = { name: string, shown: string, other: string, };

export type OtherVersion = { 
/**
 * The entry's kind (`checkins`) and its row, and the computer that made the version: what
 * "use that version" and "keep this one" name.
 */
kind: string, row: string, node: string, 
/**
 * "Check-in of 2026-11-19".
 */
what: string, 
/**
 * The computer's name, or "another computer" before its name has arrived.
 */
computer: string, 
/**
 * Local "YYYY-MM-DD HH:MM" of that edit.
 */
at: string, 
/**
 * The fields that differ: the version shown, and that one.
 */
fields: Array<VersionField>, };

export type Reason = "daily" | "beforeUpdate" | "beforeRestore" | "beforeImport" | "manual";

export type EntryCounts = { checkins: number, cravings: number, doses: number, symptomChecks: number, };

export type BackupInfo = { 
/**
 * The file name inside `backups/`: what a restore names.
 */
name: string, 
/**
 * When it was made, RFC 3339 in UTC; the UI shows it in local time.
 */
madeAt: string, reason: Reason, sizeBytes: number, 
/**
 * `None` when the file failed its check under the passphrase in force.
 */
counts: EntryCounts | null, 
/**
 * It was written under another key than the diary's (a passphrase from before a change,
 * or while encryption was on or off): it opens only with the passphrase it was made
 * with, which restoring it asks for. `false` with no counts: it is damaged.
 */
earlierPassphrase: boolean, };

export type PrivacyView = { encrypted: boolean, locked: boolean, 
/**
 * Idle minutes before the app locks itself (0: never). Only used while encrypted.
 */
lockAfterMinutes: number, lockWhenHidden: boolean, 
/**
 * With the passphrase remembered: still ask for it when the app starts.
 */
lockOnStart: boolean, discreet: boolean, minPassphraseChars: number, 
/**
 * The passphrase is kept in this computer's keyring.
 */
remembered: boolean, 
/**
 * Why the keyring cannot be used here, if it cannot. Asked only of an encrypted diary,
 * the one place "remember" is offered: a plain diary never touches the keyring.
 */
keyringProblem: string | null, };

export type Instrument = "phq9" | "gad7" | "phq2" | "gad2";

export type Band = { name: string, min: number, max: number, 
/**
 * What the band means, in plain words.
 */
meaning: string, };

export type CheckupInput = { instrument: Instrument, 
/**
 * `None` for an item not answered yet: the error names it.
 */
answers: Array<number | null>, difficulty: number | null, };

export type Questionnaire = { instrument: Instrument, name: string, title: string, stem: string, items: Array<string>, options: Array<string>, difficultyQuestion: string, difficultyOptions: Array<string>, };

export type CheckupView = { id: number, instrument: Instrument, name: string, day: string, 
/**
 * Local "YYYY-MM-DDTHH:MM" in the zone it was taken in.
 */
at: string, answers: Array<number>, difficulty: number | null, total: number, maxScore: number, band: Band, 
/**
 * Said with every score.
 */
notADiagnosis: string, 
/**
 * The PHQ-9's ninth answer was above "Not at all": the safety screen comes first.
 */
safety: boolean, 
/**
 * A short screen at or over its cut-off: the full questionnaire to offer.
 */
offerFull: Instrument | null, };

export type CheckupsView = { questionnaires: Array<Questionnaire>, 
/**
 * The last year's check-ups, newest first.
 */
recent: Array<CheckupView>, 
/**
 * The questionnaires not taken in the last two weeks.
 */
due: Array<Instrument>, 
/**
 * The two-question screens (PHQ-2, GAD-2), offered with the check-in.
 */
quick: Array<Questionnaire>, 
/**
 * The person asked for them with the check-in.
 */
quickOn: boolean, 
/**
 * They are on and none was answered in the last week ([`QUICK_EVERY_DAYS`]).
 */
quickDue: boolean, 
/**
 * Who made the questionnaires, shown with them as their publishers ask.
 */
attribution: string, };

export type ReportSections = { taper: boolean, symptoms: boolean, sleep: boolean, cravings: boolean, mood: boolean, checkups: boolean, prompts: boolean, plan: boolean, notes: boolean, };

export type ReportInput = { 
/**
 * First and last day of the period, `YYYY-MM-DD`.
 */
from: string, to: string, sections: ReportSections, 
/**
 * Also write the figures as a CSV file beside the PDF.
 */
csv: boolean, };

export type ReportOptions = { from: string, to: string, sections: ReportSections, 
/**
 * The last day of the last report made, if any.
 */
lastReport: string | null, maxDays: number, };

export type ReportSaved = { path: string, 
/**
 * The CSV written beside it, if asked for.
 */
csvPath: string | null, pages: number, };

export type LockInput = { lockAfterMinutes: number, lockWhenHidden: boolean, lockOnStart: boolean, };

export type EncryptionInput = { current: string | null, new: string | null, again: string | null, };

export type ReminderKind = "hydration" | "wind_down" | "rest" | "checkin" | "checkup" | "custom";

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
waterGoal: number, 
/**
 * Notifications in neutral words, from "Reminders", with no sign of what the app is for.
 */
discreet: boolean, };

export type WaterToday = { day: string, glasses: number, goal: number, };

export type RemindersView = { reminders: Array<ReminderView>, settings: ReminderSettings, water: WaterToday, 
/**
 * All reminders paused until then (local "YYYY-MM-DDTHH:MM").
 */
allPausedUntil: string | null, allPausedUntilResumed: boolean, 
/**
 * The sender discreet reminders come from ("Reminders") where the system lets a
 * notification name it; `None` on Windows and macOS, which name the app themselves.
 */
discreetSender: string | null, };

export type Pause = "hour" | "today" | "untilResumed" | "resume";

export type Firing = { reminderId: number, kind: ReminderKind, title: string, body: string, 
/**
 * It comes again after a snooze.
 */
snoozed: boolean, 
/**
 * In discreet mode: neutral words (see [`discreet_words`]) from a neutral sender.
 */
discreet: boolean, };

export type ReminderEvent = { "type": "inApp", firing: Firing, } | { "type": "changed" } | { "type": "cravingNow" } | { "type": "locked" } | { "type": "synced" };

export type DesktopStatus = { available: boolean, 
/**
 * The server's name, or why there is none.
 */
detail: string, };

export type DoseUnit = "grams" | "capsules";

export type Preparation = "powder" | "capsules" | "tea" | "extract" | "other";

export type DoseInput = { 
/**
 * Local "YYYY-MM-DDTHH:MM"; absent means now.
 */
at: string | null, 
/**
 * Grams, or a number of capsules.
 */
amount: number | null, unit: DoseUnit, 
/**
 * Needed when the amount is in capsules.
 */
gramsPerCapsule: number | null, form: Preparation, note: string, };

export type DoseView = { id: number, 
/**
 * Local "YYYY-MM-DDTHH:MM" in the zone it was logged in.
 */
at: string, timeZone: string, unit: DoseUnit, amount: number, gramsPerCapsule: number | null, 
/**
 * The dose in milligrams.
 */
mg: number, form: Preparation, note: string, };

export type DoseLogged = { dose: DoseView, 
/**
 * When this dose ended a stretch of 36 hours or more without one: its length in hours.
 */
endedStretchHours: number | null, };

export type Stretch = { 
/**
 * Local "YYYY-MM-DDTHH:MM" of the dose before and the dose that ended it.
 */
from: string, to: string, hours: number, };

export type TimelineCard = { lastDose: DoseView | null, 
/**
 * Whole hours since the last dose.
 */
hoursSince: number | null, detoxDay: number | null, phase: Phase | null, 
/**
 * Earlier stretches without a dose, newest first (at most ten).
 */
stretches: Array<Stretch>, 
/**
 * Milligrams logged today.
 */
todayMg: number, 
/**
 * Where today falls in the taper plan in force, if one is (and not yet at zero).
 */
taper: TaperProgress | null, 
/**
 * Why the taper part cannot be shown, if it cannot; the rest of the card still shows.
 */
taperProblem: string | null, 
/**
 * The total of today's symptom check, if there is one.
 */
symptomsToday: number | null, prompts: Array<HelpPrompt>, 
/**
 * Why some prompts may be missing, if entries could not be read.
 */
promptsProblem: string | null, };

export type Phase = "before_symptoms" | "onset" | "acute" | "tail";

export type Symptom = "anxiety" | "irritability" | "restlessness" | "mood_swings" | "low_mood" | "cravings" | "insomnia" | "muscle_aches" | "joint_pain" | "sweating" | "chills" | "runny_nose" | "nausea" | "vomiting" | "stomach_upset" | "diarrhea";

export type SymptomScore = { symptom: Symptom, score: number, };

export type SymptomInput = { day: string, scores: Array<SymptomScore>, };

export type SymptomCheck = { day: string, saved: boolean, scores: Array<SymptomScore>, total: number, maxTotal: number, 
/**
 * Days since the last dose at the time the check describes (day 1 = first 24 hours).
 */
detoxDay: number | null, 
/**
 * Days since the taper's amount last went down (day 1 = the day it went down), when a
 * taper plan was in force that day and had already stepped down.
 */
stepDay: number | null, };

export type SymptomAxis = "detoxDay" | "stepDown";

export type SymptomTrend = { axis: SymptomAxis, chart: ChartView, 
/**
 * The symptoms drawn besides the total.
 */
shown: Array<Symptom>, 
/**
 * Every check of the last 90 days, newest first.
 */
rows: Array<SymptomCheck>, };

export type StepKind = "percent" | "amount";

export type Step = { from: string, to: string | null, mg: number, 
/**
 * Days added to this step by holds.
 */
heldDays: number, };

export type TaperInput = { 
/**
 * "YYYY-MM-DD"; today or later.
 */
startDay: string, startGrams: number | null, targetGrams: number | null, stepKind: StepKind, 
/**
 * Percent of the current amount, or grams.
 */
stepValue: number | null, daysPerStep: number | null, 
/**
 * The smallest amount the person can measure, e.g. 0.25.
 */
roundingGrams: number | null, dosesPerDay: number | null, 
/**
 * From this amount (grams a day) the last step goes to the target; needed for a
 * percentage taper to zero, which never gets there by itself.
 */
endGrams: number | null, 
/**
 * Optional final phase: from this many grams a day (and below) ...
 */
finalBelowGrams: number | null, 
/**
 * ... each step lowers the amount by this many grams.
 */
finalStepGrams: number | null, 
/**
 * The person confirms a starting amount above what they logged lately.
 */
confirmAboveLogged: boolean, note: string, };

export type TaperPlanView = { id: number, startDay: string, startMg: number, targetMg: number, stepKind: StepKind, 
/**
 * Percent, or milligrams.
 */
stepValue: number, daysPerStep: number, roundingMg: number, dosesPerDay: number | null, note: string, endedOn: string | null, endMg: number, finalBelowMg: number | null, finalStepMg: number | null, 
/**
 * How the plan ends, in words.
 */
ending: string, };

export type TaperDay = { day: string, plannedMg: number, 
/**
 * `None` when no dose was logged that day.
 */
takenMg: number | null, 
/**
 * The planned amount split over the plan's doses per day, each measurable, adding up to
 * the day's amount (empty when the plan does not say how many doses).
 */
dosesMg: Array<number>, 
/**
 * The plan's measuring unit.
 */
roundingMg: number, };

export type TaperView = { 
/**
 * The plan in force (not ended), if any.
 */
plan: TaperPlanView | null, 
/**
 * Why the plan in force cannot be turned into a schedule, if it cannot. It can still be
 * ended or replaced.
 */
problem: string | null, steps: Array<Step>, today: TaperDay | null, 
/**
 * Planned and logged per day, newest first, for the last 28 days under a plan.
 */
days: Array<TaperDay>, chart: ChartView, };

export type TaperPreview = { steps: Array<Step>, 
/**
 * How the plan ends, in words.
 */
ending: string, 
/**
 * The most logged on one day of the last week, when the plan starts above it.
 */
aboveLoggedMg: number | null, };

export type TaperProgress = { 
/**
 * 1 is the starting amount; `steps` is the target.
 */
step: number, steps: number, today: TaperDay, 
/**
 * Days since the amount last went down (0 on the day it did); `None` on the first step.
 */
daysSinceStepDown: number | null, 
/**
 * Within the first days after a step down, when symptoms often come back for a while.
 */
afterStepDown: boolean, 
/**
 * The next step's first day and amount, if there is one.
 */
nextFrom: string | null, nextMg: number | null, };

export type RecoveryPlan = { triggers: string, 
/**
 * Safety plan step 1: what the person notices before things get hard.
 */
warningSigns: string, 
/**
 * Step 2: what they can do on their own.
 */
copingSteps: string, reasons: string, 
/**
 * Step 3: people and places that take their mind off it.
 */
distractions: string, 
/**
 * Step 4: people they can ask for help (their supporters are listed beside it).
 */
helpers: string, 
/**
 * Step 5: professionals and services (the care team and crisis lines are listed beside it).
 */
professionals: string, 
/**
 * Step 6: making their surroundings safer, in their own words.
 */
saferSurroundings: string, };

export type ContactKind = "support" | "care" | "crisis";

export type ContactInput = { kind: ContactKind, name: string, phone: string, note: string, };

export type Contact = { id: number, kind: ContactKind, name: string, phone: string, note: string, };

export type PlanSection = { 
/**
 * The field of [`RecoveryPlan`] it is kept in.
 */
key: string, title: string, text: string, };

export type PlanView = { plan: RecoveryPlan, 
/**
 * Every section of the plan in the safety plan's order, with its heading; the screens
 * and the printed page show the ones written.
 */
sections: Array<PlanSection>, contacts: Array<Contact>, };

export type HelpView = { 
/**
 * A region code of `assets/content/help.json`, or `None` when nothing was chosen and the
 * time zone names no place: the screen then asks, and shows the general advice.
 */
region: string | null, 
/**
 * Whether the person chose it (otherwise it is guessed from the time zone).
 */
regionChosen: boolean, 
/**
 * Care team and the person's own crisis lines.
 */
contacts: Array<Contact>, 
/**
 * Why the person's own numbers cannot be shown, if they cannot.
 */
contactsProblem: string | null, prompts: Array<HelpPrompt>, 
/**
 * Why some prompts may be missing, if entries could not be read.
 */
promptsProblem: string | null, };

export type HelpPrompt = { 
/**
 * Stable, for tests and for the UI to tell prompts apart.
 */
id: string, message: string, 
/**
 * What in the entries set this prompt off.
 */
basis: string, };

export type UrgeSurfInput = { before: number | null, after: number | null, 
/**
 * Minutes the timer ran.
 */
minutes: number | null, context: string, };

/** The core's text limits, in characters. */
export const LIMITS = {
  checkinNote: 5000,
  cravingContext: 1000,
  doseNote: 1000,
  taperNote: 2000,
  planText: 4000,
} as const;
