//! The detox journey: doses and the timeline since the last one, withdrawal symptoms, a
//! clinician's taper plan, the relapse-prevention plan with the person's contacts, urge
//! surfing, crisis lines by region, and prompts to seek help. Pure rules live in the child
//! modules; this file holds the types that cross IPC and the use cases on [`Companion`].

pub mod prompts;
pub(crate) mod store;
pub mod symptoms;
pub mod taper;
pub mod timeline;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::charts::{self, ChartView, Theme};
use crate::error::{Error, Result};
use crate::model::craving::{Craving, CravingView};
use crate::model::{
    bounded_text, check_day, fmt_local, parse_at, parse_day, ranged, resolve_local, to_local,
};
use crate::reminders::store::setting;
use crate::Companion;
pub use prompts::HelpPrompt;
pub use symptoms::{Symptom, SymptomInput, SymptomScore};
pub use taper::{Step, StepKind};
pub use timeline::Phase;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum DoseUnit {
    Grams,
    Capsules,
}

impl DoseUnit {
    fn as_str(self) -> &'static str {
        match self {
            DoseUnit::Grams => "grams",
            DoseUnit::Capsules => "capsules",
        }
    }
    fn parse(s: &str) -> Self {
        if s == "capsules" {
            DoseUnit::Capsules
        } else {
            DoseUnit::Grams
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum DoseForm {
    Powder,
    Capsules,
    Tea,
    Extract,
    Other,
}

impl DoseForm {
    fn as_str(self) -> &'static str {
        match self {
            DoseForm::Powder => "powder",
            DoseForm::Capsules => "capsules",
            DoseForm::Tea => "tea",
            DoseForm::Extract => "extract",
            DoseForm::Other => "other",
        }
    }
    fn parse(s: &str) -> Self {
        match s {
            "powder" => DoseForm::Powder,
            "capsules" => DoseForm::Capsules,
            "tea" => DoseForm::Tea,
            "extract" => DoseForm::Extract,
            _ => DoseForm::Other,
        }
    }
}

/// A dose as the form sends it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DoseInput {
    /// Local "YYYY-MM-DDTHH:MM"; absent means now.
    pub at: Option<String>,
    /// Grams, or a number of capsules.
    pub amount: Option<f64>,
    pub unit: DoseUnit,
    /// Needed when the amount is in capsules.
    pub grams_per_capsule: Option<f64>,
    pub form: DoseForm,
    pub note: String,
}

/// A validated dose.
#[derive(Debug, Clone, PartialEq)]
pub struct Dose {
    pub at: DateTime<Utc>,
    pub unit: DoseUnit,
    pub amount_milli: u32,
    pub mg_per_capsule: Option<u32>,
    pub mg: u32,
    pub form: DoseForm,
    pub note: String,
}

/// A stored dose, as the history and the home screen show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DoseView {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    /// Local "YYYY-MM-DDTHH:MM" in the zone it was logged in.
    pub at: String,
    pub time_zone: String,
    pub unit: DoseUnit,
    pub amount: f64,
    pub grams_per_capsule: Option<f64>,
    /// The dose in milligrams.
    pub mg: u32,
    pub form: DoseForm,
    pub note: String,
}

/// The most a single dose may be, in grams or capsules: more is surely a typing slip.
pub const MAX_DOSE_G: f64 = 500.0;
pub const NOTE_MAX_CHARS: usize = 1000;

/// A positive amount of grams (or capsules) as thousandths, at most `max`.
fn milli(field: &'static str, what: &str, value: Option<f64>, max: f64) -> Result<u32> {
    let v = value.ok_or_else(|| Error::invalid(field, format!("Please enter {what}.")))?;
    if !v.is_finite() || v <= 0.0 {
        return Err(Error::invalid(
            field,
            format!("Please enter {what} above zero."),
        ));
    }
    if v > max {
        return Err(Error::invalid(
            field,
            format!("That is more than {max} for {what}. Please check the number."),
        ));
    }
    // Below a milligram cannot be weighed; refuse rather than store zero.
    let m = (v * 1000.0).round();
    if m < 1.0 {
        return Err(Error::invalid(
            field,
            format!("Please enter {what} of at least 0.001."),
        ));
    }
    Ok(m as u32)
}

impl Dose {
    pub fn new(input: &DoseInput, zone: chrono_tz::Tz, now: DateTime<Utc>) -> Result<Self> {
        let at = parse_at("at", input.at.as_deref(), zone, now)?;
        let (amount_milli, mg_per_capsule, mg) = match input.unit {
            DoseUnit::Grams => {
                let mg = milli("amount", "the amount in grams", input.amount, MAX_DOSE_G)?;
                (mg, None, mg)
            }
            DoseUnit::Capsules => {
                let count = milli("amount", "the number of capsules", input.amount, 200.0)?;
                let per = milli(
                    "gramsPerCapsule",
                    "the grams in one capsule",
                    input.grams_per_capsule,
                    5.0,
                )?;
                let mg = u64::from(count) * u64::from(per) / 1000;
                if mg > (MAX_DOSE_G * 1000.0) as u64 {
                    return Err(Error::invalid(
                        "amount",
                        "That adds up to more than 500 g. Please check the numbers.",
                    ));
                }
                (count, Some(per), (mg as u32).max(1))
            }
        };
        Ok(Dose {
            at,
            unit: input.unit,
            amount_milli,
            mg_per_capsule,
            mg,
            form: input.form,
            note: bounded_text("note", "the note", &input.note, NOTE_MAX_CHARS)?,
        })
    }
}

/// What logging a dose did to the timeline, for a kind word about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DoseLogged {
    pub dose: DoseView,
    /// When this dose ended a stretch of 36 hours or more without one: its length in hours.
    #[cfg_attr(test, ts(type = "number | null"))]
    pub ended_stretch_hours: Option<i64>,
}

