//! When a reminder is due, as pure functions of its rule, its state and the clock. Rules are
//! wall-clock times in the person's zone; every due moment is computed from the wall clock
//! afresh (never by adding up sleeps), so suspends, clock jumps and DST cannot make it drift.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// How late a missed daily reminder may still be shown: a wind-down or check-in call hours
/// after its time helps no one. Repeating reminders may be as late as their own interval.
pub const DAILY_GRACE: Duration = Duration::hours(2);

/// A reminder's rule, in wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Once a day at this time.
    Daily { at: NaiveTime },
    /// Every `minutes` from `from` to `to` (inclusive) each day; `to` at or before `from`
    /// runs past midnight.
    Every {
        minutes: u32,
        from: NaiveTime,
        to: NaiveTime,
    },
}

impl Rule {
    /// The most a missed moment may be late and still be shown (once).
    pub fn grace(self) -> Duration {
        match self {
            Rule::Daily { .. } => DAILY_GRACE,
            Rule::Every { minutes, .. } => Duration::minutes(minutes.into()),
        }
    }

    /// The due moments that start on local `day`, in order, each once.
    pub fn moments_on(self, day: NaiveDate, zone: Tz) -> Vec<DateTime<Utc>> {
        let mut out = match self {
            Rule::Daily { at } => vec![instant(zone, day.and_time(at))],
            Rule::Every { minutes, from, to } => {
                let start = day.and_time(from);
                let mut end = day.and_time(to);
                if end <= start {
                    end += Duration::days(1);
                }
                let step = Duration::minutes(minutes.max(1).into());
                let mut out = Vec::new();
                let mut t = start;
                // A window of a whole day would meet itself at the end: that moment is the
                // next day's first.
                while t <= end && (t < end || end - start < Duration::days(1)) {
                    out.push(instant(zone, t));
                    t += step;
                }
                out
            }
        };
        out.sort();
        out.dedup();
        out
    }

    /// The first due moment strictly after `t`.
    pub fn next_after(self, t: DateTime<Utc>, zone: Tz) -> Option<DateTime<Utc>> {
        let day = t.with_timezone(&zone).date_naive();
        (-1..=2)
            .flat_map(|d| self.moments_on(day + Duration::days(d), zone))
            .filter(|&m| m > t)
            .min()
    }

    /// The latest due moment in `(after, upto]`, looking back at most two days: anything
    /// older is past every grace period anyway.
    pub fn latest_in(
        self,
        after: DateTime<Utc>,
        upto: DateTime<Utc>,
        zone: Tz,
    ) -> Option<DateTime<Utc>> {
        let day = upto.with_timezone(&zone).date_naive();
        (-2..=1)
            .flat_map(|d| self.moments_on(day + Duration::days(d), zone))
            .filter(|&m| m > after && m <= upto)
            .max()
    }
}

/// The instant a reminder's wall time names: a time that happens twice (clocks going back) is
/// the first; a time that never happens (clocks going forward) is the first instant after the
/// jump, so a reminder set inside the gap still comes, once.
pub fn instant(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let mut probe = local;
    for _ in 0..=24 * 60 {
        match zone.from_local_datetime(&probe) {
            chrono::LocalResult::Single(t) => return t.with_timezone(&Utc),
            chrono::LocalResult::Ambiguous(first, _) => return first.with_timezone(&Utc),
            chrono::LocalResult::None => probe += Duration::minutes(1),
        }
    }
    Utc.from_utc_datetime(&local)
}

/// Whether `t` falls inside quiet hours `(start, end)` in `zone`; `start == end` is never.
pub fn in_quiet(quiet: Option<(NaiveTime, NaiveTime)>, t: DateTime<Utc>, zone: Tz) -> bool {
    let Some((start, end)) = quiet else {
        return false;
    };
    let now = t.with_timezone(&zone).time();
    if start <= end {
        start <= now && now < end
    } else {
        now >= start || now < end
    }
}

/// What is remembered about one reminder between evaluations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub enabled: bool,
    /// The latest due moment already dealt with.
    pub handled_through: DateTime<Utc>,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub paused_until: Option<DateTime<Utc>>,
}

