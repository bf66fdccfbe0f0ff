//! Daily series for the trends screen: cravings, sleep and mood per local day, with 7-day
//! rolling averages. Days without data stay empty (`None`), never zero.

pub mod insights;

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Timelike, Weekday};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{stored_zone, to_local};
use crate::store;

/// How far back the trends screen looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Range {
    Week,
    Month,
    Quarter,
    Year,
    All,
}

impl Range {
    /// The number of days shown, ending today; `None` for everything.
    pub fn days(self) -> Option<i64> {
        match self {
            Range::Week => Some(7),
            Range::Month => Some(30),
            Range::Quarter => Some(90),
            Range::Year => Some(365),
            Range::All => None,
        }
    }
}

/// The window of a rolling average, in days (the day itself and the six before it).
pub const ROLLING_DAYS: i64 = 7;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CravingDay {
    pub day: String,
    /// Highest strength that day, from check-ins and logged cravings.
    pub max: Option<u8>,
    /// Average strength that day, from check-ins and logged cravings.
    pub avg: Option<f64>,
    /// How many cravings were logged on their own that day.
    pub logged: u32,
    /// Average of the daily averages of this day and the six before it that have data.
    pub rolling: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SleepNight {
    /// The day the night ended on.
    pub day: String,
    pub total_sleep_min: Option<u32>,
    pub efficiency_pct: Option<f64>,
    pub quality: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MoodDay {
    pub day: String,
    pub avg: Option<f64>,
    pub rolling: Option<f64>,
}

/// A craving logged on its own, as the insights need it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedCraving {
    pub day: NaiveDate,
    /// Local hour, 0–23, in the zone it was logged in.
    pub hour: u32,
    pub context: String,
}

/// Everything the trends screen draws, one entry per day from `from` to `to`.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub craving: Vec<CravingDay>,
    pub sleep: Vec<SleepNight>,
    pub mood: Vec<MoodDay>,
    pub logged: Vec<LoggedCraving>,
}

impl Series {
    pub fn days(&self) -> usize {
        self.craving.len()
    }

    /// The part of the series from `from` on (logged cravings included).
    pub fn since(&self, from: NaiveDate) -> Series {
        let skip = usize::try_from((from - self.from).num_days())
            .unwrap_or(0)
            .min(self.days());
        Series {
            from: from.max(self.from),
            to: self.to,
            craving: self.craving[skip..].to_vec(),
            sleep: self.sleep[skip..].to_vec(),
            mood: self.mood[skip..].to_vec(),
            logged: self
                .logged
                .iter()
                .filter(|c| c.day >= from)
                .cloned()
                .collect(),
        }
    }
}

/// How long one mark of a trend chart stands for. A day while a chart has room for one mark a
/// day; over longer ranges a calendar week or month, so a chart over ten years is about 120
/// marks per series, not 3,650, and stays small and quick to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Day,
    Week,
    Month,
}

impl Step {
    /// The longest range drawn a day per mark (a quarter fits, with room to spare).
    pub const DAILY_UP_TO: usize = 120;
    /// The longest range drawn a week per mark (two years: 105 marks).
    pub const WEEKLY_UP_TO: usize = 731;

    pub fn for_days(days: usize) -> Step {
        if days <= Step::DAILY_UP_TO {
            Step::Day
        } else if days <= Step::WEEKLY_UP_TO {
            Step::Week
        } else {
            Step::Month
        }
    }
}

/// The days of one mark: indices `start..end` into a series that begins on `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub first: NaiveDate,
    pub start: usize,
    pub end: usize,
}

/// Cuts `days` consecutive days from `from` into marks of `step`: weeks run Monday to Sunday
/// and months are calendar months, so the first and last may be partial.
pub fn spans(from: NaiveDate, days: usize, step: Step) -> Vec<Span> {
    let starts_new = |d: NaiveDate| match step {
        Step::Day => true,
        Step::Week => d.weekday() == Weekday::Mon,
        Step::Month => d.day() == 1,
    };
    let mut out: Vec<Span> = Vec::new();
    for (i, d) in from.iter_days().take(days).enumerate() {
        match out.last_mut() {
            Some(last) if !starts_new(d) => last.end = i + 1,
            _ => out.push(Span {
                first: d,
                start: i,
                end: i + 1,
            }),
        }
    }
    out
}

