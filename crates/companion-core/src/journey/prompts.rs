//! Prompts to seek professional help. Each is a plain rule over the person's own entries and
//! says which entries set it off. They suggest talking to someone; they never diagnose.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::symptoms::{Symptom, SymptomScore};

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
    /// Days of a taper plan up to today: planned and logged milligrams, and the plan's
    /// measuring unit (being over by less than that is measuring noise, not a struggle).
    pub taper: Vec<(NaiveDate, u32, u32, u32)>,
    /// Recent symptom checks with every score.
    pub checks: Vec<(NaiveDate, Vec<SymptomScore>)>,
    /// Days with a check-in, and the lowest mood (0–10) of that day.
    pub lowest_mood: Vec<(NaiveDate, u8)>,
    /// Nights from the sleep diary: the day the night ended and the minutes asleep.
    pub sleep: Vec<(NaiveDate, u32)>,
    /// PHQ-9 check-ups whose ninth answer was above "Not at all": the day and the answer (1–3).
    pub ninth_answers: Vec<(NaiveDate, u8)>,
}

/// Signs that need urgent care, said with every prompt about a hard day.
pub const URGENT_SIGNS: &str = "If you keep being sick and cannot keep fluids down, contact a doctor or an urgent advice line now, without waiting. Call your emergency number if you faint, have chest pain, feel confused, have a seizure, see blood in vomit or stool, or have thoughts of ending your life.";

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
/// A check-in mood at or below this is a moment for the crisis lines, not a week's pattern.
pub const CRISIS_MOOD: u8 = 1;
/// Nights shorter than this (minutes asleep) ...
pub const SHORT_NIGHT_MIN: u32 = 4 * 60;
/// ... this many in a row.
pub const SHORT_NIGHTS: i64 = 3;

/// Today and yesterday: a single hard day is noticed while it still matters.
fn recent(f: &Facts, d: NaiveDate) -> bool {
    d <= f.today && d >= f.today - Duration::days(1)
}

fn short(d: NaiveDate) -> String {
    d.format("%-d %B").to_string()
}

/// How long an answer to the PHQ-9's ninth question keeps its prompt: the two weeks it is about.
pub const NINTH_ANSWER_DAYS: i64 = 14;

