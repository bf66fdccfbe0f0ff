//! Prompts to seek professional help. Each is a plain rule over the person's own entries and
//! says which entries set it off. They suggest talking to someone; they never diagnose.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// A suggestion to reach out, with the entries that led to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HelpPrompt {
    /// Stable, for tests and for the UI to tell prompts apart.
    pub id: String,
    pub message: String,
    /// What in the entries set this prompt off.
    pub basis: String,
}

/// What the rules read, gathered by the caller.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub today: NaiveDate,
    /// Days with a symptom check, and how many symptoms were rated 3 or 4 that day.
    pub strong_symptoms: Vec<(NaiveDate, usize)>,
    /// Days with a check-in, and that day's average mood (0–10).
    pub mood: Vec<(NaiveDate, f64)>,
    /// Days on which a dose ended a dose-free stretch (36 hours or more).
    pub slips: Vec<NaiveDate>,
    /// Days of a taper plan before today: planned and logged milligrams.
    pub taper: Vec<(NaiveDate, u32, u32)>,
}

/// Strong or severe on at least this many symptoms ...
pub const STRONG_ITEMS: usize = 3;
/// ... mood at or below this on every day checked in ...
pub const VERY_LOW_MOOD: f64 = 2.0;
/// ... on at least this many of the last 7 days.
pub const LOW_MOOD_DAYS: usize = 5;
/// Slips within 30 days.
pub const SLIPS: usize = 2;
/// Days above the taper plan within the last 7.
pub const OVER_PLAN_DAYS: usize = 3;

fn short(d: NaiveDate) -> String {
    d.format("%-d %B").to_string()
}