/// The average of the values present, with the lowest and highest of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub mean: f64,
    pub low: f64,
    pub high: f64,
    /// How many values there were.
    pub n: u32,
}

impl Spread {
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Spread> {
        let mut s = Spread {
            mean: 0.0,
            low: f64::INFINITY,
            high: f64::NEG_INFINITY,
            n: 0,
        };
        for v in values {
            s.mean += v;
            s.low = s.low.min(v);
            s.high = s.high.max(v);
            s.n += 1;
        }
        (s.n > 0).then(|| Spread {
            mean: s.mean / f64::from(s.n),
            ..s
        })
    }
}

#[derive(Default)]
struct DayAcc {
    craving_sum: u32,
    craving_n: u32,
    craving_max: Option<u8>,
    logged: u32,
    mood_sum: u32,
    mood_n: u32,
    sleep: Option<(u32, f64, u8)>,
}

/// Rounds to one decimal, so figures in charts, tables and sentences agree.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Rolling averages of `values` (one per consecutive day) over [`ROLLING_DAYS`], skipping gaps.
pub fn rolling(values: &[Option<f64>]) -> Vec<Option<f64>> {
    let w = ROLLING_DAYS as usize;
    (0..values.len())
        .map(|i| {
            let window = &values[i.saturating_sub(w - 1)..=i];
            let (sum, n) = window
                .iter()
                .flatten()
                .fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
            (n > 0).then(|| round1(sum / f64::from(n)))
        })
        .collect()
}

