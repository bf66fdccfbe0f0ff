//! Withdrawal symptoms: the list rated in a symptom check, each 0 (none) to 4 (severe), and
//! the total score.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Each symptom a check rates. The order is the order of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Symptom {
    Anxiety,
    Irritability,
    Restlessness,
    MoodSwings,
    LowMood,
    Cravings,
    Insomnia,
    MuscleAches,
    JointPain,
    Sweating,
    Chills,
    RunnyNose,
    Nausea,
    Vomiting,
    StomachUpset,
    Diarrhea,
}

pub const MAX_SCORE: u8 = 4;

impl Symptom {
    pub const ALL: [Symptom; 16] = [
        Symptom::Anxiety,
        Symptom::Irritability,
        Symptom::Restlessness,
        Symptom::MoodSwings,
        Symptom::LowMood,
        Symptom::Cravings,
        Symptom::Insomnia,
        Symptom::MuscleAches,
        Symptom::JointPain,
        Symptom::Sweating,
        Symptom::Chills,
        Symptom::RunnyNose,
        Symptom::Nausea,
        Symptom::Vomiting,
        Symptom::StomachUpset,
        Symptom::Diarrhea,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Symptom::Anxiety => "anxiety",
            Symptom::Irritability => "irritability",
            Symptom::Restlessness => "restlessness",
            Symptom::MoodSwings => "mood_swings",
            Symptom::LowMood => "low_mood",
            Symptom::Cravings => "cravings",
            Symptom::Insomnia => "insomnia",
            Symptom::MuscleAches => "muscle_aches",
            Symptom::JointPain => "joint_pain",
            Symptom::Sweating => "sweating",
            Symptom::Chills => "chills",
            Symptom::RunnyNose => "runny_nose",
            Symptom::Nausea => "nausea",
            Symptom::Vomiting => "vomiting",
            Symptom::StomachUpset => "stomach_upset",
            Symptom::Diarrhea => "diarrhea",
        }
    }

    pub fn parse(key: &str) -> Option<Symptom> {
        Symptom::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The name people use, lower case, for sentences and chart legends.
    pub fn label(self) -> &'static str {
        match self {
            Symptom::Anxiety => "anxiety or worry",
            Symptom::Irritability => "irritability",
            Symptom::Restlessness => "restlessness",
            Symptom::MoodSwings => "mood swings",
            Symptom::LowMood => "low mood",
            Symptom::Cravings => "cravings",
            Symptom::Insomnia => "trouble sleeping",
            Symptom::MuscleAches => "muscle aches",
            Symptom::JointPain => "joint pain",
            Symptom::Sweating => "sweating",
            Symptom::Chills => "chills",
            Symptom::RunnyNose => "runny nose or watery eyes",
            Symptom::Nausea => "nausea",
            Symptom::Vomiting => "vomiting",
            Symptom::StomachUpset => "stomach upset or cramps",
            Symptom::Diarrhea => "diarrhea",
        }
    }

    /// The body loses water with these, so they make water reminders come more often.
    pub fn loses_fluid(self) -> bool {
        matches!(
            self,
            Symptom::Sweating | Symptom::Diarrhea | Symptom::Nausea | Symptom::Vomiting
        )
    }
}

/// One rated symptom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SymptomScore {
    pub symptom: Symptom,
    pub score: u8,
}

/// A symptom check as the form sends it: the day, and a score for any symptoms rated
/// (those left out count as 0, "none").
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SymptomInput {
    pub day: String,
    pub scores: Vec<SymptomScore>,
}