pub fn evaluate(f: &Facts) -> Vec<HelpPrompt> {
    let mut out = vec![];

    // Thoughts of being better off dead or of self-harm, in a check-up: first, and named.
    if let Some((d, a)) = f
        .ninth_answers
        .iter()
        .filter(|(d, _)| *d <= f.today && *d > f.today - Duration::days(NINTH_ANSWER_DAYS))
        .max_by_key(|(d, _)| *d)
    {
        let answer = crate::checkups::OPTIONS
            .get(usize::from(*a))
            .copied()
            .unwrap_or("Nearly every day");
        out.push(HelpPrompt {
            id: "ninth_answer".into(),
            message: "You said that thoughts of being better off dead, or of hurting yourself, have come to you. You do not have to carry that alone: Get help has numbers to call now, your emergency number answers at any hour, and your own people and safety plan are right there too.".into(),
            basis: format!(
                "Your mood check-up (PHQ-9) of {}: “{answer}” to question 9.",
                short(*d)
            ),
        });
    }

    // Thoughts of low mood at their worst, in a symptom check or a check-in: at once.
    let low_symptom = f.checks.iter().rev().find(|(d, scores)| {
        recent(f, *d)
            && scores
                .iter()
                .any(|s| s.symptom == Symptom::LowMood && s.score >= 4)
    });
    let low_checkin = f
        .lowest_mood
        .iter()
        .rev()
        .find(|(d, m)| recent(f, *d) && *m <= CRISIS_MOOD);
    if low_symptom.is_some() || low_checkin.is_some() {
        let basis = match (low_symptom, low_checkin) {
            (Some((d, _)), _) => format!(
                "Your symptom check of {} rated low mood as severe (4 of 4).",
                short(*d)
            ),
            (None, Some((d, m))) => {
                format!("Your check-in of {} had a mood of {m} of 10.", short(*d))
            }
            (None, None) => String::new(),
        };
        out.push(HelpPrompt {
            id: "crisis_mood".into(),
            message: "Your mood is very low right now. You do not have to wait for it to pass alone: Get help has numbers to call now, your emergency number answers at any hour, and talking to someone today can help.".into(),
            basis,
        });
    }

    // A single very hard day of withdrawal: a clinician today.
    let hard_day = f.checks.iter().rev().find_map(|(d, scores)| {
        if !recent(f, *d) {
            return None;
        }
        let of = |x: Symptom| scores.iter().find(|s| s.symptom == x).map_or(0, |s| s.score);
        let severe: Vec<&str> = scores
            .iter()
            .filter(|s| s.score >= 4 && s.symptom != Symptom::LowMood)
            .map(|s| s.symptom.label())
            .collect();
        if !severe.is_empty() {
            return Some(format!("Your symptom check of {} rated {} as severe (4 of 4).", short(*d), severe.join(", ")));
        }
        (of(Symptom::Vomiting) >= 3 && of(Symptom::Diarrhea) >= 3).then(|| {
            format!("Your symptom check of {} rated both vomiting and diarrhea at 3 or more, which can dry the body out quickly.", short(*d))
        })
    });
    if let Some(basis) = hard_day {
        out.push(HelpPrompt {
            id: "hard_day".into(),
            message: format!("This sounds like a very hard day. Please contact a doctor, a pharmacist or a nurse line today: they can help with the symptoms and check that you are safe. {URGENT_SIGNS}"),
            basis,
        });
    }

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

    // Very little sleep several nights running.
    let short_night = |d: NaiveDate| {
        f.sleep
            .iter()
            .any(|&(n, min)| n == d && min < SHORT_NIGHT_MIN)
    };
    if let Some(last) = (0..2)
        .map(|back| f.today - Duration::days(back))
        .find(|&d| (0..SHORT_NIGHTS).all(|i| short_night(d - Duration::days(i))))
    {
        out.push(HelpPrompt {
            id: "short_sleep".into(),
            message: "You have slept very little for several nights. Sleep often comes back slowly after a detox, but nights this short wear anyone down: a doctor or pharmacist can suggest what is safe to help, and the guides on winding down may ease the evenings.".into(),
            basis: format!(
                "Your sleep diary shows under 4 hours asleep on {SHORT_NIGHTS} nights in a row, up to the night ending {}.",
                short(last)
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
        .filter(|(d, ..)| *d >= f.today - Duration::days(7) && *d < f.today)
        .filter(|&&(_, planned, taken, unit)| taken > planned.saturating_add(unit))
        .count();
    if over >= OVER_PLAN_DAYS {
        out.push(HelpPrompt {
            id: "taper".into(),
            message: "The current taper step seems hard to keep. That is useful to know, not a failure: your clinician can hold the step longer or change the plan with you.".into(),
            basis: format!("On {over} of the last 7 days, the doses logged were more than the plan's amount by more than your measuring unit."),
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

    /// Any answer above "Not at all" to the PHQ-9's ninth question, in the two weeks it is
    /// about, comes first and names the answer; an older one no longer speaks.
    #[test]
    fn a_ninth_answer_is_named_for_two_weeks() {
        let mut f = facts();
        f.ninth_answers = vec![(d("2026-11-11"), 3)];
        assert!(ids(&f).is_empty(), "14 days ago");
        f.ninth_answers = vec![(d("2026-11-11"), 3), (d("2026-11-13"), 1)];
        let p = evaluate(&f);
        assert_eq!(p[0].id, "ninth_answer");
        assert!(
            p[0].basis.contains("13 November: “Several days”"),
            "{}",
            p[0].basis
        );
        f.lowest_mood = vec![(d("2026-11-25"), 0)];
        assert_eq!(ids(&f), ["ninth_answer", "crisis_mood"]);
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
            (day(1), 4000, 4500, 250),
            (day(2), 4000, 4300, 250),
            (day(3), 4000, 4000, 250),
        ];
        assert!(ids(&f).is_empty());
        // Over by no more than the measuring unit is noise.
        f.taper.push((day(4), 4000, 4250, 250));
        assert!(ids(&f).is_empty());
        f.taper.push((day(7), 4000, 5000, 250));
        assert_eq!(ids(&f), vec!["taper"]);
        // Today is not finished, and eight days ago is outside the week.
        f.taper = vec![
            (day(0), 1, 9, 1),
            (day(1), 1, 9, 1),
            (day(2), 1, 9, 1),
            (day(8), 1, 9, 1),
        ];
        assert!(ids(&f).is_empty());
    }

    fn check(day: NaiveDate, scores: &[(Symptom, u8)]) -> (NaiveDate, Vec<SymptomScore>) {
        let scores = Symptom::ALL
            .iter()
            .map(|&symptom| SymptomScore {
                symptom,
                score: scores
                    .iter()
                    .find(|(s, _)| *s == symptom)
                    .map_or(0, |x| x.1),
            })
            .collect();
        (day, scores)
    }

    #[test]
    fn a_single_severe_symptom_asks_for_a_clinician_today() {
        let mut f = facts();
        f.checks = vec![check(
            d("2026-11-25"),
            &[(Symptom::Nausea, 3), (Symptom::Diarrhea, 3)],
        )];
        assert!(ids(&f).is_empty(), "3s alone are not severe");
        for s in Symptom::ALL.into_iter().filter(|s| *s != Symptom::LowMood) {
            f.checks = vec![check(d("2026-11-25"), &[(s, 4)])];
            let p = evaluate(&f);
            assert_eq!(
                p.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
                vec!["hard_day"],
                "{s:?}"
            );
            assert!(p[0].basis.contains(s.label()), "{}", p[0].basis);
            assert!(p[0].message.contains(URGENT_SIGNS));
        }
        // Yesterday still counts; the day before does not.
        f.checks = vec![check(d("2026-11-24"), &[(Symptom::MuscleAches, 4)])];
        assert_eq!(ids(&f), vec!["hard_day"]);
        f.checks = vec![check(d("2026-11-23"), &[(Symptom::MuscleAches, 4)])];
        assert!(ids(&f).is_empty());
    }

    #[test]
    fn vomiting_with_diarrhea_asks_for_a_clinician_today() {
        let mut f = facts();
        f.checks = vec![check(
            d("2026-11-25"),
            &[(Symptom::Vomiting, 3), (Symptom::Diarrhea, 2)],
        )];
        assert!(ids(&f).is_empty());
        f.checks = vec![check(
            d("2026-11-25"),
            &[(Symptom::Vomiting, 3), (Symptom::Diarrhea, 3)],
        )];
        assert_eq!(ids(&f), vec!["hard_day"]);
        assert!(evaluate(&f)[0].basis.contains("vomiting and diarrhea"));
    }

    #[test]
    fn very_low_mood_points_to_the_crisis_lines_at_once() {
        let mut f = facts();
        f.checks = vec![check(d("2026-11-25"), &[(Symptom::LowMood, 3)])];
        assert!(ids(&f).is_empty());
        f.checks = vec![check(d("2026-11-25"), &[(Symptom::LowMood, 4)])];
        assert_eq!(ids(&f), vec!["crisis_mood"]);
        f.checks = vec![];
        f.lowest_mood = vec![(d("2026-11-25"), 2)];
        assert!(ids(&f).is_empty());
        for m in [0, 1] {
            f.lowest_mood = vec![(d("2026-11-24"), m)];
            assert_eq!(ids(&f), vec!["crisis_mood"]);
            assert!(evaluate(&f)[0]
                .basis
                .contains(&format!("mood of {m} of 10")));
        }
        f.lowest_mood = vec![(d("2026-11-20"), 0)];
        assert!(ids(&f).is_empty(), "a week ago is for the weekly rule");
    }

    #[test]
    fn three_short_nights_in_a_row() {
        let mut f = facts();
        let night = |i: i64, min| (d("2026-11-25") - Duration::days(i), min);
        f.sleep = vec![night(0, 200), night(1, 239), night(3, 100)];
        assert!(ids(&f).is_empty(), "not three in a row");
        f.sleep.push(night(2, 230));
        assert_eq!(ids(&f), vec!["short_sleep"]);
        f.sleep = vec![night(0, 240), night(1, 200), night(2, 200)];
        assert!(ids(&f).is_empty(), "four hours is not under four");
        f.sleep = vec![night(1, 200), night(2, 200), night(3, 200)];
        assert_eq!(ids(&f), vec!["short_sleep"], "up to last night");
        f.sleep = vec![night(2, 200), night(3, 200), night(4, 200)];
        assert!(ids(&f).is_empty());
    }
}
