//! The taper schedule made from a clinician's plan. Pure: a plan and its holds in, steps out.
//!
//! The rule that matters most: the schedule is never faster than the plan. Each step lowers
//! the amount by at most the planned reduction, rounded up to what the person can measure.
//! Where the planned reduction is smaller than one measurable unit, the step lasts as many
//! step lengths as it takes for the plan to lose that unit, so the pace still never exceeds
//! the plan's. Holds only ever lengthen a step.

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

/// The numbers of a plan, validated (see `TaperInput` for the form's view).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub start_mg: u32,
    pub target_mg: u32,
    pub kind: StepKind,
    /// Percent (1–50) or milligrams.
    pub value: u32,
    pub days_per_step: u32,
    pub rounding_mg: u32,
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

/// The planned reduction from `mg`, at least 1 mg so the schedule always moves.
fn reduction(rule: &Rule, mg: u32) -> u32 {
    let r = match rule.kind {
        StepKind::Percent => u64::from(mg) * u64::from(rule.value) / 100,
        StepKind::Amount => u64::from(rule.value),
    };
    u32::try_from(r).unwrap_or(u32::MAX).max(1)
}

fn ceil_to(mg: u32, grid: u32) -> u32 {
    mg.div_ceil(grid) * grid
}

/// The next amount after `mg`, and how many step lengths it takes to get there.
fn next_amount(rule: &Rule, mg: u32) -> (u32, u32) {
    let r = reduction(rule, mg);
    let ideal = mg.saturating_sub(r);
    if ideal <= rule.target_mg {
        return (rule.target_mg, 1);
    }
    let rounded = ceil_to(ideal, rule.rounding_mg);
    if rounded < mg {
        return (rounded, 1);
    }
    // Less than one measurable unit per step: go down one unit, over as many steps as the plan
    // would take to lose it.
    let below = (mg - 1) / rule.rounding_mg * rule.rounding_mg;
    let next = below.max(rule.target_mg);
    (next, (mg - next).div_ceil(r))
}

/// The schedule from `start`, with `holds` (a day inside a step, and days to add to it).
pub fn schedule(start: NaiveDate, rule: &Rule, holds: &[(NaiveDate, u32)]) -> Result<Vec<RawStep>> {
    let mut steps = vec![];
    let mut used = vec![false; holds.len()];
    let mut from = start;
    let mut mg = rule.start_mg;
    let limit = start + Duration::days(MAX_DAYS);
    while mg > rule.target_mg {
        let (next, lengths) = next_amount(rule, mg);
        let mut days = i64::from(lengths) * i64::from(rule.days_per_step);
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
            return Err(Error::invalid(
                "daysPerStep",
                "With these numbers the taper would take more than five years. Please check them with your clinician.",
            ));
        }
        steps.push(RawStep {
            from,
            to: Some(to),
            mg,
            held_days: held,
        });
        from = to + Duration::days(1);
        mg = next;
    }
    steps.push(RawStep {
        from,
        to: None,
        mg: rule.target_mg,
        held_days: 0,
    });
    Ok(steps)
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

    fn rule(start: u32, target: u32, kind: StepKind, value: u32, days: u32, grid: u32) -> Rule {
        Rule {
            start_mg: start,
            target_mg: target,
            kind,
            value,
            days_per_step: days,
            rounding_mg: grid,
        }
    }

    fn amounts(steps: &[RawStep]) -> Vec<u32> {
        steps.iter().map(|s| s.mg).collect()
    }

    #[test]
    fn fixed_steps_reach_the_target() {
        let r = rule(8000, 0, StepKind::Amount, 2000, 7, 250);
        let s = schedule(day("2026-11-01"), &r, &[]).expect("ok");
        assert_eq!(amounts(&s), vec![8000, 6000, 4000, 2000, 0]);
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
        assert_eq!(amounts(&s)[..4], [5000, 4500, 4250, 4000]);
        assert_eq!(*amounts(&s).last().expect("last"), 3000);
    }

    #[test]
    fn a_reduction_smaller_than_one_unit_stretches_the_step() {
        // 10% of 1 g is 0.1 g a week; a quarter gram then takes three weeks, not one.
        let r = rule(1000, 0, StepKind::Percent, 10, 7, 250);
        let s = schedule(day("2026-11-01"), &r, &[]).expect("ok");
        assert_eq!(s[0].mg, 1000);
        assert_eq!(s[1].mg, 750);
        assert_eq!(s[0].to, Some(day("2026-11-21")), "3 × 7 days");
        assert_eq!(*amounts(&s).last().expect("last"), 0);
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
    }

    fn rules() -> impl Strategy<Value = Rule> {
        (
            1u32..60_000,
            0u32..100,
            prop_oneof![Just(StepKind::Percent), Just(StepKind::Amount)],
            1u32..=50,
            1u32..=14,
            prop_oneof![Just(10u32), Just(100), Just(250), Just(500), Just(1000)],
        )
            .prop_map(|(start, target_pct, kind, value, days, grid)| {
                let value = match kind {
                    StepKind::Percent => value,
                    StepKind::Amount => value * 100,
                };
                rule(start, start * target_pct / 100, kind, value, days, grid)
            })
    }

    proptest! {
        #[test]
        fn schedules_keep_every_promise(
            r in rules(),
            holds in prop::collection::vec((0i64..400, 1u32..10), 0..4),
        ) {
            let start = day("2026-01-01");
            let holds: Vec<_> = holds.into_iter().map(|(d, n)| (start + Duration::days(d), n)).collect();
            let Ok(s) = schedule(start, &r, &holds) else { return Ok(()); };
            let plain = schedule(start, &r, &[]).expect("without holds too");
            prop_assert_eq!(s[0].mg, r.start_mg);
            prop_assert_eq!(s.last().map(|x| x.mg), Some(r.target_mg));
            for w in s.windows(2) {
                let (a, b) = (w[0], w[1]);
                // Monotone, contiguous, and on the grid (or at the target).
                prop_assert!(b.mg < a.mg);
                prop_assert_eq!(a.to.map(|t| t + Duration::days(1)), Some(b.from));
                prop_assert!(b.mg % r.rounding_mg == 0 || b.mg == r.target_mg);
                // Never faster than the plan: the drop per day is at most the planned drop per day.
                let len = (a.to.expect("closed") - a.from).num_days() + 1;
                let planned = i64::from(reduction(&r, a.mg));
                prop_assert!(
                    i64::from(a.mg - b.mg) * i64::from(r.days_per_step) <= planned * len,
                    "{} -> {} over {} days, planned {} per {} days", a.mg, b.mg, len, planned, r.days_per_step
                );
            }
            // Holds never make any day's amount smaller.
            for d in 0..500 {
                let day = start + Duration::days(d);
                prop_assert!(planned_on(&s, day) >= planned_on(&plain, day));
            }
        }
    }
}
