//! Taper plans as a use case: the plan in force and its schedule, today's step, the preview,
//! saving, holds, adjustments and ending, and the days a plan covers.

use super::*;

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
    /// Within the first days after a step down, when symptoms often come back for a while.
    pub after_step_down: bool,
    /// The next step's first day and amount, if there is one.
    pub next_from: Option<String>,
    pub next_mg: Option<u32>,
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

/// A stored plan as the rules use it: real dates and the generator's rule. The view above is
/// what crosses IPC.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TaperPlan {
    pub id: i64,
    pub start: NaiveDate,
    /// The first day the plan no longer covers.
    pub ended_on: Option<NaiveDate>,
    pub rule: taper::TaperRule,
    pub doses_per_day: Option<u32>,
    pub note: String,
}

impl TaperPlan {
    /// Not ended by `today`. A plan ended on its own start day was withdrawn before it began.
    pub(super) fn in_force(&self, today: NaiveDate) -> bool {
        self.ended_on.is_none_or(|e| e > today && e > self.start)
    }

    /// Whether the plan covers `day` (started, not yet ended).
    pub(super) fn covers(&self, day: NaiveDate) -> bool {
        self.start <= day && self.ended_on.is_none_or(|e| day < e)
    }

    /// The schedule of this plan with its holds; an error when it cannot be made.
    pub(super) fn schedule(&self, conn: &rusqlite::Connection) -> Result<Vec<taper::RawStep>> {
        taper::schedule(self.start, &self.rule, &store::holds(conn, self.id)?)
    }

