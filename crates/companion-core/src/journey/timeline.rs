//! The detox timeline: which phase the hours since the last dose usually fall in, and the
//! dose-free stretches a history holds. Pure: instants in, answers out.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// The usual course of kratom withdrawal, from the last dose. Everyone's differs; the app says
/// "usually" and "often" about every phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Phase {
    /// The first 12 hours: symptoms have usually not started yet.
    BeforeSymptoms,
    /// 12 to 24 hours: when symptoms most often begin.
    Onset,
    /// Day 2 up to the end of the first week: usually the hardest days.
    Acute,
    /// After about a week: the body has mostly settled; cravings and low mood can linger.
    Tail,
}

pub const ONSET_AT: Duration = Duration::hours(12);
pub const ACUTE_AT: Duration = Duration::hours(24);
pub const TAIL_AT: Duration = Duration::days(7);

/// A stretch without a dose shorter than this is simply the time between doses, not a stop:
/// once-a-day doses, a little late, are a day apart.
pub const STRETCH_MIN: Duration = Duration::hours(36);

pub fn phase(since: Duration) -> Phase {
    if since < ONSET_AT {
        Phase::BeforeSymptoms
    } else if since < ACUTE_AT {
        Phase::Onset
    } else if since < TAIL_AT {
        Phase::Acute
    } else {
        Phase::Tail
    }
}

/// Day 1 is the first 24 hours after the last dose, as people count "day 3 of detox".
pub fn detox_day(since: Duration) -> u32 {
    u32::try_from(since.num_hours().max(0) / 24 + 1).unwrap_or(u32::MAX)
}

/// Dose-free stretches of at least [`STRETCH_MIN`] that a later dose ended, newest first.
/// `doses` must be sorted oldest first.
pub fn past_stretches(doses: &[DateTime<Utc>]) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut out: Vec<_> = doses
        .windows(2)
        .filter(|w| w[1] - w[0] >= STRETCH_MIN)
        .map(|w| (w[0], w[1]))
        .collect();
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_change_exactly_at_their_boundaries() {
        let m = Duration::minutes;
        assert_eq!(phase(m(0)), Phase::BeforeSymptoms);
        assert_eq!(phase(ONSET_AT - m(1)), Phase::BeforeSymptoms);
        assert_eq!(phase(ONSET_AT), Phase::Onset);
        assert_eq!(phase(ACUTE_AT - m(1)), Phase::Onset);
        assert_eq!(phase(ACUTE_AT), Phase::Acute);
        assert_eq!(phase(TAIL_AT - m(1)), Phase::Acute);
        assert_eq!(phase(TAIL_AT), Phase::Tail);
        assert_eq!(phase(Duration::days(400)), Phase::Tail);
        // A dose logged a minute ahead of a slow clock is still "just now".
        assert_eq!(phase(m(-1)), Phase::BeforeSymptoms);
    }

    #[test]
    fn detox_days_count_from_one() {
        assert_eq!(detox_day(Duration::minutes(-5)), 1);
        assert_eq!(detox_day(Duration::hours(0)), 1);
        assert_eq!(detox_day(Duration::hours(23)), 1);
        assert_eq!(detox_day(Duration::hours(24)), 2);
        assert_eq!(detox_day(Duration::hours(24 * 6 + 23)), 7);
    }

    #[test]
    fn only_gaps_of_a_day_and_a_half_or_more_are_stretches() {
        let t0 = DateTime::from_timestamp(1_700_000_000, 0).expect("t");
        let h = Duration::hours;
        let doses = [t0, t0 + h(8), t0 + h(34), t0 + h(70), t0 + h(170)];
        let s = past_stretches(&doses);
        assert_eq!(s, vec![(t0 + h(70), t0 + h(170)), (t0 + h(34), t0 + h(70))]);
        assert!(past_stretches(&[t0]).is_empty());
        assert!(past_stretches(&[]).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn phase_never_goes_back_as_time_passes(a in 0i64..2_000_000, b in 0i64..2_000_000) {
            let (lo, hi) = (a.min(b), a.max(b));
            proptest::prop_assert!(phase(Duration::seconds(lo)) <= phase(Duration::seconds(hi)));
            proptest::prop_assert!(detox_day(Duration::seconds(lo)) <= detox_day(Duration::seconds(hi)));
        }
    }
}
