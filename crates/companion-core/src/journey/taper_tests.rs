//! The taper generator's tests: worked examples, and the property that no schedule is faster
//! than its plan, against an oracle written from the rule in real numbers.

use super::*;
use proptest::prelude::*;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("day")
}

fn rule(start: u32, target: u32, kind: StepKind, value: u32, days: u32, grid: u32) -> TaperRule {
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
