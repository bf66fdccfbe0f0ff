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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("day")
    }

    fn rule(
        start: u32,
        target: u32,
        kind: StepKind,
        value: u32,
        days: u32,
        grid: u32,
    ) -> TaperRule {
        TaperRule {
            start_mg: start,
            target_mg: target,
            kind,
            value,
            days_per_step: days,
            rounding_mg: grid,
            end_mg: 0,
            final_phase: None,
        }
    }

    fn mgs(steps: &[RawStep]) -> Vec<u32> {
        steps.iter().map(|s| s.mg).collect()
    }

    #[test]
    fn fixed_steps_reach_the_target() {
        let r = rule(8000, 0, StepKind::Amount, 2000, 7, 250);
        let s = schedule(day("2026-11-01"), &r, &[]).expect("ok");
        assert_eq!(mgs(&s), vec![8000, 6000, 4000, 2000, 0]);
        assert_eq!(s[1].from, day("2026-11-08"));
        assert_eq!(s[3].to, Some(day("2026-11-28")));
        assert_eq!(s[4].to, None);
        assert_eq!(planned_on(&s, day("2026-10-31")), None);
        assert_eq!(planned_on(&s, day("2026-11-07")), Some(8000));
        assert_eq!(planned_on(&s, day("2026-11-08")), Some(6000));
        assert_eq!(planned_on(&s, day("2030-01-01")), Some(0));
    }

    #[test]
    fn percentages_round_up_to_what_can_be_measured() {
        // 10% of 5 g is 0.5 g: 4.5 g. 10% of 4.5 g is 0.45 g: 4.05 g, rounded up to 4.25 g; then
        // 3.825 g, rounded up to 4 g.
        let r = rule(5000, 3000, StepKind::Percent, 10, 3, 250);
        let s = schedule(day("2026-11-01"), &r, &[]).expect("ok");
        assert_eq!(mgs(&s)[..4], [5000, 4500, 4250, 4000]);
        assert_eq!(*mgs(&s).last().expect("last"), 3000);
    }

    #[test]
    fn a_step_smaller_than_the_unit_is_refused_not_made_bigger() {
        // 10% of 1 g is 0.1 g: with 0.25 g the next amount would be a 25% step.
        let r = rule(1000, 0, StepKind::Percent, 10, 7, 250);
        let e = schedule(day("2026-11-01"), &r, &[]).expect_err("cannot follow");
        assert_eq!(e.field(), Some("roundingGrams"));
        assert!(e.to_string().contains("finer measuring unit"), "{e}");
        // 9 g measured in 10 g steps would be 9 g for ever, then nothing.
        let e = amounts(&rule(9000, 0, StepKind::Percent, 10, 7, 10_000)).expect_err("stuck");
        assert_eq!(e.field(), Some("roundingGrams"));
    }

    #[test]
    fn a_final_phase_and_an_end_finish_a_percentage_taper() {
        let mut r = rule(1000, 0, StepKind::Percent, 10, 7, 250);
        r.final_phase = Some(FinalPhase {
            below_mg: 2000,
            step_mg: 250,
        });
        r.end_mg = 500;
        assert_eq!(amounts(&r).expect("ok"), vec![1000, 750, 500, 0]);
        // 10% a week from 4 g with 0.01 g: every step at most 10% until the end at 0.5 g.
        let r = TaperRule {
            end_mg: 500,
            ..rule(4000, 0, StepKind::Percent, 10, 7, 10)
        };
        let a = amounts(&r).expect("ok");
        assert_eq!(a[..4], [4000, 3600, 3240, 2920]);
        // With 0.1 g the same plan cannot go below 0.9 g at 10%: refused, not rounded away.
        let r = TaperRule {
            end_mg: 500,
            ..rule(4000, 0, StepKind::Percent, 10, 7, 100)
        };
        let e = amounts(&r).expect_err("stuck at 0.9 g");
        assert!(e.to_string().contains("below 0.9 g"), "{e}");
        for w in a.windows(2).filter(|w| w[0] > 500) {
            assert!(f64::from(w[0] - w[1]) <= f64::from(w[0]) * 0.1, "{w:?}");
        }
        assert_eq!(a.last(), Some(&0));
        assert!(a[a.len() - 2] <= 500 && a[a.len() - 3] > 500, "{a:?}");
        // A final step smaller than the unit names its own field.
        let mut r = rule(1000, 0, StepKind::Percent, 10, 7, 250);
        r.final_phase = Some(FinalPhase {
            below_mg: 2000,
            step_mg: 100,
        });
        assert_eq!(
            amounts(&r).expect_err("stuck").field(),
            Some("finalStepGrams")
        );
    }

    #[test]
    fn holds_lengthen_only_the_step_they_fall_in() {
        let r = rule(6000, 0, StepKind::Amount, 2000, 7, 250);
        let s = schedule(
            day("2026-11-01"),
            &r,
            &[(day("2026-11-10"), 3), (day("2026-11-16"), 2)],
        )
        .expect("ok");
        // Step two ran 8–14 Nov; three days make it 17 Nov, which takes in the hold of the 16th.
        assert_eq!(s[0].to, Some(day("2026-11-07")));
        assert_eq!(s[1].from, day("2026-11-08"));
        assert_eq!(s[1].to, Some(day("2026-11-19")));
        assert_eq!(s[1].held_days, 5);
        assert_eq!(s[2].from, day("2026-11-20"));
    }

    #[test]
    fn an_endless_plan_is_refused() {
        let r = rule(500_000, 0, StepKind::Amount, 1, 90, 1);
        let e = schedule(day("2026-11-01"), &r, &[]).expect_err("too long");
        assert!(e.to_string().contains("five years"), "{e}");
        // Holds that would stretch it past five years name the hold.
        let r = rule(8000, 0, StepKind::Amount, 1000, 90, 250);
        let holds: Vec<_> = (0..40).map(|_| (day("2026-11-01"), 60)).collect();
        let e = schedule(day("2026-11-01"), &r, &holds).expect_err("too long");
        assert_eq!(e.field(), Some("days"));
    }

    #[test]
    fn doses_split_on_the_grid_and_add_up() {
        assert_eq!(split(1000, 3, 250), vec![500, 250, 250]);
        assert_eq!(split(250, 2, 250), vec![250, 0]);
        assert_eq!(split(3000, 2, 250), vec![1500, 1500]);
        assert_eq!(
            split(1010, 2, 250),
            vec![510, 500],
            "off the grid: the rest in the first"
        );
    }

    proptest! {
        #[test]
        fn split_doses_keep_their_promises(units in 0u32..2000, doses in 1u32..=12, unit in 1u32..=10_000) {
            let mg = units * unit;
            let d = split(mg, doses, unit);
            prop_assert_eq!(d.len() as u32, doses);
            prop_assert_eq!(d.iter().sum::<u32>(), mg);
            prop_assert!(d.iter().all(|x| x % unit == 0));
            prop_assert!(d.iter().max().unwrap_or(&0) - d.iter().min().unwrap_or(&0) <= unit);
        }
    }

    /// The oracle, written from the rule in words and in real numbers: from each amount, the
    /// next is the lowest amount that is on the measuring grid (or the target) and no more
    /// than the plan's step below it; at or under the end amount, the target. `None` when no
    /// such amount exists.
    fn oracle(r: &TaperRule) -> Option<Vec<u32>> {
        let mut a = r.start_mg;
        let mut out = vec![a];
        while a > r.target_mg {
            let next = if a <= r.end_mg {
                r.target_mg
            } else {
                let step = match r.final_phase {
                    Some(f) if a <= f.below_mg => f64::from(f.step_mg),
                    _ if r.kind == StepKind::Percent => f64::from(a) * f64::from(r.value) / 100.0,
                    _ => f64::from(r.value),
                };
                let lowest = f64::from(a) - step;
                if lowest <= f64::from(r.target_mg) {
                    r.target_mg
                } else {
                    let unit = f64::from(r.rounding_mg);
                    // Whole milligrams: an amount may not be below `lowest`.
                    let k = (lowest.ceil() / unit).ceil();
                    let b = k * unit;
                    if b >= f64::from(a) {
                        return None;
                    }
                    b as u32
                }
            };
            out.push(next);
            a = next;
            if out.len() > 5000 {
                return None;
            }
        }
        Some(out)
    }

    prop_compose! {
        /// Anything the form accepts: up to 500 g a day, any unit up to 10 g, 1–50% or any
        /// fixed step, 1–90 days a step, an end and a final phase or not.
        fn rules()(
            unit in prop_oneof![Just(1u32), Just(10), Just(50), Just(100), Just(125), Just(250), Just(500), Just(1000), Just(10_000), 1u32..=10_000],
            start_units in 1u32..=2000,
            target_pct in prop_oneof![Just(0u32), 0u32..100],
            percent in any::<bool>(),
            value in 1u32..=50,
            amount in 1u32..=500_000,
            days in 1u32..=90,
            end_pct in prop_oneof![Just(0u32), 0u32..=100],
            final_phase in prop::option::of((0u32..=100, 1u32..=20_000)),
        ) -> TaperRule {
            let start = (start_units * unit).min(500_000 / unit * unit).max(unit);
            let target = start * target_pct / 100 / unit * unit;
            TaperRule {
                start_mg: start,
                target_mg: target,
                kind: if percent { StepKind::Percent } else { StepKind::Amount },
                value: if percent { value } else { amount },
                days_per_step: days,
                rounding_mg: unit,
                end_mg: start * end_pct / 100,
                final_phase: final_phase.map(|(pct, step)| FinalPhase { below_mg: start * pct / 100, step_mg: step }),
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn schedules_are_never_faster_than_the_plan(
            r in rules(),
            holds in prop::collection::vec((0i64..2000, 1u32..=60), 0..5),
        ) {
            let start = day("2026-01-01");
            let holds: Vec<_> = holds.into_iter().map(|(d, n)| (start + Duration::days(d), n)).collect();
            let expected = oracle(&r);
            let got = amounts(&r);
            match (&got, &expected) {
                (Ok(g), Some(e)) if e.len() as i64 <= MAX_DAYS => prop_assert_eq!(g, e),
                (Err(_), Some(e)) => prop_assert!(e.len() as i64 > MAX_DAYS, "refused a plan that can be followed: {:?}", r),
                (Ok(g), None) => prop_assert!(false, "followed a plan that cannot be: {:?} gave {:?}", r, g),
                _ => {}
            }
            // Whatever the dates and holds, the schedule's amounts are exactly those.
            let Ok(s) = schedule(start, &r, &holds) else { return Ok(()); };
            prop_assert_eq!(mgs(&s), got.expect("amounts"));
            prop_assert_eq!(s.last().map(|x| x.to), Some(None));
            for w in s.windows(2) {
                let (a, b) = (w[0], w[1]);
                prop_assert_eq!(a.to.map(|t| t + Duration::days(1)), Some(b.from));
                let len = (a.to.expect("closed") - a.from).num_days() + 1;
                // A step lasts the plan's days, and only holds make it longer.
                prop_assert_eq!(len, i64::from(r.days_per_step) + i64::from(a.held_days));
            }
            prop_assert_eq!(
                s.iter().map(|x| x.held_days).sum::<u32>(),
                holds.iter().filter(|(d, _)| *d < s.last().expect("last").from).map(|x| x.1).sum::<u32>()
            );
        }
    }
}