/// The first day with any entry, if there is one.
pub(crate) fn first_day(conn: &Connection) -> Result<Option<NaiveDate>> {
    let day = [
        store::first_day(conn, crate::model::EntryKind::Checkin)?,
        store::first_day(conn, crate::model::EntryKind::Craving)?,
    ]
    .into_iter()
    .flatten()
    .min();
    Ok(day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
}

/// Loads the series for `from..=to` (reading six days more, for the first rolling averages).
pub(crate) fn load(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Series> {
    let read_from = from - Duration::days(ROLLING_DAYS - 1);
    let (lo, hi) = (read_from.to_string(), to.to_string());
    let mut acc: BTreeMap<NaiveDate, DayAcc> = BTreeMap::new();
    let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();

    store::checkins::each_in_days(conn, &lo, &hi, |day, mood, craving, diary| {
        let Some(day) = parse(day) else {
            return;
        };
        let a = acc.entry(day).or_default();
        a.mood_sum += u32::from(mood);
        a.mood_n += 1;
        // An imported check-in may have no craving recorded: it adds nothing to the day's.
        if let Some(craving) = craving {
            a.craving_sum += u32::from(craving);
            a.craving_n += 1;
            a.craving_max = a.craving_max.max(Some(craving));
        }
        if let Some(d) = diary {
            a.sleep = Some((d.total_sleep_min(), d.efficiency_pct(), d.quality));
        }
    })?;

    let mut logged = Vec::new();
    store::cravings::each_in_days(conn, &lo, &hi, |day, at, tz, intensity, context| {
        let Some(day) = parse(day) else {
            return;
        };
        let a = acc.entry(day).or_default();
        a.craving_sum += u32::from(intensity);
        a.craving_n += 1;
        a.craving_max = a.craving_max.max(Some(intensity));
        a.logged += 1;
        if day >= from {
            let at = chrono::DateTime::from_timestamp(at, 0).unwrap_or_default();
            logged.push(LoggedCraving {
                day,
                hour: to_local(stored_zone(tz), at).hour(),
                context,
            });
        }
    })?;

    let all_days: Vec<NaiveDate> = read_from.iter_days().take_while(|d| *d <= to).collect();
    let mean = |sum: u32, n: u32| (n > 0).then(|| round1(f64::from(sum) / f64::from(n)));
    let empty = DayAcc::default();
    let at = |d: &NaiveDate| acc.get(d).unwrap_or(&empty);
    let craving_avg: Vec<Option<f64>> = all_days
        .iter()
        .map(|d| mean(at(d).craving_sum, at(d).craving_n))
        .collect();
    let mood_avg: Vec<Option<f64>> = all_days
        .iter()
        .map(|d| mean(at(d).mood_sum, at(d).mood_n))
        .collect();
    let craving_roll = rolling(&craving_avg);
    let mood_roll = rolling(&mood_avg);

    let skip = (from - read_from).num_days() as usize;
    let mut series = Series {
        from,
        to,
        craving: Vec::with_capacity(all_days.len() - skip),
        sleep: Vec::with_capacity(all_days.len() - skip),
        mood: Vec::with_capacity(all_days.len() - skip),
        logged,
    };
    for (i, d) in all_days.iter().enumerate().skip(skip) {
        let a = at(d);
        let day = d.to_string();
        series.craving.push(CravingDay {
            day: day.clone(),
            max: a.craving_max,
            avg: craving_avg[i],
            logged: a.logged,
            rolling: craving_roll[i],
        });
        series.sleep.push(SleepNight {
            day: day.clone(),
            total_sleep_min: a.sleep.map(|s| s.0),
            efficiency_pct: a.sleep.map(|s| s.1),
            quality: a.sleep.map(|s| s.2),
        });
        series.mood.push(MoodDay {
            day,
            avg: mood_avg[i],
            rolling: mood_roll[i],
        });
    }
    Ok(series)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rolling_skips_gaps_and_never_invents_values() {
        let v = [
            Some(2.0),
            None,
            Some(4.0),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ];
        let r = rolling(&v);
        assert_eq!(r[0], Some(2.0));
        assert_eq!(r[1], Some(2.0));
        assert_eq!(r[2], Some(3.0));
        assert_eq!(r[6], Some(3.0));
        assert_eq!(r[7], Some(4.0), "day 0 has left the window");
        assert_eq!(r[9], None, "nothing in the last seven days");
        assert!(rolling(&[]).is_empty());
    }

    #[test]
    fn steps_follow_the_length_of_the_range() {
        assert_eq!(Step::for_days(7), Step::Day);
        assert_eq!(Step::for_days(90), Step::Day);
        assert_eq!(Step::for_days(365), Step::Week);
        assert_eq!(Step::for_days(3653), Step::Month);
    }

    #[test]
    fn a_spread_is_of_the_values_present() {
        assert_eq!(Spread::of([]), None);
        let s = Spread::of([4.0, 2.0, 9.0]).expect("three values");
        assert_eq!((s.mean, s.low, s.high, s.n), (5.0, 2.0, 9.0, 3));
    }

    proptest! {
        /// The oracle is the calendar: two days share a mark exactly when they share an ISO
        /// week (or a month), and the marks cover every day once, in order.
        #[test]
        fn marks_are_calendar_weeks_and_months(start in 0i64..20_000, days in 0usize..900, monthly in any::<bool>()) {
            let from = NaiveDate::from_ymd_opt(1990, 1, 1).expect("date") + Duration::days(start);
            let step = if monthly { Step::Month } else { Step::Week };
            let key = |d: NaiveDate| if monthly {
                (d.year(), d.month())
            } else {
                (d.iso_week().year(), d.iso_week().week())
            };
            let got = spans(from, days, step);
            let mut next = 0;
            for s in &got {
                prop_assert_eq!(s.start, next);
                prop_assert!(s.end > s.start);
                prop_assert_eq!(s.first, from + Duration::days(s.start as i64));
                let k = key(s.first);
                for i in s.start..s.end {
                    prop_assert_eq!(key(from + Duration::days(i as i64)), k);
                }
                next = s.end;
            }
            prop_assert_eq!(next, days);
            for w in got.windows(2) {
                prop_assert_ne!(key(w[0].first), key(w[1].first));
            }
            prop_assert_eq!(spans(from, days, Step::Day).len(), days);
        }
    }

    proptest! {
        #[test]
        fn rolling_stays_within_the_window_bounds(v in proptest::collection::vec(proptest::option::of(0.0f64..=10.0), 0..60)) {
            let r = rolling(&v);
            prop_assert_eq!(r.len(), v.len());
            for (i, x) in r.iter().enumerate() {
                let window: Vec<f64> = v[i.saturating_sub(6)..=i].iter().flatten().copied().collect();
                match x {
                    None => prop_assert!(window.is_empty()),
                    Some(x) => {
                        let lo = window.iter().copied().fold(f64::INFINITY, f64::min);
                        let hi = window.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        prop_assert!(*x >= round1(lo) - 0.05 && *x <= round1(hi) + 0.05);
                    }
                }
            }
        }
    }
}