/// Everything outside the reminder that decides whether it may be shown.
#[derive(Clone, Copy)]
#[allow(missing_debug_implementations)] // holds a closure
pub struct Context<'a> {
    pub zone: Tz,
    pub quiet: Option<(NaiveTime, NaiveTime)>,
    /// All reminders paused (from the tray or settings) until then.
    pub all_paused_until: Option<DateTime<Utc>>,
    /// A due moment is silently passed over when this says so (a check-in already done that
    /// day, a glass of water just logged).
    pub not_needed: &'a dyn Fn(DateTime<Utc>) -> bool,
}

/// A reminder to show now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// The moment it was due: a rule's moment, or the end of a snooze.
    pub at: DateTime<Utc>,
    pub snoozed: bool,
}

/// The result of one evaluation: what to show, and the state to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub due: Option<Due>,
    pub state: State,
    /// When to look again, at the latest.
    pub next: Option<DateTime<Utc>>,
}

/// Decides whether a reminder is due at `now`. At most one notification comes out of any one
/// evaluation, however much was missed; moments that passed in quiet hours, in a pause or
/// during a snooze are marked dealt with and never come back as a burst.
pub fn evaluate(rule: Rule, st: State, ctx: &Context<'_>, now: DateTime<Utc>) -> Outcome {
    if !st.enabled {
        return Outcome {
            due: None,
            state: st,
            next: None,
        };
    }
    let zone = ctx.zone;
    let grace = rule.grace();
    let paused = |t: DateTime<Utc>| {
        st.paused_until.is_some_and(|p| t < p) || ctx.all_paused_until.is_some_and(|p| t < p)
    };
    let quiet = |t: DateTime<Utc>| in_quiet(ctx.quiet, t, zone);
    let may_show_now = !paused(now) && !quiet(now);

    let mut state = st;
    let mut due = None;
    if let Some(s) = st.snoozed_until {
        if s <= now {
            state.snoozed_until = None;
            if may_show_now && now - s <= grace {
                due = Some(Due {
                    at: s,
                    snoozed: true,
                });
            }
        }
    }
    if let Some(m) = rule.latest_in(st.handled_through, now, zone) {
        state.handled_through = m;
        let deferred_by_snooze = st.snoozed_until.is_some_and(|s| m < s);
        if due.is_none()
            && may_show_now
            && !deferred_by_snooze
            && now - m <= grace
            && !paused(m)
            && !quiet(m)
            && !(ctx.not_needed)(m)
        {
            due = Some(Due {
                at: m,
                snoozed: false,
            });
        }
    }
    let from = now.max(state.handled_through);
    let next = match (rule.next_after(from, zone), state.snoozed_until) {
        (Some(n), Some(s)) => Some(n.min(s)),
        (n, s) => n.or(s),
    };
    Outcome { due, state, next }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::Berlin;

    fn t(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").expect("time")
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("rfc3339")
            .with_timezone(&Utc)
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn a_window_from_nine_to_nine_every_ninety_minutes() {
        let rule = Rule::Every {
            minutes: 90,
            from: t("09:00"),
            to: t("21:00"),
        };
        let m = rule.moments_on(day("2026-06-10"), Berlin);
        assert_eq!(m.len(), 9);
        assert_eq!(m[0], utc("2026-06-10T07:00:00Z"));
        assert_eq!(m[8], utc("2026-06-10T19:00:00Z"));
    }

    #[test]
    fn a_window_past_midnight_belongs_to_the_day_it_starts() {
        let rule = Rule::Every {
            minutes: 60,
            from: t("22:00"),
            to: t("01:00"),
        };
        let m = rule.moments_on(day("2026-06-10"), Berlin);
        assert_eq!(m.len(), 4);
        assert_eq!(m[3], utc("2026-06-10T23:00:00Z"));
    }

    #[test]
    fn spring_forward_gap_fires_once_at_the_jump() {
        // 02:00–02:59 do not exist in New York on 2026-03-08; 03:00 EDT is 07:00 UTC.
        let daily = Rule::Daily { at: t("02:30") };
        assert_eq!(
            daily.moments_on(day("2026-03-08"), New_York),
            vec![utc("2026-03-08T07:00:00Z")]
        );
        let every = Rule::Every {
            minutes: 30,
            from: t("01:30"),
            to: t("03:30"),
        };
        assert_eq!(
            every.moments_on(day("2026-03-08"), New_York),
            vec![
                utc("2026-03-08T06:30:00Z"),
                utc("2026-03-08T07:00:00Z"),
                utc("2026-03-08T07:30:00Z")
            ]
        );
    }

    #[test]
    fn fall_back_repeated_hour_fires_once() {
        // 01:30 happens twice in New York on 2026-11-01; only the first (05:30 UTC) counts.
        let daily = Rule::Daily { at: t("01:30") };
        assert_eq!(
            daily.moments_on(day("2026-11-01"), New_York),
            vec![utc("2026-11-01T05:30:00Z")]
        );
    }

    #[test]
    fn quiet_hours_across_midnight() {
        let q = Some((t("22:00"), t("08:00")));
        assert!(in_quiet(q, utc("2026-06-10T21:30:00Z"), Berlin)); // 23:30
        assert!(in_quiet(q, utc("2026-06-10T05:59:00Z"), Berlin)); // 07:59
        assert!(!in_quiet(q, utc("2026-06-10T06:00:00Z"), Berlin)); // 08:00
        assert!(!in_quiet(None, utc("2026-06-10T21:30:00Z"), Berlin));
        assert!(!in_quiet(
            Some((t("08:00"), t("08:00"))),
            utc("2026-06-10T06:00:00Z"),
            Berlin
        ));
    }

    mod walks {
        use super::*;
        use proptest::prelude::*;
        use std::collections::HashSet;

        fn hm(minute: u32) -> NaiveTime {
            NaiveTime::from_hms_opt(minute / 60 % 24, minute % 60, 0).expect("time")
        }

        fn rule() -> impl Strategy<Value = Rule> {
            prop_oneof![
                (0u32..1440).prop_map(|m| Rule::Daily { at: hm(m) }),
                (15u32..=720, 0u32..1440, 1u32..1440).prop_map(|(minutes, from, len)| {
                    Rule::Every {
                        minutes,
                        from: hm(from),
                        to: hm(from + len),
                    }
                }),
            ]
        }

        /// Clock moves in minutes: mostly forward, sometimes a suspend, sometimes set back.
        fn walk() -> impl Strategy<Value = Vec<i64>> {
            proptest::collection::vec(
                prop_oneof![
                    8 => 1i64..20,
                    2 => 20i64..600,
                    1 => 600i64..3000,
                    1 => -180i64..0,
                ],
                50..400,
            )
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]
            #[test]
            fn no_moment_twice_and_nothing_in_quiet_hours(
                rule in rule(),
                steps in walk(),
                quiet_from in 0u32..1440,
                quiet_len in 0u32..720,
                zone_pick in 0usize..3,
                start in 0i64..(366 * 24 * 60),
            ) {
                let zone = [Berlin, New_York, chrono_tz::Australia::Lord_Howe][zone_pick];
                let quiet = (quiet_len > 0).then(|| (hm(quiet_from), hm(quiet_from + quiet_len)));
                let never = |_: DateTime<Utc>| false;
                let ctx = Context { zone, quiet, all_paused_until: None, not_needed: &never };
                let mut now = utc("2026-01-01T00:00:00Z") + Duration::minutes(start);
                let mut st = State {
                    enabled: true,
                    handled_through: now,
                    snoozed_until: None,
                    paused_until: None,
                };
                let mut seen = HashSet::new();
                for step in steps {
                    now += Duration::minutes(step);
                    let out = evaluate(rule, st, &ctx, now);
                    if let Some(due) = out.due {
                        prop_assert!(seen.insert(due.at), "{:?} shown twice", due.at);
                        prop_assert!(!in_quiet(quiet, now, zone), "shown in quiet hours at {now}");
                        prop_assert!(due.at <= now && now - due.at <= rule.grace());
                    }
                    prop_assert!(out.state.handled_through >= st.handled_through);
                    if let Some(next) = out.next {
                        prop_assert!(next > now);
                    }
                    st = out.state;
                }
            }
        }
    }
}
