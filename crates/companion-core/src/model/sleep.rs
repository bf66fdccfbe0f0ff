//! Last night's sleep as a short sleep diary, and what follows from it: time in bed, total
//! sleep time and sleep efficiency.
//!
//! The form asks for clock times only, which is how people remember a night. They are placed on
//! the calendar like this: the night ends on the check-in's day. Going to bed and trying to
//! sleep at or after noon were the evening before; before noon, they were that day (after
//! midnight). Waking and getting up are on the check-in's day. Times are then checked to be in
//! order, so a wake time before the bed time is an error rather than a 23-hour night.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::{fmt_local, parse_time, ranged, resolve_local, to_local, FUTURE_SLACK};
use crate::error::{Error, Result};

/// The longest time in bed the diary accepts; beyond it a time was almost surely mistyped.
pub const MAX_TIME_IN_BED_HOURS: i64 = 18;

/// The sleep diary as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SleepInput {
    /// "HH:MM": when they went to bed.
    pub bed_time: String,
    /// "HH:MM": when they started trying to sleep.
    pub lights_off: String,
    /// Minutes it took to fall asleep.
    #[cfg_attr(test, ts(type = "number | null"))]
    pub latency_min: Option<i64>,
    /// How many times they woke during the night.
    #[cfg_attr(test, ts(type = "number | null"))]
    pub awakenings: Option<i64>,
    /// Minutes awake during the night, all awakenings together; empty means none.
    #[cfg_attr(test, ts(type = "number | null"))]
    pub awake_min: Option<i64>,
    /// "HH:MM": final wake-up.
    pub final_wake: String,
    /// "HH:MM": when they got out of bed.
    pub out_of_bed: String,
    /// 1 (very poor) to 5 (very good).
    #[cfg_attr(test, ts(type = "number | null"))]
    pub quality: Option<i64>,
}

/// A sleep diary that keeps every rule: instants in order, durations that fit in the night.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SleepDiary {
    pub bed_at: DateTime<Utc>,
    pub lights_off_at: DateTime<Utc>,
    pub wake_at: DateTime<Utc>,
    pub out_of_bed_at: DateTime<Utc>,
    pub latency_min: u16,
    pub awakenings: u16,
    pub awake_min: u16,
    pub quality: u8,
}

/// The figures a diary gives, with the resolved local start and end so the person can see how
/// the app read their times.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SleepSummary {
    /// Local "YYYY-MM-DDTHH:MM" of going to bed.
    pub bed_at: String,
    /// Local "YYYY-MM-DDTHH:MM" of getting up.
    pub out_of_bed_at: String,
    pub time_in_bed_min: u32,
    pub total_sleep_min: u32,
    /// Total sleep / time in bed, in percent, one decimal.
    pub efficiency_pct: f64,
}

/// The diary as shown and edited: the clock times in the zone it was recorded in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SleepView {
    pub input: SleepInput,
    pub summary: SleepSummary,
}

