//! The taper schedule made from a clinician's plan. Pure: a plan and its holds in, steps out.
//!
//! The promise: the schedule is never faster than the plan. No single step lowers the amount
//! by more than the plan's step (a percentage of the amount before that step, or the fixed
//! amount); rounding to what the person can measure may only make a step smaller. A
//! percentage never reaches zero by itself, so every plan names its end: the amount from which
//! the last step goes to the target, and optionally a final phase of fixed steps below some
//! amount. Those are the only steps that may differ from the stated pace, because the person
//! and their clinician chose them. Where rounding cannot follow the plan (a step smaller than
//! the measuring unit), the plan is refused with a sentence, never quietly changed. Holds only
//! ever lengthen a step.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum StepKind {
    /// A whole percentage of the current amount.
    Percent,
    /// A fixed amount, in milligrams.
    Amount,
}

/// Fixed steps at and below an amount, chosen to finish a percentage taper (e.g. from 2.5 g, 0.25 g a
/// step).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FinalPhase {
    pub below_mg: u32,
    pub step_mg: u32,
}

/// The numbers of a plan, validated (see `TaperInput` for the form's view).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaperRule {
    pub start_mg: u32,
    pub target_mg: u32,
    pub kind: StepKind,
    /// Percent (1–50) or milligrams.
    pub value: u32,
    pub days_per_step: u32,
    pub rounding_mg: u32,
    /// From this amount (or below) the next step goes straight to the target.
    pub end_mg: u32,
    pub final_phase: Option<FinalPhase>,
}

/// One step of the schedule: `mg` a day from `from` to `to` (inclusive). The last step, at the
/// target, has no end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Step {
    pub from: String,
    pub to: Option<String>,
    pub mg: u32,
    /// Days added to this step by holds.
    pub held_days: u32,
}

/// A step before it is turned into strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawStep {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub mg: u32,
    pub held_days: u32,
}

/// A schedule longer than this is almost certainly a typing slip.
pub const MAX_DAYS: i64 = 5 * 366;

/// The largest reduction the plan allows from `mg` at the plan's own pace, whole milligrams
/// rounded down so it is never more than the plan.
fn planned_reduction(rule: &TaperRule, mg: u32) -> u32 {
    match rule.final_phase {
        Some(f) if mg <= f.below_mg => f.step_mg,
        _ => match rule.kind {
            StepKind::Percent => (u64::from(mg) * u64::from(rule.value) / 100) as u32,
            StepKind::Amount => rule.value,
        },
    }
}

/// Why a plan cannot be followed at `mg`: which field to change, and the sentence.
fn stuck(rule: &TaperRule, mg: u32) -> Error {
    let unit = grams(rule.rounding_mg);
    match rule.final_phase {
        Some(f) if mg <= f.below_mg => Error::invalid(
            "finalStepGrams",
            format!(
                "A final step of {} is smaller than what you can measure ({unit}), so the amount would never go down. Please choose a final step of at least {unit}.",
                grams(f.step_mg)
            ),
        ),
        _ => Error::invalid(
            "roundingGrams",
            format!(
                "Measured in steps of {unit}, this plan cannot go below {} without a step bigger than it allows. Please choose a finer measuring unit, or add a final phase of fixed steps (for example from {}, {unit} a step), or let the last step start from {}.",
                grams(mg),
                grams(mg),
                grams(mg)
            ),
        ),
    }
}

/// Milligrams as people say them: "0.25 g".
pub fn grams(mg: u32) -> String {
    let g = format!("{:.3}", f64::from(mg) / 1000.0);
    let g = g.trim_end_matches('0').trim_end_matches('.');
    format!("{g} g")
}

/// The amount after `mg`: the lowest measurable amount the plan allows, or the target.
fn next_amount(rule: &TaperRule, mg: u32) -> Result<u32> {
    if mg <= rule.end_mg {
        return Ok(rule.target_mg);
    }
    let lowest = mg.saturating_sub(planned_reduction(rule, mg));
    if lowest <= rule.target_mg {
        return Ok(rule.target_mg);
    }
    // Rounded up: a smaller step, never a bigger one.
    let next = lowest.div_ceil(rule.rounding_mg) * rule.rounding_mg;
    if next >= mg {
        return Err(stuck(rule, mg));
    }
    Ok(next)
}