/// A stretch without a dose that a later dose ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Stretch {
    /// Local "YYYY-MM-DDTHH:MM" of the dose before and the dose that ended it.
    pub from: String,
    pub to: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub hours: i64,
}

/// The home screen's timeline card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Journey {
    pub last_dose: Option<DoseView>,
    /// Whole hours since the last dose.
    #[cfg_attr(test, ts(type = "number | null"))]
    pub hours_since: Option<i64>,
    pub detox_day: Option<u32>,
    pub phase: Option<Phase>,
    /// Earlier stretches without a dose, newest first (at most ten).
    pub stretches: Vec<Stretch>,
    /// Milligrams logged today.
    pub today_mg: u32,
    /// Where today falls in the taper plan in force, if one is (and not yet at zero).
    pub taper: Option<TaperProgress>,
    /// Why the taper part cannot be shown, if it cannot; the rest of the card still shows.
    pub taper_problem: Option<String>,
    /// The total of today's symptom check, if there is one.
    pub symptoms_today: Option<u32>,
    pub prompts: Vec<HelpPrompt>,
    /// Why some prompts may be missing, if entries could not be read.
    pub prompts_problem: Option<String>,
}

/// Today within a taper: the step, the amount, and how long since the amount last went down.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TaperProgress {
    /// 1 is the starting amount; `steps` is the target.
    pub step: u32,
    pub steps: u32,
    pub today: TaperDay,
    /// Days since the amount last went down (0 on the day it did); `None` on the first step.
    pub days_since_step_down: Option<u32>,
    /// The next step's first day and amount, if there is one.
    pub next_from: Option<String>,
    pub next_mg: Option<u32>,
}

/// One day's symptom check (all zeros and `saved: false` when there is none yet).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SymptomCheck {
    pub day: String,
    pub saved: bool,
    pub scores: Vec<SymptomScore>,
    pub total: u32,
    pub max_total: u32,
    /// Days since the last dose at the time the check describes (day 1 = first 24 hours).
    pub detox_day: Option<u32>,
    /// Days since the taper's amount last went down (day 1 = the day it went down), when a
    /// taper plan was in force that day and had already stepped down.
    pub step_day: Option<u32>,
}

/// What the symptom chart counts its days from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum SymptomAxis {
    /// Days since the last dose: for a stop.
    DetoxDay,
    /// Days since the taper's last step down: for a taper.
    StepDown,
}

/// The symptoms chart and its table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SymptomTrend {
    pub axis: SymptomAxis,
    pub chart: ChartView,
    /// The symptoms drawn besides the total.
    pub shown: Vec<Symptom>,
    /// Every check of the last 90 days, newest first.
    pub rows: Vec<SymptomCheck>,
}

/// A taper plan as the form sends it: amounts in grams.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TaperInput {
    /// "YYYY-MM-DD"; today or later.
    pub start_day: String,
    pub start_grams: Option<f64>,
    pub target_grams: Option<f64>,
    pub step_kind: StepKind,
    /// Percent of the current amount, or grams.
    pub step_value: Option<f64>,
    #[cfg_attr(test, ts(type = "number | null"))]
    pub days_per_step: Option<i64>,
    /// The smallest amount the person can measure, e.g. 0.25.
    pub rounding_grams: Option<f64>,
    #[cfg_attr(test, ts(type = "number | null"))]
    pub doses_per_day: Option<i64>,
    /// From this amount (grams a day) the last step goes to the target; needed for a
    /// percentage taper to zero, which never gets there by itself.
    pub end_grams: Option<f64>,
    /// Optional final phase: from this many grams a day (and below) ...
    pub final_below_grams: Option<f64>,
    /// ... each step lowers the amount by this many grams.
    pub final_step_grams: Option<f64>,
    /// The person confirms a starting amount above what they logged lately.
    pub confirm_above_logged: bool,
    pub note: String,
}

/// What a plan would do, before it is saved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TaperPreview {
    pub steps: Vec<Step>,
    /// How the plan ends, in words.
    pub ending: String,
    /// The most logged on one day of the last week, when the plan starts above it.
    pub above_logged_mg: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TaperPlanView {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub start_day: String,
    pub start_mg: u32,
    pub target_mg: u32,
    pub step_kind: StepKind,
    /// Percent, or milligrams.
    pub step_value: u32,
    pub days_per_step: u32,
    pub rounding_mg: u32,
    pub doses_per_day: Option<u32>,
    pub note: String,
    pub ended_on: Option<String>,
    pub end_mg: u32,
    pub final_below_mg: Option<u32>,
    pub final_step_mg: Option<u32>,
    /// How the plan ends, in words.
    pub ending: String,
}

impl TaperPlanView {
    fn rule(&self) -> taper::Rule {
        taper::Rule {
            start_mg: self.start_mg,
            target_mg: self.target_mg,
            kind: self.step_kind,
            value: self.step_value,
            days_per_step: self.days_per_step,
            rounding_mg: self.rounding_mg,
            end_mg: self.end_mg,
            final_phase: self
                .final_below_mg
                .zip(self.final_step_mg)
                .map(|(below_mg, step_mg)| taper::FinalPhase { below_mg, step_mg }),
        }
    }

    /// Not ended by `today`. A plan ended on its own start day was withdrawn before it began.
    fn in_force(&self, today: &str) -> bool {
        self.ended_on
            .as_deref()
            .is_none_or(|e| e > today && e > self.start_day.as_str())
    }

    /// The schedule of this plan with its holds; an error when it cannot be made.
    fn schedule(&self, conn: &rusqlite::Connection) -> Result<Vec<taper::RawStep>> {
        let start = parse_day("startDay", &self.start_day)?;
        taper::schedule(start, &self.rule(), &store::holds(conn, self.id)?)
    }
}