impl SleepDiary {
    /// Validates the diary of the night that ended on `day`, read in `zone`, as of `now`.
    pub fn new(input: &SleepInput, day: NaiveDate, zone: Tz, now: DateTime<Utc>) -> Result<Self> {
        let bed = parse_time("sleep.bedTime", "the time you went to bed", &input.bed_time)?;
        let off = parse_time(
            "sleep.lightsOff",
            "the time you tried to sleep",
            &input.lights_off,
        )?;
        let latency = ranged(
            "sleep.latencyMin",
            "how many minutes it took to fall asleep",
            input.latency_min,
            0,
            720,
        )?;
        let awakenings = ranged(
            "sleep.awakenings",
            "how many times you woke up",
            input.awakenings,
            0,
            50,
        )?;
        let awake = ranged(
            "sleep.awakeMin",
            "the minutes you were awake in the night",
            Some(input.awake_min.unwrap_or(0)),
            0,
            720,
        )?;
        let wake = parse_time(
            "sleep.finalWake",
            "when you finally woke up",
            &input.final_wake,
        )?;
        let out = parse_time(
            "sleep.outOfBed",
            "when you got out of bed",
            &input.out_of_bed,
        )?;
        let quality = ranged("sleep.quality", "how well you slept", input.quality, 1, 5)?;

        let evening = |t: NaiveTime| {
            let date = if t >= NaiveTime::MIN + Duration::hours(12) {
                day.pred_opt().unwrap_or(day)
            } else {
                day
            };
            resolve_local(zone, date.and_time(t))
        };
        let bed_at = evening(bed);
        let lights_off_at = evening(off);
        let wake_at = resolve_local(zone, day.and_time(wake));
        let out_of_bed_at = resolve_local(zone, day.and_time(out));

        if lights_off_at < bed_at {
            return Err(Error::invalid(
                "sleep.lightsOff",
                "This is before the time you went to bed. Please check both times.",
            ));
        }
        if wake_at < lights_off_at {
            return Err(Error::invalid(
                "sleep.finalWake",
                "This wake time comes before the time you went to bed or tried to sleep. Please check the times.",
            ));
        }
        if out_of_bed_at < wake_at {
            return Err(Error::invalid(
                "sleep.outOfBed",
                "This is before your final wake time. Please check both times.",
            ));
        }
        if out_of_bed_at - bed_at > Duration::hours(MAX_TIME_IN_BED_HOURS) {
            return Err(Error::invalid(
                "sleep.bedTime",
                format!(
                    "That adds up to more than {MAX_TIME_IN_BED_HOURS} hours in bed. Please check the bed and wake times."
                ),
            ));
        }
        if out_of_bed_at == bed_at {
            return Err(Error::invalid(
                "sleep.outOfBed",
                "The time you got up is the same as the time you went to bed. Please check the times.",
            ));
        }
        let window_min = (wake_at - lights_off_at).num_minutes();
        if latency + awake > window_min {
            return Err(Error::invalid(
                "sleep.latencyMin",
                "The minutes to fall asleep and the minutes awake add up to more than the time between trying to sleep and waking. Please check them.",
            ));
        }
        if wake_at > now + FUTURE_SLACK {
            return Err(Error::invalid(
                "sleep.finalWake",
                "That wake-up time has not come yet today. Please check the time.",
            ));
        }
        if out_of_bed_at > now + FUTURE_SLACK {
            return Err(Error::invalid(
                "sleep.outOfBed",
                "That time has not come yet today. Please check the time.",
            ));
        }

        // The ranges above make these conversions lossless.
        let small = |v: i64| u16::try_from(v).unwrap_or(u16::MAX);
        Ok(SleepDiary {
            bed_at,
            lights_off_at,
            wake_at,
            out_of_bed_at,
            latency_min: small(latency),
            awakenings: small(awakenings),
            awake_min: small(awake),
            quality: u8::try_from(quality).unwrap_or(u8::MAX),
        })
    }

    pub fn time_in_bed_min(&self) -> u32 {
        minutes(self.out_of_bed_at - self.bed_at)
    }

    pub fn total_sleep_min(&self) -> u32 {
        let window = minutes(self.wake_at - self.lights_off_at);
        window.saturating_sub(u32::from(self.latency_min) + u32::from(self.awake_min))
    }

    /// Percent, rounded to one decimal. Time in bed is never zero for a valid diary.
    pub fn efficiency_pct(&self) -> f64 {
        let tib = self.time_in_bed_min();
        if tib == 0 {
            return 0.0;
        }
        (f64::from(self.total_sleep_min()) * 1000.0 / f64::from(tib)).round() / 10.0
    }

    pub fn summary(&self, zone: Tz) -> SleepSummary {
        SleepSummary {
            bed_at: fmt_local(to_local(zone, self.bed_at)),
            out_of_bed_at: fmt_local(to_local(zone, self.out_of_bed_at)),
            time_in_bed_min: self.time_in_bed_min(),
            total_sleep_min: self.total_sleep_min(),
            efficiency_pct: self.efficiency_pct(),
        }
    }

    /// The diary as the form shows it again, in the zone it was recorded in.
    pub fn view(&self, zone: Tz) -> SleepView {
        let hm = |t: DateTime<Utc>| to_local(zone, t).format("%H:%M").to_string();
        SleepView {
            input: SleepInput {
                bed_time: hm(self.bed_at),
                lights_off: hm(self.lights_off_at),
                latency_min: Some(self.latency_min.into()),
                awakenings: Some(self.awakenings.into()),
                awake_min: Some(self.awake_min.into()),
                final_wake: hm(self.wake_at),
                out_of_bed: hm(self.out_of_bed_at),
                quality: Some(self.quality.into()),
            },
            summary: self.summary(zone),
        }
    }
}