/// The amounts of the plan from start to target, without dates.
pub fn amounts(rule: &TaperRule) -> Result<Vec<u32>> {
    let mut out = vec![rule.start_mg];
    let mut mg = rule.start_mg;
    while mg > rule.target_mg {
        mg = next_amount(rule, mg)?;
        out.push(mg);
        if out.len() as i64 > MAX_DAYS {
            return Err(too_long("daysPerStep"));
        }
    }
    Ok(out)
}

fn too_long(field: &'static str) -> Error {
    Error::invalid(
        field,
        "With these numbers the taper would take more than five years. Please check them with your clinician.",
    )
}

/// The schedule from `start`, with `holds` (a day inside a step, and days to add to it).
pub fn schedule(
    start: NaiveDate,
    rule: &TaperRule,
    holds: &[(NaiveDate, u32)],
) -> Result<Vec<RawStep>> {
    let amounts = amounts(rule)?;
    let mut steps = vec![];
    let mut used = vec![false; holds.len()];
    let mut from = start;
    let limit = start + Duration::days(MAX_DAYS);
    for &mg in &amounts[..amounts.len() - 1] {
        let mut days = i64::from(rule.days_per_step);
        let mut held = 0u32;
        // A hold lengthens the step it falls in, which can bring a later hold inside it too.
        loop {
            let end = from + Duration::days(days - 1);
            let mut more = 0;
            for (i, &(day, extra)) in holds.iter().enumerate() {
                if !used[i] && day <= end && (day >= from || steps.is_empty()) {
                    used[i] = true;
                    more += extra;
                }
            }
            if more == 0 {
                break;
            }
            held += more;
            days += i64::from(more);
        }
        let to = from + Duration::days(days - 1);
        if to > limit {
            return Err(too_long(if held > 0 { "days" } else { "daysPerStep" }));
        }
        steps.push(RawStep {
            from,
            to: Some(to),
            mg,
            held_days: held,
        });
        from = to + Duration::days(1);
    }
    steps.push(RawStep {
        from,
        to: None,
        mg: rule.target_mg,
        held_days: 0,
    });
    Ok(steps)
}

/// How a plan ends, in words, for the form's preview and the plan's card.
pub fn ending_words(rule: &TaperRule) -> String {
    let mut out = String::new();
    if let Some(f) = rule.final_phase {
        out.push_str(&format!(
            "From {} a day, each step lowers the amount by {}. ",
            grams(f.below_mg),
            grams(f.step_mg)
        ));
    }
    if rule.end_mg > rule.target_mg {
        out.push_str(&format!(
            "From {} a day or less, the last step goes to {}.",
            grams(rule.end_mg),
            grams(rule.target_mg)
        ));
    } else {
        out.push_str(&format!(
            "The steps go down to {} a day.",
            grams(rule.target_mg)
        ));
    }
    out
}

/// A day's amount split into `doses`, each on the measuring grid, adding up to the day's
/// amount; the larger doses come first. An amount off the grid keeps its remainder in the
/// first dose, so the sum still holds.
pub fn split(mg: u32, doses: u32, unit: u32) -> Vec<u32> {
    let doses = doses.max(1);
    let unit = unit.max(1);
    let units = mg / unit;
    let rest = mg % unit;
    (0..doses)
        .map(|i| {
            let extra = u32::from(i < units % doses);
            (units / doses + extra) * unit + if i == 0 { rest } else { 0 }
        })
        .collect()
}

/// The planned amount on `day`, if the schedule covers it.
pub fn planned_on(steps: &[RawStep], day: NaiveDate) -> Option<u32> {
    steps
        .iter()
        .find(|s| s.from <= day && s.to.is_none_or(|to| day <= to))
        .map(|s| s.mg)
}

impl RawStep {
    pub fn view(&self) -> Step {
        Step {
            from: self.from.to_string(),
            to: self.to.map(|d| d.to_string()),
            mg: self.mg,
            held_days: self.held_days,
        }
    }
}

#[cfg(test)]
#[path = "taper_tests.rs"]
mod tests;