pub fn evaluate(f: &Facts) -> Vec<HelpPrompt> {
    let mut out = vec![];

    // Strong symptoms on two days in a row, the later one no more than two days ago.
    let strong = |d: NaiveDate| {
        f.strong_symptoms
            .iter()
            .find(|(x, _)| *x == d)
            .map(|&(_, n)| n)
            .filter(|&n| n >= STRONG_ITEMS)
    };
    if let Some((day, a, b)) = (0..3).find_map(|back| {
        let d = f.today - Duration::days(back);
        Some((d, strong(d - Duration::days(1))?, strong(d)?))
    }) {
        out.push(HelpPrompt {
            id: "strong_symptoms".into(),
            message: "Your symptoms have been strong for two days running. This is a good moment to talk with a doctor, a pharmacist or a helpline: they can help with what you are going through.".into(),
            basis: format!(
                "Your symptom checks rated {a} symptoms as strong or severe (3 or 4) on {} and {b} on {}.",
                short(day - Duration::days(1)),
                short(day)
            ),
        });
    }

    // Very low mood on every day checked in, over most of the last week.
    let week: Vec<f64> = f
        .mood
        .iter()
        .filter(|(d, _)| *d > f.today - Duration::days(7) && *d <= f.today)
        .map(|&(_, m)| m)
        .collect();
    if week.len() >= LOW_MOOD_DAYS && week.iter().all(|&m| m <= VERY_LOW_MOOD) {
        out.push(HelpPrompt {
            id: "low_mood".into(),
            message: "Your mood has been very low for about a week. Low mood can follow a detox, and you do not have to carry it alone: a doctor, a therapist or a helpline can help.".into(),
            basis: format!(
                "Your check-ins on {} of the last 7 days had a mood of 2 or lower (0–10).",
                week.len()
            ),
        });
    }

    // Coming back to kratom after stopping, more than once in a month.
    let recent: Vec<NaiveDate> = f
        .slips
        .iter()
        .copied()
        .filter(|d| *d > f.today - Duration::days(30) && *d <= f.today)
        .collect();
    if recent.len() >= SLIPS {
        out.push(HelpPrompt {
            id: "slips".into(),
            message: "Stopping has been hard to hold on to lately. That is common, and it is not a failure: a doctor or a treatment service can make the next try easier, for example with a taper plan or support.".into(),
            basis: format!(
                "{} doses in the last 30 days came after a day and a half or more without one (latest {}).",
                recent.len(),
                short(recent.iter().copied().max().unwrap_or(f.today))
            ),
        });
    }

    // Above the taper plan on several of the last seven days of the plan.
    let over = f
        .taper
        .iter()
        .filter(|(d, _, _)| *d >= f.today - Duration::days(7) && *d < f.today)
        .filter(|(_, planned, taken)| taken > planned)
        .count();
    if over >= OVER_PLAN_DAYS {
        out.push(HelpPrompt {
            id: "taper".into(),
            message: "The current taper step seems hard to keep. That is useful to know, not a failure: your clinician can hold the step longer or change the plan with you.".into(),
            basis: format!("On {over} of the last 7 days, the doses logged were more than the plan's amount."),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("day")
    }

    fn ids(f: &Facts) -> Vec<String> {
        evaluate(f).into_iter().map(|p| p.id).collect()
    }

    fn facts() -> Facts {
        Facts {
            today: d("2026-11-25"),
            ..Facts::default()
        }
    }

    #[test]
    fn nothing_is_said_without_reason() {
        assert!(evaluate(&facts()).is_empty());
    }

    #[test]
    fn strong_symptoms_need_two_days_in_a_row_and_three_items() {
        let mut f = facts();
        f.strong_symptoms = vec![(d("2026-11-24"), 3), (d("2026-11-25"), 4)];
        let p = evaluate(&f);
        assert_eq!(p[0].id, "strong_symptoms");
        assert!(p[0].basis.contains("3 symptoms"), "{}", p[0].basis);
        assert!(
            p[0].basis.contains("24 November and 4 on 25 November"),
            "{}",
            p[0].basis
        );
        // Two items only on one day: no prompt.
        f.strong_symptoms = vec![(d("2026-11-24"), 2), (d("2026-11-25"), 5)];
        assert!(ids(&f).is_empty());
        // Not consecutive.
        f.strong_symptoms = vec![(d("2026-11-23"), 5), (d("2026-11-25"), 5)];
        assert!(ids(&f).is_empty());
        // Yesterday and the day before still count; longer ago does not.
        f.strong_symptoms = vec![(d("2026-11-22"), 5), (d("2026-11-23"), 5)];
        assert_eq!(ids(&f), vec!["strong_symptoms"]);
        f.strong_symptoms = vec![(d("2026-11-21"), 5), (d("2026-11-22"), 5)];
        assert!(ids(&f).is_empty());
    }

    #[test]
    fn very_low_mood_for_a_week() {
        let mut f = facts();
        f.mood = (0..5)
            .map(|i| (d("2026-11-25") - Duration::days(i), 2.0))
            .collect();
        assert_eq!(ids(&f), vec!["low_mood"]);
        // One better day in the week: no prompt.
        f.mood.push((d("2026-11-20"), 2.5));
        assert!(ids(&f).is_empty());
        // Only four days checked in: too little to say.
        f.mood = (0..4)
            .map(|i| (d("2026-11-25") - Duration::days(i), 0.0))
            .collect();
        assert!(ids(&f).is_empty());
        // Days older than the week do not count.
        f.mood.push((d("2026-11-18"), 0.0));
        assert!(ids(&f).is_empty());
    }

    #[test]
    fn repeated_slips_within_a_month() {
        let mut f = facts();
        f.slips = vec![d("2026-11-01")];
        assert!(ids(&f).is_empty());
        f.slips.push(d("2026-10-27"));
        assert_eq!(ids(&f), vec!["slips"]);
        assert!(evaluate(&f)[0].basis.contains("latest 1 November"));
        f.slips = vec![d("2026-10-26"), d("2026-10-20")];
        assert!(ids(&f).is_empty());
    }

    #[test]
    fn taper_trouble_counts_finished_days_over_the_plan() {
        let mut f = facts();
        let day = |i| d("2026-11-25") - Duration::days(i);
        f.taper = vec![
            (day(1), 4000, 4500),
            (day(2), 4000, 4001),
            (day(3), 4000, 4000),
        ];
        assert!(ids(&f).is_empty());
        f.taper.push((day(7), 4000, 5000));
        assert_eq!(ids(&f), vec!["taper"]);
        // Today is not finished, and eight days ago is outside the week.
        f.taper = vec![
            (day(0), 1, 9),
            (day(1), 1, 9),
            (day(2), 1, 9),
            (day(8), 1, 9),
        ];
        assert!(ids(&f).is_empty());
    }
}