fn minutes(d: Duration) -> u32 {
    u32::try_from(d.num_minutes().max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America::New_York, Europe::Berlin};
    use proptest::prelude::*;

    fn input(bed: &str, off: &str, lat: i64, awake: i64, wake: &str, out: &str) -> SleepInput {
        SleepInput {
            bed_time: bed.into(),
            lights_off: off.into(),
            latency_min: Some(lat),
            awakenings: Some(2),
            awake_min: Some(awake),
            final_wake: wake.into(),
            out_of_bed: out.into(),
            quality: Some(3),
        }
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    /// Noon in New York: after every wake time of these tests in both zones used.
    fn noon_after(d: &str) -> DateTime<Utc> {
        resolve_local(New_York, day(d).and_hms_opt(12, 0, 0).expect("time"))
    }

    #[test]
    fn a_night_across_midnight() {
        let d = SleepDiary::new(
            &input("22:45", "23:15", 20, 30, "06:30", "07:00"),
            day("2026-11-24"),
            Berlin,
            noon_after("2026-11-24"),
        )
        .expect("valid");
        assert_eq!(d.time_in_bed_min(), 8 * 60 + 15);
        // 23:15 → 06:30 is 435 min, less 20 to fall asleep and 30 awake.
        assert_eq!(d.total_sleep_min(), 385);
        assert_eq!(d.efficiency_pct(), 77.8);
        let s = d.summary(Berlin);
        assert_eq!(s.bed_at, "2026-11-23T22:45");
        assert_eq!(s.out_of_bed_at, "2026-11-24T07:00");
    }

    #[test]
    fn bed_after_midnight_is_on_the_wake_day() {
        let d = SleepDiary::new(
            &input("00:30", "01:00", 15, 0, "08:00", "08:10"),
            day("2026-11-24"),
            Berlin,
            noon_after("2026-11-24"),
        )
        .expect("valid");
        assert_eq!(d.summary(Berlin).bed_at, "2026-11-24T00:30");
        assert_eq!(d.time_in_bed_min(), 460);
        assert_eq!(d.total_sleep_min(), 405);
    }

    #[test]
    fn spring_forward_night_is_an_hour_shorter() {
        // New York moved 02:00 → 03:00 on 2026-03-08.
        let d = SleepDiary::new(
            &input("23:00", "23:00", 0, 0, "07:00", "07:00"),
            day("2026-03-08"),
            New_York,
            noon_after("2026-03-08"),
        )
        .expect("valid");
        assert_eq!(d.time_in_bed_min(), 7 * 60);
        assert_eq!(d.efficiency_pct(), 100.0);
    }

    #[test]
    fn fall_back_night_is_an_hour_longer() {
        let d = SleepDiary::new(
            &input("23:00", "23:00", 0, 0, "07:00", "07:00"),
            day("2026-11-01"),
            New_York,
            noon_after("2026-11-01"),
        )
        .expect("valid");
        assert_eq!(d.time_in_bed_min(), 9 * 60);
    }

    #[test]
    fn wake_before_bed_names_the_wake_field() {
        let e = SleepDiary::new(
            &input("01:30", "01:30", 0, 0, "01:00", "01:10"),
            day("2026-11-24"),
            Berlin,
            noon_after("2026-11-24"),
        )
        .expect_err("wake before bed");
        assert_eq!(e.field(), Some("sleep.finalWake"));
    }

    #[test]
    fn each_rule_names_its_field() {
        let d = day("2026-11-24");
        let now = noon_after("2026-11-24");
        let cases: Vec<(SleepInput, &str)> = vec![
            (input("", "23:00", 0, 0, "07:00", "07:00"), "sleep.bedTime"),
            (
                input("25:00", "23:00", 0, 0, "07:00", "07:00"),
                "sleep.bedTime",
            ),
            (
                input("23:00", "22:00", 0, 0, "07:00", "07:00"),
                "sleep.lightsOff",
            ),
            (
                input("23:00", "23:00", -1, 0, "07:00", "07:00"),
                "sleep.latencyMin",
            ),
            (
                input("23:00", "23:00", 0, 721, "07:00", "07:00"),
                "sleep.awakeMin",
            ),
            (
                input("23:00", "23:00", 300, 300, "07:00", "07:00"),
                "sleep.latencyMin",
            ),
            (
                input("23:00", "23:00", 0, 0, "07:00", "06:59"),
                "sleep.outOfBed",
            ),
            (
                input("13:00", "13:00", 0, 0, "09:00", "09:00"),
                "sleep.bedTime",
            ),
            (
                input("23:00", "23:00", 0, 0, "07:00", "abc"),
                "sleep.outOfBed",
            ),
            (
                input("11:00", "11:00", 0, 0, "11:00", "11:00"),
                "sleep.outOfBed",
            ),
        ];
        for (i, want) in cases {
            let e = SleepDiary::new(&i, d, Berlin, now).expect_err(want);
            assert_eq!(e.field(), Some(want), "{i:?}: {e}");
        }
        let mut no_quality = input("23:00", "23:00", 0, 0, "07:00", "07:00");
        no_quality.quality = None;
        let e = SleepDiary::new(&no_quality, d, Berlin, now).expect_err("quality");
        assert_eq!(e.field(), Some("sleep.quality"));
        let mut no_awakenings = input("23:00", "23:00", 0, 0, "07:00", "07:00");
        no_awakenings.awakenings = Some(51);
        let e = SleepDiary::new(&no_awakenings, d, Berlin, now).expect_err("awakenings");
        assert_eq!(e.field(), Some("sleep.awakenings"));
    }

    #[test]
    fn a_morning_still_to_come_is_refused() {
        let d = day("2026-11-24");
        let early = resolve_local(Berlin, d.and_hms_opt(6, 0, 0).expect("time"));
        let e = SleepDiary::new(
            &input("23:00", "23:00", 0, 0, "07:00", "07:30"),
            d,
            Berlin,
            early,
        )
        .expect_err("future");
        assert_eq!(e.field(), Some("sleep.finalWake"));
        let at_seven = resolve_local(Berlin, d.and_hms_opt(7, 10, 0).expect("time"));
        let e = SleepDiary::new(
            &input("23:00", "23:00", 0, 0, "07:00", "07:30"),
            d,
            Berlin,
            at_seven,
        )
        .expect_err("future");
        assert_eq!(e.field(), Some("sleep.outOfBed"));
    }

    #[test]
    fn view_round_trips_the_input() {
        let i = input("22:45", "23:15", 20, 30, "06:30", "07:00");
        let d =
            SleepDiary::new(&i, day("2026-11-24"), Berlin, noon_after("2026-11-24")).expect("ok");
        assert_eq!(d.view(Berlin).input, i);
    }

    proptest! {
        #[test]
        fn figures_are_consistent_for_any_valid_night(
            bed in 0u32..(24 * 60), off_delay in 0i64..120, sleep_len in 0i64..(12 * 60),
            lat in 0i64..200, awake in 0i64..200, linger in 0i64..90, q in 1i64..=5,
        ) {
            let hm = |m: i64| format!("{:02}:{:02}", m.rem_euclid(1440) / 60, m.rem_euclid(60));
            let bed = i64::from(bed);
            let i = SleepInput {
                bed_time: hm(bed), lights_off: hm(bed + off_delay),
                latency_min: Some(lat), awakenings: Some(1), awake_min: Some(awake),
                final_wake: hm(bed + off_delay + sleep_len), out_of_bed: hm(bed + off_delay + sleep_len + linger),
                quality: Some(q),
            };
            let far_future = noon_after("2026-11-30");
            if let Ok(d) = SleepDiary::new(&i, day("2026-11-24"), Berlin, far_future) {
                prop_assert!(d.bed_at <= d.lights_off_at && d.lights_off_at <= d.wake_at && d.wake_at <= d.out_of_bed_at);
                prop_assert!(d.total_sleep_min() <= d.time_in_bed_min());
                let e = d.efficiency_pct();
                prop_assert!((0.0..=100.0).contains(&e), "efficiency {}", e);
                prop_assert!(i64::from(d.time_in_bed_min()) <= MAX_TIME_IN_BED_HOURS * 60);
                prop_assert_eq!(d.view(Berlin).input, SleepInput { awake_min: Some(awake), ..i.clone() });
            }
        }
    }
}
