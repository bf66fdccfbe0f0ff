//! Doses: the form's input, the validated dose, how it is shown, and the home card's
//! timeline built from them (logging a dose, the journey view).

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum DoseUnit {
    Grams,
    Capsules,
}

impl DoseUnit {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            DoseUnit::Grams => "grams",
            DoseUnit::Capsules => "capsules",
        }
    }
    pub(super) fn parse(s: &str) -> Self {
        if s == "capsules" {
            DoseUnit::Capsules
        } else {
            DoseUnit::Grams
        }
    }
}

/// How the kratom was taken: its preparation (called "form" in the dose form and the data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Preparation {
    Powder,
    Capsules,
    Tea,
    Extract,
    Other,
}

impl Preparation {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Preparation::Powder => "powder",
            Preparation::Capsules => "capsules",
            Preparation::Tea => "tea",
            Preparation::Extract => "extract",
            Preparation::Other => "other",
        }
    }
    pub(super) fn parse(s: &str) -> Self {
        match s {
            "powder" => Preparation::Powder,
            "capsules" => Preparation::Capsules,
            "tea" => Preparation::Tea,
            "extract" => Preparation::Extract,
            _ => Preparation::Other,
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
    pub form: Preparation,
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
    pub form: Preparation,
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
    pub form: Preparation,
    pub note: String,
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
            note: bounded_text("note", "the note", &input.note, DOSE_NOTE_MAX_CHARS)?,
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
pub struct TimelineCard {
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

/// Logs a dose typed at `m`, in `tx`. If it ends a stretch of 36 hours or more, says how
/// long that stretch was.
pub(crate) fn log_dose(
    tx: &rusqlite::Connection,
    m: &crate::clock::Moment,
    now: i64,
    input: &DoseInput,
) -> Result<DoseLogged> {
    let zone = m.zone;
    let dose = Dose::new(input, zone, m.now)?;
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
        if taper_days(tx, local_day, local_day)?
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
}

/// The home card at `m`: the last dose and the time since, past stretches, today's amount,
/// the taper's step, today's symptoms and the prompts to reach out.
pub(crate) fn timeline_card(
    conn: &rusqlite::Connection,
    m: &crate::clock::Moment,
) -> Result<TimelineCard> {
    let (now, zone, today) = (m.now, m.zone, m.today());
    // A dose logged a moment "ahead" (clock slack) still counts as the last one.
    let last = store::last_dose(conn, (now + crate::model::FUTURE_SLACK).timestamp())?;
    let since = last
        .as_ref()
        .map(|(at, _)| (now - *at).max(Duration::zero()));
    let times = store::dose_times(conn)?;
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
    let today_mg = store::mg_per_day(conn, &day, &day)?
        .first()
        .map_or(0, |&(_, mg)| mg);
    let (taper, taper_problem) = match taper_progress(conn, today) {
        Ok(t) => (t, None),
        Err(_) => (
            None,
            Some("Your taper plan cannot be shown here right now. The Plan screen says why, and you can stop following it or enter a new one there.".to_owned()),
        ),
    };
    let symptoms_today = store::symptom_checks(conn, &day, &day)?
        .first()
        .map(|c| symptoms::total(&c.2));
    let (prompts, prompts_problem) = prompts_on(conn, zone, Some(&times), today);
    Ok(TimelineCard {
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

/// The doses logged on the local days `from` to `to`, for the history: the one way other
/// features read doses.
pub(crate) fn doses_in_days(
    conn: &rusqlite::Connection,
    from: &str,
    to: &str,
) -> Result<Vec<(DateTime<Utc>, DoseView)>> {
    store::doses_in_days(conn, from, to)
}