/// Every symptom with its score, in form order; unrated ones are 0.
pub(crate) fn validate(scores: &[SymptomScore]) -> Result<Vec<SymptomScore>> {
    let mut out: Vec<SymptomScore> = Symptom::ALL
        .iter()
        .map(|&symptom| SymptomScore { symptom, score: 0 })
        .collect();
    let mut seen = std::collections::HashSet::new();
    for s in scores {
        if s.score > MAX_SCORE {
            return Err(Error::invalid(
                "scores",
                format!(
                    "Please rate {} from 0 (none) to 4 (severe).",
                    s.symptom.label()
                ),
            ));
        }
        if !seen.insert(s.symptom) {
            return Err(Error::invalid(
                "scores",
                format!(
                    "{} was rated twice; please rate it once.",
                    s.symptom.label()
                ),
            ));
        }
        if let Some(slot) = out.iter_mut().find(|o| o.symptom == s.symptom) {
            slot.score = s.score;
        }
    }
    Ok(out)
}

pub fn total(scores: &[SymptomScore]) -> u32 {
    scores.iter().map(|s| u32::from(s.score)).sum()
}

/// The highest total a check can have.
pub fn max_total() -> u32 {
    Symptom::ALL.len() as u32 * u32::from(MAX_SCORE)
}

/// How many symptoms are rated strong or severe (3 or 4).
pub fn strong(scores: &[SymptomScore]) -> usize {
    scores.iter().filter(|s| s.score >= 3).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in the app's words (`assets/content/journey.json`) and in the core's sentences
    /// and chart legends are one: the same words, only the capital letter differs.
    #[test]
    fn each_symptom_has_one_name() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/content/journey.json"
        ))
        .expect("journey.json");
        let content: serde_json::Value = serde_json::from_str(&text).expect("json");
        let names = content["symptoms"].as_object().expect("symptoms");
        assert_eq!(names.len(), Symptom::ALL.len());
        for s in Symptom::ALL {
            let shown = names[s.key()].as_str().expect("a name");
            assert_eq!(shown.to_lowercase(), s.label(), "{}", s.key());
        }
    }

    fn sc(symptom: Symptom, score: u8) -> SymptomScore {
        SymptomScore { symptom, score }
    }

    #[test]
    fn keys_round_trip_and_are_unique() {
        for s in Symptom::ALL {
            assert_eq!(Symptom::parse(s.key()), Some(s));
            let json = serde_json::to_string(&s).expect("json");
            assert_eq!(json, format!("\"{}\"", s.key()));
        }
        assert_eq!(Symptom::parse("hiccups"), None);
    }

    #[test]
    fn unrated_symptoms_count_as_none_and_the_total_adds_up() {
        let all = validate(&[sc(Symptom::Sweating, 3), sc(Symptom::Anxiety, 4)]).expect("ok");
        assert_eq!(all.len(), 16);
        assert_eq!(total(&all), 7);
        assert_eq!(strong(&all), 2);
        assert_eq!(all[0], sc(Symptom::Anxiety, 4));
        assert_eq!(max_total(), 64);
        let full = validate(&Symptom::ALL.map(|s| sc(s, 4))).expect("ok");
        assert_eq!(total(&full), max_total());
    }

    #[test]
    fn out_of_range_or_repeated_scores_are_refused() {
        let e = validate(&[sc(Symptom::Chills, 5)]).expect_err("5");
        assert_eq!(e.field(), Some("scores"));
        assert!(e.to_string().contains("chills"), "{e}");
        let e = validate(&[sc(Symptom::Chills, 1), sc(Symptom::Chills, 2)]).expect_err("twice");
        assert!(e.to_string().contains("twice"), "{e}");
    }

    proptest::proptest! {
        #[test]
        fn total_is_the_sum_within_bounds(scores in proptest::collection::vec(0u8..=4, 16)) {
            let input: Vec<_> = Symptom::ALL.iter().zip(&scores).map(|(&s, &v)| sc(s, v)).collect();
            let all = validate(&input).expect("valid");
            let sum: u32 = scores.iter().map(|&v| u32::from(v)).sum();
            proptest::prop_assert_eq!(total(&all), sum);
            proptest::prop_assert!(total(&all) <= max_total());
            proptest::prop_assert_eq!(strong(&all), scores.iter().filter(|&&v| v >= 3).count());
        }
    }
}