    pub(super) fn view(&self) -> TaperPlanView {
        let r = &self.rule;
        TaperPlanView {
            id: self.id,
            start_day: self.start.to_string(),
            start_mg: r.start_mg,
            target_mg: r.target_mg,
            step_kind: r.kind,
            step_value: r.value,
            days_per_step: r.days_per_step,
            rounding_mg: r.rounding_mg,
            doses_per_day: self.doses_per_day,
            note: self.note.clone(),
            ended_on: self.ended_on.map(|d| d.to_string()),
            end_mg: r.end_mg,
            final_below_mg: r.final_phase.map(|f| f.below_mg),
            final_step_mg: r.final_phase.map(|f| f.step_mg),
            ending: taper::ending_words(r),
        }
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

/// Every plan, oldest first, each with its schedule or the reason it has none. A plan that
/// cannot be scheduled covers no days; it never stops the others from showing.
pub(crate) fn schedules(conn: &rusqlite::Connection) -> Result<Vec<PlanSchedule>> {
    Ok(store::plans(conn)?
        .into_iter()
        .map(|p| {
            let s = p.schedule(conn);
            (p, s)
        })
        .collect())
}

/// Planned amount per day from `from` to `to`, with what was logged, for days a plan covers.
pub(crate) fn taper_days(
    conn: &rusqlite::Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<TaperDay>> {
    let plans = schedules(conn)?;
    let taken = store::mg_per_day(conn, &from.to_string(), &to.to_string())?;
    let mut out = vec![];
    let mut day = from;
    while day <= to {
        // The newest plan that has started by this day speaks for it.
        let plan = plans.iter().rev().find(|(p, _)| p.start <= day);
        if let Some((p, Ok(steps))) = plan {
            if let (true, Some(planned)) = (p.covers(day), taper::planned_on(steps, day)) {
                let unit = p.rule.rounding_mg;
                out.push(TaperDay {
                    day: day.to_string(),
                    planned_mg: planned,
                    taken_mg: taken.iter().find(|(d, _)| *d == day).map(|&(_, mg)| mg),
                    doses_mg: p
                        .doses_per_day
                        .map(|n| taper::split(planned, n, unit))
                        .unwrap_or_default(),
                    rounding_mg: unit,
                });
            }
        }
        day += Duration::days(1);
    }
    Ok(out)
}

/// The plan in force today (started, not ended), if any.
pub(crate) fn plan_in_force(
    conn: &rusqlite::Connection,
    today: NaiveDate,
) -> Result<Option<PlanSchedule>> {
    Ok(schedules(conn)?.pop().filter(|(p, _)| p.in_force(today)))
}

/// Where today falls in the plan in force; `None` without a plan, before it starts, or
/// once the amount is zero (then the dose-free timeline applies).
pub(crate) fn taper_progress(
    conn: &rusqlite::Connection,
    today: NaiveDate,
) -> Result<Option<TaperProgress>> {
    let Some((_, steps)) = plan_in_force(conn, today)? else {
        return Ok(None);
    };
    let steps = steps?;
    let Some(i) = steps
        .iter()
        .position(|s| s.from <= today && s.to.is_none_or(|to| today <= to))
    else {
        return Ok(None);
    };
    let Some(day) = taper_days(conn, today, today)?.pop() else {
        return Ok(None);
    };
    if day.planned_mg == 0 {
        return Ok(None);
    }
    let next = steps.get(i + 1);
    let since = (i > 0).then(|| (today - steps[i].from).num_days() as u32);
    Ok(Some(TaperProgress {
        step: i as u32 + 1,
        steps: steps.len() as u32,
        today: day,
        days_since_step_down: since,
        after_step_down: since.is_some_and(|d| d < AFTER_STEP_DOWN_DAYS),
        next_from: next.map(|n| n.from.to_string()),
        next_mg: next.map(|n| n.mg),
    }))
}

/// The taper screen: the plan in force, its steps, today, recent days and the chart. A plan
/// that cannot be scheduled is shown with the reason, so it can be ended or replaced.
pub(crate) fn taper_view(
    conn: &rusqlite::Connection,
    today: NaiveDate,
    theme: Theme,
) -> Result<TaperView> {
    let plans = store::plans(conn)?;
    let current = plan_in_force(conn, today)?;
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
        .map(|p| p.start)
        .unwrap_or(today)
        .max(today - Duration::days(120));
    // Show the plan ahead until it reaches its target, up to half a year.
    let end = steps
        .last()
        .map_or(today, |s| s.from)
        .max(today)
        .min(today + Duration::days(180));
    let chart_days = taper_days(conn, first, end)?;
    let bars: Vec<charts::detox::TaperBar> = chart_days
        .iter()
        .filter_map(|d| {
            Some(charts::detox::TaperBar {
                day: d.day.parse().ok()?,
                planned_mg: d.planned_mg,
                taken_mg: d.taken_mg,
            })
        })
        .collect();
    let chart = charts::detox::taper(&bars, today, theme)?;
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
        plan: current.map(|(p, _)| p.view()),
        problem,
        steps: steps.iter().map(taper::RawStep::view).collect(),
        days,
        chart,
    })
}

/// The most logged on one day of the last week (today included), if anything was.
pub(crate) fn recent_most_mg(conn: &rusqlite::Connection, today: NaiveDate) -> Result<Option<u32>> {
    Ok(store::mg_per_day(
        conn,
        &(today - Duration::days(7)).to_string(),
        &today.to_string(),
    )?
    .into_iter()
    .map(|(_, mg)| mg)
    .max())
}

/// What a plan would do, before saving it, on `today`.
pub(crate) fn preview(
    conn: &rusqlite::Connection,
    today: NaiveDate,
    input: &TaperInput,
) -> Result<TaperPreview> {
    let (start, rule, _, _) = taper_input::taper_rule(conn, today, input)?;
    let steps = taper::schedule(start, &rule, &[])?;
    Ok(TaperPreview {
        steps: steps.iter().map(taper::RawStep::view).collect(),
        ending: taper::ending_words(&rule),
        above_logged_mg: recent_most_mg(conn, today)?.filter(|&most| rule.start_mg > most),
    })
}

/// Saves a plan from its start day, in `tx`. Adjusting a plan is saving a new one: the days
/// before it keep the plan they had.
pub(crate) fn save_plan(
    tx: &rusqlite::Connection,
    today: NaiveDate,
    now: i64,
    input: &TaperInput,
) -> Result<()> {
    let (start, rule, per_day, note) = taper_input::taper_rule(tx, today, input)?;
    taper::schedule(start, &rule, &[])?;
    if let Some(most) = recent_most_mg(tx, today)?.filter(|&m| rule.start_mg > m) {
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
}

/// The extra days to stay on a step, checked.
pub(crate) fn checked_hold(days: i64) -> Result<u32> {
    Ok(ranged("days", "the extra days", Some(days), 1, 60)? as u32)
}

/// Stays on `today`'s step `days` more days, in `tx`. Refused, with nothing saved, when the
/// schedule would then be impossible.
pub(crate) fn hold_step(
    tx: &rusqlite::Connection,
    today: NaiveDate,
    now: i64,
    days: u32,
) -> Result<()> {
    let plan = current_plan(tx, today)?;
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
    if taper::schedule(plan.start, &plan.rule, &holds).is_err() {
        return Err(Error::invalid(
            "days",
            format!(
                "Holding this step {days} more days would stretch the plan past five years, so the app cannot keep it. Nothing was changed. Please talk with your clinician about adjusting the plan instead."
            ),
        ));
    }
    store::add_hold(tx, plan.id, &today.to_string(), days, now)
}

/// Stops following the plan from `today`, in `tx`. Its days so far stay in the comparison.
/// Always possible: it reads no schedule.
pub(crate) fn end_plan(tx: &rusqlite::Connection, today: NaiveDate) -> Result<()> {
    let plan = store::plans(tx)?
        .pop()
        .filter(|p| p.in_force(today))
        .ok_or_else(|| Error::invalid("plan", "There is no taper plan in use today."))?;
    // A plan that has not started yet is simply withdrawn.
    store::end_plan(tx, plan.id, &today.max(plan.start).to_string())
}

/// After a step down the home card says that some withdrawal symptoms may be felt again, and
/// that a step can be held longer, for this many days.
pub const AFTER_STEP_DOWN_DAYS: u32 = 7;

/// A plan and its schedule, or why it has none.
pub(super) type PlanSchedule = (TaperPlan, Result<Vec<taper::RawStep>>);

/// The first day of the taper step in force on `day`, if the amount went down to it (a plan's
/// own first step is not a step down).
pub(super) fn step_down_on(plans: &[PlanSchedule], day: NaiveDate) -> Option<NaiveDate> {
    let (plan, steps) = plans.iter().rev().find(|(p, _)| p.start <= day)?;
    if !plan.covers(day) {
        return None;
    }
    let steps = steps.as_ref().ok()?;
    let i = steps
        .iter()
        .position(|s| s.from <= day && s.to.is_none_or(|to| day <= to))?;
    (i > 0).then(|| steps[i].from)
}

/// The plan that covers today, if it has started.
pub(super) fn current_plan(conn: &rusqlite::Connection, today: NaiveDate) -> Result<TaperPlan> {
    store::plans(conn)?
        .pop()
        .filter(|p| p.covers(today))
        .ok_or_else(|| Error::invalid("plan", "There is no taper plan in use today."))
}
