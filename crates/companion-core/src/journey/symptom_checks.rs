//! Symptom checks as a use case: a day's check, saving it, and the chart by detox day or by
//! days since the taper's last step down; and the symptoms that feed adaptive hydration.

use super::*;
use crate::clock::Moment;

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

/// The symptoms a chart shows besides the total when none are chosen.
const DEFAULT_SHOWN: [Symptom; 3] = [Symptom::Cravings, Symptom::Insomnia, Symptom::Anxiety];
/// Symptom checks read for the chart and table.
const SYMPTOM_DAYS: i64 = 90;

/// The instant a symptom check of `day` describes: now for today, the end of an earlier day.
pub(super) fn symptom_instant(m: &Moment, day: NaiveDate) -> DateTime<Utc> {
    let now = m.now;
    if day >= m.today() {
        return now;
    }
    let end = day.and_time(NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default());
    resolve_local(m.zone, end).min(now)
}

pub(super) fn check_view(
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
pub(crate) fn symptom_check(
    conn: &rusqlite::Connection,
    m: &Moment,
    day: &str,
) -> Result<SymptomCheck> {
    let d = parse_day("day", day)?;
    let plans = schedules(conn)?;
    match store::symptom_checks(conn, &d.to_string(), &d.to_string())?.pop() {
        Some((day, at, scores)) => check_view(conn, &plans, day, at, scores, true),
        None => {
            let scores = symptoms::validate(&[])?;
            check_view(conn, &plans, d, symptom_instant(m, d), scores, false)
        }
    }
}

/// A day's symptom check as typed at `m`: its day, the instant it describes and its scores.
pub(crate) fn checked_symptoms(
    m: &Moment,
    input: &SymptomInput,
) -> Result<(NaiveDate, DateTime<Utc>, Vec<SymptomScore>)> {
    let day = parse_day("day", &input.day)?;
    check_day("day", day, m.today())?;
    let scores = symptoms::validate(&input.scores)?;
    Ok((day, symptom_instant(m, day), scores))
}

/// Saves the symptom check of a day in `tx`, replacing one saved earlier that day.
pub(crate) fn save_check(
    tx: &rusqlite::Connection,
    zone: &str,
    now: i64,
    (day, at, scores): (NaiveDate, DateTime<Utc>, Vec<SymptomScore>),
) -> Result<SymptomCheck> {
    store::save_symptoms(tx, &day.to_string(), at.timestamp(), zone, &scores, now)?;
    let plans = schedules(tx)?;
    check_view(tx, &plans, day, at, scores, true)
}

/// Symptom checks by detox day, or by days since the taper's last step down, with `shown`
/// symptoms drawn beside the total.
pub(crate) fn symptom_trend(
    conn: &rusqlite::Connection,
    m: &Moment,
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
    let today = m.today();
    let plans = schedules(conn)?;
    let from = (today - Duration::days(SYMPTOM_DAYS)).to_string();
    let mut rows = vec![];
    // Each check's start: the last dose before it, or the step down it follows.
    let mut starts: Vec<Option<NaiveDate>> = vec![];
    for (day, at, scores) in store::symptom_checks(conn, &from, &today.to_string())? {
        starts.push(match axis {
            SymptomAxis::DetoxDay => {
                store::last_dose(conn, at.timestamp())?.map(|(t, _)| to_local(m.zone, t).date())
            }
            SymptomAxis::StepDown => step_down_on(&plans, day),
        });
        rows.push(check_view(conn, &plans, day, at, scores, true)?);
    }
    // The chart follows the stretch (or the step) of the newest check that has a start.
    let start = starts.iter().rev().flatten().next().copied();
    let points: Vec<charts::detox::SymptomPoint> = rows
        .iter()
        .zip(&starts)
        .filter(|(_, s)| start.is_some() && **s == start)
        .filter_map(|(r, _)| {
            let day = match axis {
                SymptomAxis::DetoxDay => r.detox_day,
                SymptomAxis::StepDown => r.step_day,
            }?;
            let score = |s: &Symptom| r.scores.iter().find(|x| x.symptom == *s).map(|x| x.score);
            Some(charts::detox::SymptomPoint {
                day,
                tally: r.total,
                scores: shown.iter().map(score).collect(),
            })
        })
        .collect();
    let names: Vec<&str> = shown.iter().map(|s| s.label()).collect();
    let from_day = match axis {
        SymptomAxis::DetoxDay => charts::detox::DaysFrom::LastDose,
        SymptomAxis::StepDown => charts::detox::DaysFrom::StepDown,
    };
    let chart = charts::detox::symptoms(
        &points,
        &names,
        symptoms::max_total(),
        from_day,
        start,
        rows.len(),
        theme,
    )?;
    rows.reverse();
    Ok(SymptomTrend {
        axis,
        chart,
        shown,
        rows,
    })
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