/// A day of a taper: what the plan says and what was logged.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TaperDay {
    pub day: String,
    pub planned_mg: u32,
    /// `None` when no dose was logged that day.
    pub taken_mg: Option<u32>,
    /// The planned amount split over the plan's doses per day, each measurable, adding up to
    /// the day's amount (empty when the plan does not say how many doses).
    pub doses_mg: Vec<u32>,
    /// The plan's measuring unit.
    pub rounding_mg: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TaperView {
    /// The plan in force (not ended), if any.
    pub plan: Option<TaperPlanView>,
    /// Why the plan in force cannot be turned into a schedule, if it cannot. It can still be
    /// ended or replaced.
    pub problem: Option<String>,
    pub steps: Vec<Step>,
    pub today: Option<TaperDay>,
    /// Planned and logged per day, newest first, for the last 28 days under a plan.
    pub days: Vec<TaperDay>,
    pub chart: ChartView,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RecoveryPlan {
    pub triggers: String,
    pub warning_signs: String,
    pub coping_steps: String,
    pub reasons: String,
}

pub const PLAN_TEXT_MAX: usize = 4000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ContactKind {
    /// Friends, family, a sponsor: people to reach out to.
    Support,
    /// Doctor, counsellor, clinic.
    Care,
    /// A crisis line the person or their provider added.
    Crisis,
}

impl ContactKind {
    fn as_str(self) -> &'static str {
        match self {
            ContactKind::Support => "support",
            ContactKind::Care => "care",
            ContactKind::Crisis => "crisis",
        }
    }
    fn parse(s: &str) -> Self {
        match s {
            "care" => ContactKind::Care,
            "crisis" => ContactKind::Crisis,
            _ => ContactKind::Support,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ContactInput {
    pub kind: ContactKind,
    pub name: String,
    pub phone: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Contact {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub kind: ContactKind,
    pub name: String,
    pub phone: String,
    pub note: String,
}

/// The relapse-prevention plan with the person's contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PlanView {
    pub plan: RecoveryPlan,
    pub contacts: Vec<Contact>,
}

/// The help screen. Each part stands on its own: the region comes from the person's choice
/// (see [`crate::help`]) or the time zone, never from the diary, so it shows whatever else fails.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HelpView {
    /// A region code of `assets/content/help.json`, or `None` when nothing was chosen and the
    /// time zone names no place: the screen then asks, and shows the general advice.
    pub region: Option<String>,
    /// Whether the person chose it (otherwise it is guessed from the time zone).
    pub region_chosen: bool,
    /// Care team and the person's own crisis lines.
    pub contacts: Vec<Contact>,
    /// Why the person's own numbers cannot be shown, if they cannot.
    pub contacts_problem: Option<String>,
    pub prompts: Vec<HelpPrompt>,
    /// Why some prompts may be missing, if entries could not be read.
    pub prompts_problem: Option<String>,
}

impl HelpView {
    /// Get help whether or not the diary could be opened: from `app` when it was, else from
    /// the region file in `dir` and the system's time zone.
    pub fn of(app: Option<&Companion>, dir: Option<&std::path::Path>) -> HelpView {
        match app {
            Some(app) => app.help(),
            None => {
                let zone = crate::Clock::zone(&crate::SystemClock);
                HelpView::without_diary(dir, zone.name())
            }
        }
    }

    /// Saves the region the person chose, with or without the diary.
    pub fn choose(
        app: Option<&Companion>,
        dir: Option<&std::path::Path>,
        region: &str,
    ) -> Result<HelpView> {
        match (app, dir) {
            (Some(app), _) => app.set_crisis_region(region),
            (None, Some(dir)) => {
                crate::help::choose(dir, region)?;
                Ok(HelpView::of(None, Some(dir)))
            }
            (None, None) => Err(Error::invalid(
                "region",
                "There is no folder to keep the choice in.",
            )),
        }
    }

    /// Get help without the diary: the region alone, and why the rest is missing.
    pub fn without_diary(dir: Option<&std::path::Path>, zone: &str) -> HelpView {
        let choice = crate::help::region(dir, zone);
        HelpView {
            region: choice.region.map(str::to_owned),
            region_chosen: choice.chosen,
            contacts: vec![],
            contacts_problem: Some(
                "Your diary could not be opened, so your own numbers cannot be shown here right now."
                    .into(),
            ),
            prompts: vec![],
            prompts_problem: None,
        }
    }
}

/// Urge surfing: riding a craving out with a timer, rated at the start and at the end.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct UrgeSurfInput {
    #[cfg_attr(test, ts(type = "number | null"))]
    pub before: Option<i64>,
    #[cfg_attr(test, ts(type = "number | null"))]
    pub after: Option<i64>,
    /// Minutes the timer ran.
    #[cfg_attr(test, ts(type = "number | null"))]
    pub minutes: Option<i64>,
    pub context: String,
}

/// The symptoms a chart shows besides the total when none are chosen.
const DEFAULT_SHOWN: [Symptom; 3] = [Symptom::Cravings, Symptom::Insomnia, Symptom::Anxiety];
/// Symptom checks read for the chart and table.
const SYMPTOM_DAYS: i64 = 90;

impl Companion {
    fn local_today(&self) -> NaiveDate {
        self.clock
            .now()
            .with_timezone(&self.clock.zone())
            .date_naive()
    }

    /// Logs a dose. If it ends a stretch of 36 hours or more, says how long that stretch was.
    pub fn log_dose(&self, input: &DoseInput) -> Result<DoseLogged> {
        self.write(|tx, now| {
            let zone = self.clock.zone();
            let dose = Dose::new(input, zone, self.clock.now())?;
            let day = dose.at.with_timezone(&zone).date_naive().to_string();
            let before = store::last_dose(tx, dose.at.timestamp())?;
            let id = store::insert_dose(tx, &dose, zone.name(), &day, now)?;
            // Only a dose that is now the newest restarts the timeline.
            let newest = store::last_dose(tx, i64::MAX)?.is_some_and(|(_, v)| v.id == id);
            let mut ended_stretch_hours = before
                .map(|(at, _)| dose.at - at)
                .filter(|gap| newest && *gap >= timeline::STRETCH_MIN)
                .map(|gap| gap.num_hours());
            // A dose the taper plans for that day is the plan, not a return after a stop.
            if ended_stretch_hours.is_some() {
                let local_day = dose.at.with_timezone(&zone).date_naive();
                if self
                    .taper_days(tx, local_day, local_day)?
                    .first()
                    .is_some_and(|d| d.planned_mg > 0)
                {
                    ended_stretch_hours = None;
                }
            }
            Ok(DoseLogged {
                dose: store::dose(tx, id)?,
                ended_stretch_hours,
            })
        })
    }

    pub fn journey(&self) -> Result<Journey> {
        let now = self.clock.now();
        let zone = self.clock.zone();
        let today = self.local_today();
        let conn = self.lock();
        // A dose logged a moment "ahead" (clock slack) still counts as the last one.
        let last = store::last_dose(&conn, (now + crate::model::FUTURE_SLACK).timestamp())?;
        let since = last
            .as_ref()
            .map(|(at, _)| (now - *at).max(Duration::zero()));
        let times = store::dose_times(&conn)?;
        let stretches = timeline::past_stretches(&times)
            .into_iter()
            .take(10)
            .map(|(a, b)| Stretch {
                from: fmt_local(to_local(zone, a)),
                to: fmt_local(to_local(zone, b)),
                hours: (b - a).num_hours(),
            })
            .collect();
        let day = today.to_string();
        let today_mg = store::mg_per_day(&conn, &day, &day)?
            .first()
            .map_or(0, |&(_, mg)| mg);
        let (taper, taper_problem) = match self.taper_progress(&conn) {
            Ok(t) => (t, None),
            Err(_) => (
                None,
                Some("Your taper plan cannot be shown here right now. The Plan screen says why, and you can stop following it or enter a new one there.".to_owned()),
            ),
        };
        let symptoms_today = store::symptom_checks(&conn, &day, &day)?
            .first()
            .map(|c| symptoms::total(&c.2));
        let (prompts, prompts_problem) = self.prompts(&conn);
        Ok(Journey {
            last_dose: last.map(|(_, v)| v),
            hours_since: since.map(|s| s.num_hours()),
            detox_day: since.map(timeline::detox_day),
            phase: since.map(timeline::phase),
            stretches,
            today_mg,
            taper,
            taper_problem,
            symptoms_today,
            prompts,
            prompts_problem,
        })
    }

    /// The instant a symptom check of `day` describes: now for today, the end of an earlier day.
    fn symptom_instant(&self, day: NaiveDate) -> DateTime<Utc> {
        let now = self.clock.now();
        if day >= self.local_today() {
            return now;
        }
        let end = day.and_time(NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default());
        resolve_local(self.clock.zone(), end).min(now)
    }

    fn check_view(
        &self,
        conn: &rusqlite::Connection,
        plans: &[PlanSchedule],
        day: NaiveDate,
        at: DateTime<Utc>,
        scores: Vec<SymptomScore>,
        saved: bool,
    ) -> Result<SymptomCheck> {
        let detox_day = store::last_dose(conn, at.timestamp())?
            .map(|(dose_at, _)| timeline::detox_day(at - dose_at));
        Ok(SymptomCheck {
            day: day.to_string(),
            saved,
            total: symptoms::total(&scores),
            max_total: symptoms::max_total(),
            scores,
            detox_day,
            step_day: step_down_on(plans, day).map(|from| (day - from).num_days() as u32 + 1),
        })
    }

    /// The symptom check of `day` (an empty one if none was saved).
    pub fn symptom_check(&self, day: &str) -> Result<SymptomCheck> {
        let d = parse_day("day", day)?;
        let conn = self.lock();
        let plans = self.schedules(&conn)?;
        match store::symptom_checks(&conn, &d.to_string(), &d.to_string())?.pop() {
            Some((day, at, scores)) => self.check_view(&conn, &plans, day, at, scores, true),
            None => {
                let scores = symptoms::validate(&[])?;
                self.check_view(&conn, &plans, d, self.symptom_instant(d), scores, false)
            }
        }
    }

    /// Saves the symptom check of a day, replacing one saved earlier that day.
    pub fn save_symptoms(&self, input: &SymptomInput) -> Result<SymptomCheck> {
        let day = parse_day("day", &input.day)?;
        check_day("day", day, self.local_today())?;
        let scores = symptoms::validate(&input.scores)?;
        let at = self.symptom_instant(day);
        self.write(|tx, now| {
            let zone = self.clock.zone();
            store::save_symptoms(
                tx,
                &day.to_string(),
                at.timestamp(),
                zone.name(),
                &scores,
                now,
            )?;
            let plans = self.schedules(tx)?;
            self.check_view(tx, &plans, day, at, scores, true)
        })
    }

    /// Symptom checks by detox day, or by days since the taper's last step down, with `shown`
    /// symptoms drawn beside the total.
    pub fn symptom_trend(
        &self,
        shown: &[Symptom],
        axis: SymptomAxis,
        theme: Theme,
    ) -> Result<SymptomTrend> {
        let mut shown = if shown.is_empty() {
            DEFAULT_SHOWN.to_vec()
        } else {
            shown.to_vec()
        };
        shown.sort();
        shown.dedup();
        shown.truncate(3);
        let today = self.local_today();
        let conn = self.lock();
        let plans = self.schedules(&conn)?;
        let from = (today - Duration::days(SYMPTOM_DAYS)).to_string();
        let mut rows = vec![];
        // Each check's start: the last dose before it, or the step down it follows.
        let mut starts: Vec<Option<NaiveDate>> = vec![];
        for (day, at, scores) in store::symptom_checks(&conn, &from, &today.to_string())? {
            starts.push(match axis {
                SymptomAxis::DetoxDay => store::last_dose(&conn, at.timestamp())?
                    .map(|(t, _)| to_local(self.clock.zone(), t).date()),
                SymptomAxis::StepDown => step_down_on(&plans, day),
            });
            rows.push(self.check_view(&conn, &plans, day, at, scores, true)?);
        }
        // The chart follows the stretch (or the step) of the newest check that has a start.
        let start = starts.iter().rev().flatten().next().copied();
        let points: Vec<(u32, &SymptomCheck)> = rows
            .iter()
            .zip(&starts)
            .filter(|(_, s)| start.is_some() && **s == start)
            .filter_map(|(r, _)| {
                let x = match axis {
                    SymptomAxis::DetoxDay => r.detox_day,
                    SymptomAxis::StepDown => r.step_day,
                };
                Some((x?, r))
            })
            .collect();
        let chart = charts::detox::symptoms(&points, &shown, axis, start, rows.len(), theme)?;
        rows.reverse();
        Ok(SymptomTrend {
            axis,
            chart,
            shown,
            rows,
        })
    }

    /// Every plan, oldest first, each with its schedule or the reason it has none. A plan that
    /// cannot be scheduled covers no days; it never stops the others from showing.
    fn schedules(&self, conn: &rusqlite::Connection) -> Result<Vec<PlanSchedule>> {
        Ok(store::plans(conn)?
            .into_iter()
            .map(|p| {
                let s = p.schedule(conn);
                (p, s)
            })
            .collect())
    }

    /// Planned amount per day from `from` to `to`, with what was logged, for days a plan covers.
    fn taper_days(
        &self,
        conn: &rusqlite::Connection,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<TaperDay>> {
        let plans = self.schedules(conn)?;
        let taken = store::mg_per_day(conn, &from.to_string(), &to.to_string())?;
        let mut out = vec![];
        let mut day = from;
        while day <= to {
            let key = day.to_string();
            let plan = plans
                .iter()
                .rev()
                .find(|(p, _)| p.start_day.as_str() <= key.as_str());
            if let Some((p, Ok(steps))) = plan {
                let ended = p.ended_on.as_deref().is_some_and(|e| e <= key.as_str());
                if let (false, Some(planned)) = (ended, taper::planned_on(steps, day)) {
                    out.push(TaperDay {
                        day: key,
                        planned_mg: planned,
                        taken_mg: taken.iter().find(|(d, _)| *d == day).map(|&(_, mg)| mg),
                        doses_mg: p
                            .doses_per_day
                            .map(|n| taper::split(planned, n, p.rounding_mg))
                            .unwrap_or_default(),
                        rounding_mg: p.rounding_mg,
                    });
                }
            }
            day += Duration::days(1);
        }
        Ok(out)
    }

    /// The plan in force today (started, not ended), if any.
    fn plan_in_force(&self, conn: &rusqlite::Connection) -> Result<Option<PlanSchedule>> {
        let today = self.local_today().to_string();
        Ok(self
            .schedules(conn)?
            .pop()
            .filter(|(p, _)| p.in_force(&today)))
    }

    /// Where today falls in the plan in force; `None` without a plan, before it starts, or
    /// once the amount is zero (then the dose-free timeline applies).
    fn taper_progress(&self, conn: &rusqlite::Connection) -> Result<Option<TaperProgress>> {
        let today = self.local_today();
        let Some((_, steps)) = self.plan_in_force(conn)? else {
            return Ok(None);
        };
        let steps = steps?;
        let Some(i) = steps
            .iter()
            .position(|s| s.from <= today && s.to.is_none_or(|to| today <= to))
        else {
            return Ok(None);
        };
        let Some(day) = self.taper_days(conn, today, today)?.pop() else {
            return Ok(None);
        };
        if day.planned_mg == 0 {
            return Ok(None);
        }
        let next = steps.get(i + 1);
        Ok(Some(TaperProgress {
            step: i as u32 + 1,
            steps: steps.len() as u32,
            today: day,
            days_since_step_down: (i > 0).then(|| (today - steps[i].from).num_days() as u32),
            next_from: next.map(|n| n.from.to_string()),
            next_mg: next.map(|n| n.mg),
        }))
    }

    /// The taper screen: the plan in force, its steps, today, recent days and the chart. A plan
    /// that cannot be scheduled is shown with the reason, so it can be ended or replaced.
    pub fn taper(&self, theme: Theme) -> Result<TaperView> {
        let today = self.local_today();
        let conn = self.lock();
        let plans = store::plans(&conn)?;
        let current = self.plan_in_force(&conn)?;
        let (steps, problem) = match &current {
            Some((_, Ok(steps))) => (steps.clone(), None),
            Some((_, Err(e))) => (
                vec![],
                Some(format!(
                    "This plan cannot be turned into a schedule: {e} You can stop following it or enter a new one."
                )),
            ),
            None => (vec![], None),
        };
        let first = plans
            .first()
            .and_then(|p| p.start_day.parse::<NaiveDate>().ok())
            .unwrap_or(today)
            .max(today - Duration::days(120));
        // Show the plan ahead until it reaches its target, up to half a year.
        let end = steps
            .last()
            .map_or(today, |s| s.from)
            .max(today)
            .min(today + Duration::days(180));
        let chart_days = self.taper_days(&conn, first, end)?;
        let chart = charts::detox::taper(&chart_days, today, theme)?;
        let mut days: Vec<TaperDay> = chart_days
            .iter()
            .filter(|d| d.day.as_str() <= today.to_string().as_str())
            .cloned()
            .collect();
        let today_row = days.last().filter(|d| d.day == today.to_string()).cloned();
        days.reverse();
        days.truncate(28);
        Ok(TaperView {
            today: current.as_ref().and(today_row),
            plan: current.map(|(p, _)| p),
            problem,
            steps: steps.iter().map(taper::RawStep::view).collect(),
            days,
            chart,
        })
    }

    /// The most logged on one day of the last week (today included), if anything was.
    fn recent_most_mg(&self, conn: &rusqlite::Connection) -> Result<Option<u32>> {
        let today = self.local_today();
        Ok(store::mg_per_day(
            conn,
            &(today - Duration::days(7)).to_string(),
            &today.to_string(),
        )?
        .into_iter()
        .map(|(_, mg)| mg)
        .max())
    }

    /// Validates a taper plan into its rule, start day and doses per day.
    fn taper_rule(
        &self,
        conn: &rusqlite::Connection,
        input: &TaperInput,
    ) -> Result<(NaiveDate, taper::Rule, Option<u32>, String)> {
        let today = self.local_today();
        let start_day = parse_day("startDay", &input.start_day)?;
        // A plan may reach back to the first logged dose, so its days can be compared.
        let first_dose = store::first_dose_day(conn)?;
        let earliest = first_dose
            .map_or(today, |d| d.min(today))
            .max(today - Duration::days(30));
        if start_day < earliest {
            return Err(Error::invalid(
                "startDay",
                if earliest == today {
                    "A plan can start today or later; there are no logged doses before today to compare it with.".to_owned()
                } else {
                    format!(
                        "A plan can start at the earliest on {}: from your first logged dose, and at most 30 days back. Please pick that day or a later one.",
                        earliest.format("%-d %B")
                    )
                },
            ));
        }
        if start_day > today + Duration::days(60) {
            return Err(Error::invalid(
                "startDay",
                "A plan can start at most 60 days ahead. Please pick an earlier day.",
            ));
        }
        let rounding = milli(
            "roundingGrams",
            "the smallest amount you can measure",
            input.rounding_grams,
            10.0,
        )?;
        let unit = taper::grams(rounding);
        let on_grid = |field: &'static str, what: &str, mg: u32| {
            if mg % rounding == 0 {
                Ok(mg)
            } else {
                Err(Error::invalid(
                    field,
                    format!("Please enter {what} you can measure: a multiple of {unit}."),
                ))
            }
        };
        let start_mg = milli(
            "startGrams",
            "the starting amount per day",
            input.start_grams,
            MAX_DOSE_G,
        )?;
        let start_mg = on_grid("startGrams", "a starting amount", start_mg)?;
        let target_mg = match input.target_grams {
            Some(0.0) => 0,
            t => milli("targetGrams", "the target per day", t, MAX_DOSE_G)?,
        };
        let target_mg = on_grid("targetGrams", "a target", target_mg)?;
        if target_mg >= start_mg {
            return Err(Error::invalid(
                "targetGrams",
                "The target needs to be less than the starting amount.",
            ));
        }
        let value = match input.step_kind {
            StepKind::Percent => {
                let v = input.step_value.map(|v| v.round() as i64);
                ranged("stepValue", "the percentage per step", v, 1, 50)? as u32
            }
            StepKind::Amount => milli(
                "stepValue",
                "the amount per step",
                input.step_value,
                MAX_DOSE_G,
            )?,
        };
        let days = ranged(
            "daysPerStep",
            "the days per step",
            input.days_per_step,
            1,
            90,
        )? as u32;
        let end_mg = match input.end_grams {
            None | Some(0.0) => 0,
            e => milli(
                "endGrams",
                "the amount the last step starts from",
                e,
                MAX_DOSE_G,
            )?,
        };
        if end_mg >= start_mg {
            return Err(Error::invalid(
                "endGrams",
                "The last step needs to start below the starting amount.",
            ));
        }
        if input.step_kind == StepKind::Percent && target_mg == 0 && end_mg == 0 {
            return Err(Error::invalid(
                "endGrams",
                "A percentage step never reaches zero by itself. Please enter the amount from which the last step goes to zero, for example 0.5 g.",
            ));
        }
        let final_phase = match (input.final_below_grams, input.final_step_grams) {
            (None, None) => None,
            (below, step) => {
                let below_mg = milli(
                    "finalBelowGrams",
                    "the amount the final phase starts from",
                    below,
                    MAX_DOSE_G,
                )?;
                let step_mg = milli("finalStepGrams", "the final phase's step", step, MAX_DOSE_G)?;
                if below_mg <= target_mg {
                    return Err(Error::invalid(
                        "finalBelowGrams",
                        "The final phase needs to start above the target.",
                    ));
                }
                Some(taper::FinalPhase { below_mg, step_mg })
            }
        };
        let per_day = match input.doses_per_day {
            None => None,
            some => Some(ranged("dosesPerDay", "the doses per day", some, 1, 12)? as u32),
        };
        let note = bounded_text("note", "the note", &input.note, 2000)?;
        let rule = taper::Rule {
            start_mg,
            target_mg,
            kind: input.step_kind,
            value,
            days_per_step: days,
            rounding_mg: rounding,
            end_mg,
            final_phase,
        };
        Ok((start_day, rule, per_day, note))
    }

    /// What a plan would do, before saving it.
    pub fn preview_taper(&self, input: &TaperInput) -> Result<TaperPreview> {
        let conn = self.lock();
        let (start, rule, _, _) = self.taper_rule(&conn, input)?;
        let steps = taper::schedule(start, &rule, &[])?;
        Ok(TaperPreview {
            steps: steps.iter().map(taper::RawStep::view).collect(),
            ending: taper::ending_words(&rule),
            above_logged_mg: self
                .recent_most_mg(&conn)?
                .filter(|&most| rule.start_mg > most),
        })
    }

    /// Saves a plan from its start day. Adjusting a plan is saving a new one: the days before
    /// it keep the plan they had.
    pub fn save_taper_plan(&self, input: &TaperInput, theme: Theme) -> Result<TaperView> {
        self.write(|tx, now| {
            let (start, rule, per_day, note) = self.taper_rule(tx, input)?;
            taper::schedule(start, &rule, &[])?;
            if let Some(most) = self.recent_most_mg(tx)?.filter(|&m| rule.start_mg > m) {
                if !input.confirm_above_logged {
                    return Err(Error::invalid(
                        "confirmAboveLogged",
                        format!(
                            "This plan starts at {} a day, more than the {} you logged on any day of the last week. If that is what you agreed with your clinician, please confirm it.",
                            taper::grams(rule.start_mg),
                            taper::grams(most)
                        ),
                    ));
                }
            }
            store::insert_plan(tx, &start.to_string(), &rule, per_day, &note, now).map(|_| ())
        })?;
        self.taper(theme)
    }

    /// Stays on today's step `days` more days. Refused, with nothing saved, when the schedule
    /// would then be impossible.
    pub fn hold_taper_step(&self, days: i64, theme: Theme) -> Result<TaperView> {
        let days = ranged("days", "the extra days", Some(days), 1, 60)? as u32;
        let today = self.local_today();
        self.write(|tx, now| {
            let plan = current_plan(tx, &today.to_string())?;
            let mut holds = store::holds(tx, plan.id)?;
            let steps = plan.schedule(tx).map_err(|_| {
                Error::invalid(
                    "days",
                    "This plan cannot be turned into a schedule, so a step cannot be held. You can stop following it or enter a new one.",
                )
            })?;
            // The target step has no end, so holding it would change nothing: say so instead.
            if steps.last().is_some_and(|s| s.from <= today) {
                return Err(Error::invalid(
                    "days",
                    "Today is already at the plan's target, so there is no step to hold.",
                ));
            }
            holds.push((today, days));
            let start = parse_day("startDay", &plan.start_day)?;
            if taper::schedule(start, &plan.rule(), &holds).is_err() {
                return Err(Error::invalid(
                    "days",
                    format!(
                        "Holding this step {days} more days would stretch the plan past five years, so the app cannot keep it. Nothing was changed. Please talk with your clinician about adjusting the plan instead."
                    ),
                ));
            }
            store::add_hold(tx, plan.id, &today.to_string(), days, now)
        })?;
        self.taper(theme)
    }

    /// Stops following the plan from today. Its days so far stay in the comparison. Always
    /// possible: it reads no schedule.
    pub fn end_taper_plan(&self, theme: Theme) -> Result<TaperView> {
        let today = self.local_today().to_string();
        self.write(|tx, _| {
            let plan = store::plans(tx)?
                .pop()
                .filter(|p| p.in_force(&today))
                .ok_or_else(|| Error::invalid("plan", "There is no taper plan in use today."))?;
            // A plan that has not started yet is simply withdrawn.
            store::end_plan(tx, plan.id, &today.max(plan.start_day.clone()))
        })?;
        self.taper(theme)
    }

    pub fn recovery_plan(&self) -> Result<PlanView> {
        let conn = self.lock();
        Ok(PlanView {
            plan: store::recovery_plan(&conn)?,
            contacts: store::contacts(&conn)?,
        })
    }

    pub fn save_recovery_plan(&self, input: &RecoveryPlan) -> Result<PlanView> {
        let text = |field, what, raw: &str| bounded_text(field, what, raw, PLAN_TEXT_MAX);
        let plan = RecoveryPlan {
            triggers: text("triggers", "your triggers", &input.triggers)?,
            warning_signs: text("warningSigns", "your warning signs", &input.warning_signs)?,
            coping_steps: text("copingSteps", "your coping steps", &input.coping_steps)?,
            reasons: text("reasons", "your reasons", &input.reasons)?,
        };
        self.write(|tx, now| store::save_recovery_plan(tx, &plan, now))?;
        self.recovery_plan()
    }

    pub fn save_contact(&self, id: Option<i64>, input: &ContactInput) -> Result<PlanView> {
        let name = bounded_text("name", "the name", &input.name, 100)?;
        if name.is_empty() {
            return Err(Error::invalid("name", "Please enter a name."));
        }
        let phone = bounded_text("phone", "the phone number", &input.phone, 40)?;
        if !phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().#*/".contains(c) || c.is_alphabetic())
        {
            return Err(Error::invalid(
                "phone",
                "Please enter the number with digits, spaces, +, - or brackets.",
            ));
        }
        let contact = Contact {
            id: 0,
            kind: input.kind,
            name,
            phone,
            note: bounded_text("note", "the note", &input.note, 300)?,
        };
        self.write(|tx, now| store::save_contact(tx, id, &contact, now).map(|_| ()))?;
        self.recovery_plan()
    }

    pub fn delete_contact(&self, id: i64) -> Result<PlanView> {
        self.write(|tx, _| store::delete_contact(tx, id))?;
        self.recovery_plan()
    }

    /// The folder of the data file, where the help region is kept.
    fn dir(&self) -> Option<&std::path::Path> {
        self.path.parent()
    }

    /// Get help. It never fails: each part that cannot be read says so on its own.
    pub fn help(&self) -> HelpView {
        let mut view = HelpView::without_diary(self.dir(), self.clock.zone().name());
        let conn = self.lock();
        if !view.region_chosen {
            // A choice made before the region had its own file.
            if let Some(r) = setting(&conn, "crisis_region")
                .ok()
                .and_then(|c| crate::help::REGIONS.iter().find(|r| **r == c))
            {
                view.region = Some((*r).to_owned());
                view.region_chosen = true;
            }
        }
        match store::contacts(&conn) {
            Ok(c) => {
                view.contacts = c
                    .into_iter()
                    .filter(|c| c.kind != ContactKind::Support)
                    .collect();
                view.contacts_problem = None;
            }
            Err(_) => {
                view.contacts_problem = Some(
                    "Your own numbers could not be read just now. The lines above are always here."
                        .into(),
                )
            }
        }
        let (prompts, problem) = self.prompts(&conn);
        view.prompts = prompts;
        view.prompts_problem = problem;
        view
    }

    pub fn set_crisis_region(&self, region: &str) -> Result<HelpView> {
        let dir = self
            .dir()
            .ok_or_else(|| Error::invalid("region", "There is no folder to keep the choice in."))?;
        crate::help::choose(dir, region)?;
        Ok(self.help())
    }

    /// Logs a craving that was ridden out with the urge-surfing timer, with how it changed.
    pub fn log_urge_surf(&self, input: &UrgeSurfInput) -> Result<CravingView> {
        let before = ranged(
            "before",
            "how strong it was at the start",
            input.before,
            0,
            10,
        )?;
        let after = ranged("after", "how strong it is now", input.after, 0, 10)?;
        let minutes = ranged("minutes", "the minutes", input.minutes, 1, 180)?;
        let context = bounded_text(
            "context",
            "the note on what was going on",
            &input.context,
            crate::model::craving::CONTEXT_MAX_CHARS,
        )?;
        let craving = Craving {
            at: self.clock.now() - Duration::minutes(minutes),
            intensity: before as u8,
            context,
            eased_to: Some(after as u8),
            surf_min: Some(minutes as u32),
        };
        self.write(|tx, now| {
            let zone = self.clock.zone();
            let day = craving.at.with_timezone(&zone).date_naive().to_string();
            let id = crate::store::cravings::insert(tx, &craving, zone.name(), &day, now)?;
            crate::store::cravings::get(tx, id)
        })
    }

    /// The facts the help prompts read, and the prompts they give. Each kind of fact is read
    /// on its own: one that cannot be read leaves its rules silent and says so, and the other
    /// rules still speak.
    fn prompts(&self, conn: &rusqlite::Connection) -> (Vec<HelpPrompt>, Option<String>) {
        let today = self.local_today();
        let zone = self.clock.zone();
        let week = (today - Duration::days(7)).to_string();
        let day = today.to_string();
        let mut failed = false;
        let checks: Vec<(NaiveDate, Vec<SymptomScore>)> = or_note(
            &mut failed,
            store::symptom_checks(conn, &week, &day)
                .map(|c| c.into_iter().map(|(d, _, s)| (d, s)).collect()),
        );
        let strong_symptoms = checks
            .iter()
            .map(|(d, s)| (*d, symptoms::strong(s)))
            .collect();
        let checkins: Vec<(NaiveDate, f64, u8, Option<u32>)> = or_note(
            &mut failed,
            crate::store::checkins::day_summaries(conn, &week, &day),
        );
        let taper: Vec<(NaiveDate, u32, u32, u32)> = or_note(
            &mut failed,
            self.taper_days(conn, today - Duration::days(30), today)
                .map(|days| {
                    days.into_iter()
                        .filter_map(|d| {
                            Some((
                                d.day.parse().ok()?,
                                d.planned_mg,
                                d.taken_mg.unwrap_or(0),
                                d.rounding_mg,
                            ))
                        })
                        .collect()
                }),
        );
        let times: Vec<DateTime<Utc>> = or_note(&mut failed, store::dose_times(conn));
        // A dose on a day the taper plans one is the plan, not a return after a stop.
        let slips = timeline::past_stretches(&times)
            .into_iter()
            .map(|(_, end)| to_local(zone, end).date())
            .filter(|d| !taper.iter().any(|(t, planned, ..)| t == d && *planned > 0))
            .collect();
        let prompts = prompts::evaluate(&prompts::Facts {
            today,
            strong_symptoms,
            mood: checkins.iter().map(|&(d, avg, ..)| (d, avg)).collect(),
            lowest_mood: checkins.iter().map(|&(d, _, low, _)| (d, low)).collect(),
            sleep: checkins
                .iter()
                .filter_map(|&(d, .., sleep)| Some((d, sleep?)))
                .collect(),
            slips,
            taper,
            checks,
        });
        let problem = failed.then(|| {
            "Some of your entries could not be read just now, so a suggestion to reach out may be missing. The help lines are always here.".to_owned()
        });
        (prompts, problem)
    }
}

/// A plan and its schedule, or why it has none.
type PlanSchedule = (TaperPlanView, Result<Vec<taper::RawStep>>);

/// The first day of the taper step in force on `day`, if the amount went down to it (a plan's
/// own first step is not a step down).
fn step_down_on(plans: &[PlanSchedule], day: NaiveDate) -> Option<NaiveDate> {
    let key = day.to_string();
    let (plan, steps) = plans
        .iter()
        .rev()
        .find(|(p, _)| p.start_day.as_str() <= key.as_str())?;
    if plan.ended_on.as_deref().is_some_and(|e| e <= key.as_str()) {
        return None;
    }
    let steps = steps.as_ref().ok()?;
    let i = steps
        .iter()
        .position(|s| s.from <= day && s.to.is_none_or(|to| day <= to))?;
    (i > 0).then(|| steps[i].from)
}

/// `r`'s value, or the empty value with `failed` set: one fact that cannot be read must not
/// silence the rules that do not need it.
fn or_note<T: Default>(failed: &mut bool, r: Result<T>) -> T {
    r.unwrap_or_else(|_| {
        *failed = true;
        T::default()
    })
}

fn current_plan(conn: &rusqlite::Connection, today: &str) -> Result<TaperPlanView> {
    store::plans(conn)?
        .pop()
        .filter(|p| {
            p.ended_on.as_deref().is_none_or(|e| e > today) && p.start_day.as_str() <= today
        })
        .ok_or_else(|| Error::invalid("plan", "There is no taper plan in use today."))
}

/// Today's symptoms that make the body lose water, by name, for adaptive hydration.
pub(crate) fn fluid_loss_symptoms(
    conn: &rusqlite::Connection,
    day: &str,
) -> Result<Vec<&'static str>> {
    Ok(store::symptom_checks(conn, day, day)?
        .into_iter()
        .flat_map(|(_, _, scores)| scores)
        .filter(|s| s.score > 0 && s.symptom.loses_fluid())
        .map(|s| s.symptom.label())
        .collect())
}
