//! Plain-language observations from the series. Each says what it rests on; none is drawn from
//! too little data; none is advice or a diagnosis.

use std::collections::HashMap;

use serde::Serialize;

use super::{round1, LoggedCraving, Series};

/// Days with data a week needs before two weeks are compared.
pub const MIN_DAYS_PER_WEEK: usize = 3;
/// Nights a sleep–craving relation needs before it is mentioned.
pub const MIN_NIGHTS_FOR_RELATION: usize = 14;
/// Logged cravings needed before saying when in the day they come.
pub const MIN_CRAVINGS_FOR_HOURS: usize = 10;
/// Notes on logged cravings needed before naming the ones that recur.
pub const MIN_NOTES_FOR_TRIGGERS: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Insight {
    /// A stable name, e.g. "craving-week".
    pub id: String,
    pub text: String,
    /// What the sentence rests on, e.g. "Based on 6 days this week and 7 the week before."
    pub based_on: String,
}

/// All insights the series supports, in a fixed order.
pub fn all(series: &Series) -> Vec<Insight> {
    [
        craving_week(series),
        sleep_week(series),
        mood_week(series),
        sleep_and_craving(series),
        craving_hours(&series.logged),
        recurring_notes(&series.logged),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Mean of the values of the last 7 days and of the 7 before, with their counts.
fn two_weeks(values: &[Option<f64>]) -> Option<((f64, usize), (f64, usize))> {
    let n = values.len();
    if n < 14 {
        return None;
    }
    let week = |slice: &[Option<f64>]| {
        let v: Vec<f64> = slice.iter().flatten().copied().collect();
        (v.len() >= MIN_DAYS_PER_WEEK).then(|| (v.iter().sum::<f64>() / v.len() as f64, v.len()))
    };
    Some((week(&values[n - 7..])?, week(&values[n - 14..n - 7])?))
}

fn based_on_weeks(this: usize, last: usize, unit: &str) -> String {
    format!("Based on {this} {unit} this week and {last} the week before.")
}

fn craving_week(s: &Series) -> Option<Insight> {
    let v: Vec<Option<f64>> = s.craving.iter().map(|d| d.avg).collect();
    let ((this, n1), (last, n2)) = two_weeks(&v)?;
    let diff = round1(this - last);
    let text = if diff.abs() < 0.1 {
        "Your average craving this week was about the same as last week.".to_owned()
    } else if diff < 0.0 {
        format!(
            "Your average craving this week was {:.1} points lower than last week.",
            -diff
        )
    } else {
        format!(
            "Your average craving this week was {diff:.1} points higher than last week. Harder weeks are part of the way; they pass."
        )
    };
    Some(Insight {
        id: "craving-week".into(),
        text,
        based_on: based_on_weeks(n1, n2, "days"),
    })
}

fn sleep_week(s: &Series) -> Option<Insight> {
    let v: Vec<Option<f64>> = s
        .sleep
        .iter()
        .map(|d| d.total_sleep_min.map(f64::from))
        .collect();
    let ((this, n1), (last, n2)) = two_weeks(&v)?;
    let diff = (this - last).round() as i64;
    let text = if diff.abs() < 5 {
        "You slept about as long per night as last week.".to_owned()
    } else if diff > 0 {
        format!(
            "You slept {} more per night on average than last week.",
            minutes(diff)
        )
    } else {
        format!(
            "You slept {} less per night on average than last week.",
            minutes(-diff)
        )
    };
    Some(Insight {
        id: "sleep-week".into(),
        text,
        based_on: based_on_weeks(n1, n2, "nights"),
    })
}

fn mood_week(s: &Series) -> Option<Insight> {
    let v: Vec<Option<f64>> = s.mood.iter().map(|d| d.avg).collect();
    let ((this, n1), (last, n2)) = two_weeks(&v)?;
    let diff = round1(this - last);
    let text = if diff.abs() < 0.1 {
        "Your average mood this week was about the same as last week.".to_owned()
    } else if diff > 0.0 {
        format!("Your average mood this week was {diff:.1} points higher than last week.")
    } else {
        format!("Your average mood this week was {:.1} points lower than last week. Low days are common in recovery, and it can help to tell someone.", -diff)
    };
    Some(Insight {
        id: "mood-week".into(),
        text,
        based_on: based_on_weeks(n1, n2, "days"),
    })
}

fn minutes(m: i64) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m} minutes"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Pearson's correlation of paired values; `None` when either side does not vary.
pub fn correlation(pairs: &[(f64, f64)]) -> Option<f64> {
    let n = pairs.len() as f64;
    if pairs.len() < 2 {
        return None;
    }
    let (mx, my) = pairs
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x / n, b + y / n));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    if sxx <= f64::EPSILON || syy <= f64::EPSILON {
        return None;
    }
    Some((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

fn sleep_and_craving(s: &Series) -> Option<Insight> {
    // The night ending on a day, and the craving of that same day: "the next day" after the night.
    let pairs: Vec<(f64, f64)> = s
        .sleep
        .iter()
        .zip(&s.craving)
        .filter_map(|(n, c)| Some((f64::from(n.total_sleep_min?), c.avg?)))
        .collect();
    if pairs.len() < MIN_NIGHTS_FOR_RELATION {
        return None;
    }
    let r = correlation(&pairs)?;
    let strength = match r.abs() {
        a if a < 0.1 => None,
        a if a < 0.3 => Some("a weak"),
        a if a < 0.5 => Some("a moderate"),
        _ => Some("a clear"),
    };
    let text = match strength {
        None => "So far there is no clear link in your entries between how long you slept and how strong cravings were the next day.".to_owned(),
        Some(s) if r < 0.0 => format!("In your entries there is {s} pattern: after longer nights, cravings the next day tended to be lower."),
        Some(s) => format!("In your entries there is {s} pattern: after longer nights, cravings the next day tended to be higher."),
    };
    Some(Insight {
        id: "sleep-craving".into(),
        text: format!(
            "{text} This is an observation from your own entries, not a medical finding."
        ),
        based_on: format!(
            "Based on {} nights with both a sleep diary and a craving rating (correlation {:.2}).",
            pairs.len(),
            r
        ),
    })
}

fn craving_hours(logged: &[LoggedCraving]) -> Option<Insight> {
    if logged.len() < MIN_CRAVINGS_FOR_HOURS {
        return None;
    }
    let mut by_hour = [0usize; 24];
    for c in logged {
        by_hour[c.hour as usize % 24] += 1;
    }
    // The three-hour stretch (wrapping past midnight) with the most cravings.
    let (start, count) = (0..24)
        .map(|h| (h, (0..3).map(|k| by_hour[(h + k) % 24]).sum::<usize>()))
        .max_by_key(|&(h, n)| (n, std::cmp::Reverse(h)))?;
    Some(Insight {
        id: "craving-hours".into(),
        text: format!(
            "Most of the cravings you logged came between {:02}:00 and {:02}:00 ({count} of {}). Planning something for that time may help.",
            start,
            (start + 3) % 24,
            logged.len()
        ),
        based_on: format!("Based on {} logged cravings.", logged.len()),
    })
}

fn recurring_notes(logged: &[LoggedCraving]) -> Option<Insight> {
    let notes: Vec<String> = logged
        .iter()
        .map(|c| c.context.trim().to_lowercase())
        .filter(|c| !c.is_empty())
        .collect();
    if notes.len() < MIN_NOTES_FOR_TRIGGERS {
        return None;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for n in &notes {
        *counts.entry(n.as_str()).or_default() += 1;
    }
    let mut top: Vec<(&str, usize)> = counts.into_iter().filter(|&(_, n)| n >= 2).collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    top.truncate(3);
    if top.is_empty() {
        return None;
    }
    let list: Vec<String> = top
        .iter()
        .map(|(t, n)| format!("“{t}” ({n} times)"))
        .collect();
    Some(Insight {
        id: "craving-notes".into(),
        text: format!(
            "The notes that came up most with cravings: {}.",
            list.join(", ")
        ),
        based_on: format!("Based on {} logged cravings with a note.", notes.len()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{CravingDay, MoodDay, SleepNight};
    use chrono::{Duration, NaiveDate};
    use proptest::prelude::*;

    fn series(craving: &[Option<f64>], sleep: &[Option<u32>], mood: &[Option<f64>]) -> Series {
        let from = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let n = craving.len().max(sleep.len()).max(mood.len());
        let day = |i: usize| (from + Duration::days(i as i64)).to_string();
        Series {
            from,
            to: from + Duration::days(n as i64 - 1),
            craving: (0..n)
                .map(|i| CravingDay {
                    day: day(i),
                    max: None,
                    avg: craving.get(i).copied().flatten(),
                    logged: 0,
                    rolling: None,
                })
                .collect(),
            sleep: (0..n)
                .map(|i| SleepNight {
                    day: day(i),
                    total_sleep_min: sleep.get(i).copied().flatten(),
                    efficiency_pct: None,
                    quality: None,
                })
                .collect(),
            mood: (0..n)
                .map(|i| MoodDay {
                    day: day(i),
                    avg: mood.get(i).copied().flatten(),
                    rolling: None,
                })
                .collect(),
            logged: vec![],
        }
    }

    #[test]
    fn week_over_week_in_kind_words() {
        let mut c = vec![Some(6.0); 7];
        c.extend(vec![Some(4.5); 7]);
        let s = series(&c, &[], &[]);
        let i = craving_week(&s).expect("insight");
        assert_eq!(
            i.text,
            "Your average craving this week was 1.5 points lower than last week."
        );
        assert_eq!(
            i.based_on,
            "Based on 7 days this week and 7 the week before."
        );
    }

    #[test]
    fn too_few_days_say_nothing() {
        let mut c = vec![None; 7];
        c[0] = Some(5.0);
        c[1] = Some(5.0);
        c.extend(vec![Some(4.0); 7]);
        assert!(
            craving_week(&series(&c, &[], &[])).is_none(),
            "two days last week is too few"
        );
        assert!(craving_week(&series(&[Some(1.0); 13], &[], &[])).is_none());
        assert!(all(&series(&[], &[], &[])).is_empty());
    }

    #[test]
    fn sleep_week_in_hours_and_minutes() {
        let mut n = vec![Some(360); 7];
        n.extend(vec![Some(400); 7]);
        let i = sleep_week(&series(&[], &n, &[])).expect("insight");
        assert_eq!(
            i.text,
            "You slept 40 minutes more per night on average than last week."
        );
    }

    #[test]
    fn sleep_and_craving_needs_fourteen_nights_and_variation() {
        let sleep: Vec<Option<u32>> = (0..14).map(|i| Some(300 + i * 10)).collect();
        let craving: Vec<Option<f64>> = (0..14).map(|i| Some(9.0 - f64::from(i) * 0.5)).collect();
        let i = sleep_and_craving(&series(&craving, &sleep, &[])).expect("insight");
        assert!(
            i.text.contains(
                "a clear pattern: after longer nights, cravings the next day tended to be lower"
            ),
            "{}",
            i.text
        );
        assert!(i.text.contains("not a medical finding"));
        assert!(i.based_on.contains("14 nights"), "{}", i.based_on);
        assert!(i.based_on.contains("-1.00"), "{}", i.based_on);
        assert!(sleep_and_craving(&series(&craving[..13], &sleep[..13], &[])).is_none());
        let flat = vec![Some(5.0); 14];
        assert!(
            sleep_and_craving(&series(&flat, &sleep, &[])).is_none(),
            "no variation, no correlation"
        );
    }

    #[test]
    fn hours_wrap_past_midnight() {
        let logged: Vec<LoggedCraving> = [23, 23, 0, 0, 1, 1, 12, 15, 18, 9]
            .iter()
            .map(|&h| LoggedCraving {
                day: NaiveDate::MIN,
                hour: h,
                context: String::new(),
            })
            .collect();
        let i = craving_hours(&logged).expect("insight");
        assert!(
            i.text.starts_with(
                "Most of the cravings you logged came between 23:00 and 02:00 (6 of 10)"
            ),
            "{}",
            i.text
        );
        assert!(craving_hours(&logged[..9]).is_none());
    }

    #[test]
    fn recurring_notes_ignore_case_and_one_offs() {
        let notes = [
            "After dinner",
            "after dinner ",
            "work stress",
            "Work stress",
            "after dinner",
            "a call",
        ];
        let logged: Vec<LoggedCraving> = notes
            .iter()
            .map(|n| LoggedCraving {
                day: NaiveDate::MIN,
                hour: 0,
                context: (*n).into(),
            })
            .collect();
        let i = recurring_notes(&logged).expect("insight");
        assert_eq!(i.text, "The notes that came up most with cravings: “after dinner” (3 times), “work stress” (2 times).");
        assert!(recurring_notes(&logged[..4]).is_none());
    }

    proptest! {
        #[test]
        fn correlation_is_bounded_and_symmetric(pairs in proptest::collection::vec((0.0f64..1000.0, 0.0f64..10.0), 0..40)) {
            if let Some(r) = correlation(&pairs) {
                prop_assert!((-1.0..=1.0).contains(&r));
                let swapped: Vec<(f64, f64)> = pairs.iter().map(|(x, y)| (*y, *x)).collect();
                let r2 = correlation(&swapped).expect("symmetric");
                prop_assert!((r - r2).abs() < 1e-9);
            }
        }

        #[test]
        fn week_sign_matches_the_data(this in 0.0f64..10.0, last in 0.0f64..10.0) {
            let mut c = vec![Some(last); 7];
            c.extend(vec![Some(this); 7]);
            let i = craving_week(&series(&c, &[], &[])).expect("insight");
            let diff = round1(this - last);
            if diff <= -0.1 { prop_assert!(i.text.contains("lower"), "{}", i.text); }
            else if diff >= 0.1 { prop_assert!(i.text.contains("higher"), "{}", i.text); }
            else { prop_assert!(i.text.contains("about the same")); }
        }

        #[test]
        fn insights_never_panic(
            c in proptest::collection::vec(proptest::option::of(0.0f64..=10.0), 0..40),
            n in proptest::collection::vec(proptest::option::of(0u32..900), 0..40),
        ) {
            let s = series(&c, &n, &c);
            for i in all(&s) { prop_assert!(!i.based_on.is_empty()); }
        }
    }
}
