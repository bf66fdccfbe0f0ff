//! Daily series for the trends screen: cravings, sleep and mood per local day, with 7-day
//! rolling averages. Days without data stay empty (`None`), never zero.

pub mod insights;

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, Timelike};
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
        store::first_day(conn, crate::EntryKind::Checkin)?,
        store::first_day(conn, crate::EntryKind::Craving)?,
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
