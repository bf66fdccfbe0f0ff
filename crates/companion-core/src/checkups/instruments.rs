//! Mood and anxiety check-ups: the PHQ-9 and the GAD-7 in their exact published words and
//! answers (both are free to reproduce and use without permission), scored as published, with
//! each score's band, a plain sentence about what the band means, and what does not follow
//! from it. Pure: answers in, a scored check-up out; storing and showing them is elsewhere.
//!
//! The PHQ-2 and GAD-2 are their first two items, published as short screens with a cut-off of
//! 3: at or over it, the full questionnaire gives the fuller picture.
//!
//! Any answer above "Not at all" to the PHQ-9's ninth item (thoughts of being better off dead
//! or of self-harm) marks the check-up for the safety screen, which comes before the score.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Which questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Instrument {
    /// The Patient Health Questionnaire: depression, nine items.
    Phq9,
    /// Generalized Anxiety Disorder: anxiety, seven items.
    Gad7,
    /// The PHQ-9's first two items: the short mood screen.
    Phq2,
    /// The GAD-7's first two items: the short anxiety screen.
    Gad2,
}

/// The four answers every item of both questionnaires has, with their points.
pub const OPTIONS: [&str; 4] = [
    "Not at all",
    "Several days",
    "More than half the days",
    "Nearly every day",
];

/// The closing question of both (not scored), and its answers.
pub const DIFFICULTY_OPTIONS: [&str; 4] = [
    "Not difficult at all",
    "Somewhat difficult",
    "Very difficult",
    "Extremely difficult",
];

const PHQ9_ITEMS: [&str; 9] = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself \u{2014} or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite \u{2014} being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
];

const GAD7_ITEMS: [&str; 7] = [
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
];

/// A range of scores with the name the questionnaire's authors gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Band {
    pub name: &'static str,
    pub min: u8,
    pub max: u8,
    /// What the band means, in plain words.
    pub meaning: &'static str,
}

const PHQ9_BANDS: [Band; 5] = [
    Band {
        name: "Minimal",
        min: 0,
        max: 4,
        meaning: "Few signs of low mood over these two weeks.",
    },
    Band {
        name: "Mild",
        min: 5,
        max: 9,
        meaning: "Some signs of low mood over these two weeks. Worth watching, and worth mentioning at your next visit.",
    },
    Band {
        name: "Moderate",
        min: 10,
        max: 14,
        meaning: "A fair number of signs of low mood. This is a good moment to talk it over with your clinician.",
    },
    Band {
        name: "Moderately severe",
        min: 15,
        max: 19,
        meaning: "Many signs of low mood. Please talk to your clinician soon, rather than waiting for the next visit.",
    },
    Band {
        name: "Severe",
        min: 20,
        max: 27,
        meaning: "A great many signs of low mood. Please reach out to your clinician or a crisis line today.",
    },
];

const GAD7_BANDS: [Band; 4] = [
    Band {
        name: "Minimal",
        min: 0,
        max: 4,
        meaning: "Few signs of anxiety over these two weeks.",
    },
    Band {
        name: "Mild",
        min: 5,
        max: 9,
        meaning: "Some signs of anxiety over these two weeks. Worth watching, and worth mentioning at your next visit.",
    },
    Band {
        name: "Moderate",
        min: 10,
        max: 14,
        meaning: "A fair number of signs of anxiety. This is a good moment to talk it over with your clinician.",
    },
    Band {
        name: "Severe",
        min: 15,
        max: 21,
        meaning: "Many signs of anxiety. Please talk to your clinician soon, rather than waiting for the next visit.",
    },
];

/// The short screens' published cut-off: at or over it, the full questionnaire is the next
/// step.
pub const QUICK_CUTOFF: u8 = 3;

/// The short screens' bands, which say only which side of the cut-off a score is.
const QUICK_BANDS: [Band; 2] = [
    Band {
        name: "Under the usual cut-off",
        min: 0,
        max: QUICK_CUTOFF - 1,
        meaning: "These two questions do not point to more today.",
    },
    Band {
        name: "At or over the usual cut-off",
        min: QUICK_CUTOFF,
        max: 6,
        meaning: "Worth taking the full check-up: it gives a fuller picture, to watch and to bring to your clinician.",
    },
];

/// Said with every score, whatever the band.
pub const NOT_A_DIAGNOSIS: &str = "A score describes two weeks; it is not a diagnosis, and a low one does not mean nothing is wrong. Withdrawal itself can raise these scores for a while. Only a clinician who knows you can say what it means for you.";

impl Instrument {
    /// The short name buttons, lists and the chart use.
    pub fn name(self) -> &'static str {
        match self {
            Instrument::Phq9 => "Mood (PHQ-9)",
            Instrument::Gad7 => "Anxiety (GAD-7)",
            Instrument::Phq2 => "Quick mood (PHQ-2)",
            Instrument::Gad2 => "Quick anxiety (GAD-2)",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Instrument::Phq9 => "PHQ-9: mood over the last 2 weeks",
            Instrument::Gad7 => "GAD-7: anxiety over the last 2 weeks",
            Instrument::Phq2 => "PHQ-2: mood over the last 2 weeks",
            Instrument::Gad2 => "GAD-2: anxiety over the last 2 weeks",
        }
    }

    /// The question every item answers.
    pub fn stem(self) -> &'static str {
        match self {
            Instrument::Phq9 | Instrument::Phq2 => {
                "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
            }
            Instrument::Gad7 | Instrument::Gad2 => {
                "Over the last 2 weeks, how often have you been bothered by the following problems?"
            }
        }
    }

    pub fn items(self) -> &'static [&'static str] {
        match self {
            Instrument::Phq9 => &PHQ9_ITEMS,
            Instrument::Gad7 => &GAD7_ITEMS,
            Instrument::Phq2 => &PHQ9_ITEMS[..2],
            Instrument::Gad2 => &GAD7_ITEMS[..2],
        }
    }

    /// The two-question screens, asked with the daily check-in when the person wants them.
    pub fn is_quick(self) -> bool {
        matches!(self, Instrument::Phq2 | Instrument::Gad2)
    }

    /// The full questionnaire a short screen leads to.
    pub fn full(self) -> Instrument {
        match self {
            Instrument::Phq9 | Instrument::Phq2 => Instrument::Phq9,
            Instrument::Gad7 | Instrument::Gad2 => Instrument::Gad7,
        }
    }

    /// The closing question in each instrument's own published words: the PHQ-9 asks about
    /// "these problems", the GAD-7 about "these".
    pub fn difficulty_question(self) -> &'static str {
        match self {
            Instrument::Phq9 | Instrument::Phq2 => {
                "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?"
            }
            Instrument::Gad7 | Instrument::Gad2 => {
                "If you checked off any problems, how difficult have these made it for you to do your work, take care of things at home, or get along with other people?"
            }
        }
    }

    pub fn bands(self) -> &'static [Band] {
        match self {
            Instrument::Phq9 => &PHQ9_BANDS,
            Instrument::Gad7 => &GAD7_BANDS,
            Instrument::Phq2 | Instrument::Gad2 => &QUICK_BANDS,
        }
    }

    /// The highest possible score: 3 points for each item.
    pub fn max_score(self) -> u8 {
        3 * self.items().len() as u8
    }

    /// The band of `score`, which must be within `0..=max_score`.
    pub fn band(self, score: u8) -> Band {
        let bands = self.bands();
        bands
            .iter()
            .copied()
            .find(|b| (b.min..=b.max).contains(&score))
            .unwrap_or(bands[bands.len() - 1])
    }
}

/// A check-up as answered: one answer (0–3) per item in order, and the closing question.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CheckupInput {
    pub instrument: Instrument,
    /// `None` for an item not answered yet: the error names it.
    pub answers: Vec<Option<u8>>,
    pub difficulty: Option<u8>,
}

/// A scored check-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scored {
    pub instrument: Instrument,
    pub answers: Vec<u8>,
    pub difficulty: Option<u8>,
    pub total: u8,
    pub band: Band,
    /// The PHQ-9's ninth answer was above "Not at all": the safety screen comes first.
    pub safety: bool,
}

/// Checks every answer (each error names its item, `answers.N` from 1) and scores them.
pub fn score(input: &CheckupInput) -> Result<Scored> {
    let items = input.instrument.items();
    if input.answers.len() != items.len() {
        return Err(Error::invalid(
            "answers",
            format!(
                "This check-up has {} questions; please answer each of them.",
                items.len()
            ),
        ));
    }
    let mut answers = Vec::with_capacity(items.len());
    for (i, a) in input.answers.iter().enumerate() {
        match a {
            Some(a @ 0..=3) => answers.push(*a),
            _ => {
                return Err(Error::Invalid {
                    field: ANSWER_FIELDS[i],
                    message: format!(
                        "Please choose an answer for question {}: “{}”.",
                        i + 1,
                        items[i]
                    ),
                })
            }
        }
    }
    if input.difficulty.is_some() && input.instrument.is_quick() {
        return Err(Error::invalid(
            "difficulty",
            "The two-question check-up has no closing question.",
        ));
    }
    if let Some(d) = input.difficulty {
        if d > 3 {
            return Err(Error::invalid(
                "difficulty",
                "Please choose one of the four answers, or leave it empty.",
            ));
        }
    }
    let total: u8 = answers.iter().sum();
    Ok(Scored {
        instrument: input.instrument,
        safety: input.instrument == Instrument::Phq9 && answers[8] > 0,
        band: input.instrument.band(total),
        difficulty: input.difficulty,
        answers,
        total,
    })
}

/// The field name of each item's answer, for errors: `answers.1` … `answers.9`.
const ANSWER_FIELDS: [&str; 9] = [
    "answers.1",
    "answers.2",
    "answers.3",
    "answers.4",
    "answers.5",
    "answers.6",
    "answers.7",
    "answers.8",
    "answers.9",
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The published bands, written from the scoring guides rather than from the tables
    /// above: PHQ-9 0–4, 5–9, 10–14, 15–19, 20–27; GAD-7 0–4, 5–9, 10–14, 15–21.
    fn published(instrument: Instrument, score: u8) -> &'static str {
        match (instrument, score) {
            (Instrument::Phq2 | Instrument::Gad2, 0..=2) => "Under the usual cut-off",
            (Instrument::Phq2 | Instrument::Gad2, _) => "At or over the usual cut-off",
            (_, 0..=4) => "Minimal",
            (_, 5..=9) => "Mild",
            (_, 10..=14) => "Moderate",
            (Instrument::Phq9, 15..=19) => "Moderately severe",
            (Instrument::Phq9, _) => "Severe",
            (Instrument::Gad7, _) => "Severe",
        }
    }

    fn answered(instrument: Instrument, answers: &[u8]) -> CheckupInput {
        CheckupInput {
            instrument,
            answers: answers.iter().map(|a| Some(*a)).collect(),
            difficulty: None,
        }
    }

    #[test]
    fn every_band_edge_scores_as_published() {
        for (instrument, edges) in [
            (
                Instrument::Phq9,
                &[0u8, 4, 5, 9, 10, 14, 15, 19, 20, 27][..],
            ),
            (Instrument::Gad7, &[0u8, 4, 5, 9, 10, 14, 15, 21][..]),
            (Instrument::Phq2, &[0u8, 2, 3, 6][..]),
            (Instrument::Gad2, &[0u8, 2, 3, 6][..]),
        ] {
            let n = instrument.items().len();
            for &total in edges {
                // Spread the total over the items, 3 at most each, the ninth last.
                let mut answers = vec![0u8; n];
                let mut left = total;
                for a in answers.iter_mut() {
                    *a = left.min(3);
                    left -= *a;
                }
                let scored = score(&answered(instrument, &answers)).expect("valid");
                assert_eq!(scored.total, total);
                assert_eq!(
                    scored.band.name,
                    published(instrument, total),
                    "{instrument:?} {total}"
                );
            }
        }
        assert_eq!(Instrument::Phq9.max_score(), 27);
        assert_eq!(Instrument::Gad7.max_score(), 21);
        assert_eq!(Instrument::Phq2.max_score(), 6);
        // The short screens are the full ones' first two items, word for word.
        assert_eq!(
            Instrument::Phq2.items(),
            [
                "Little interest or pleasure in doing things",
                "Feeling down, depressed, or hopeless"
            ]
        );
        assert_eq!(
            Instrument::Gad2.items(),
            [
                "Feeling nervous, anxious, or on edge",
                "Not being able to stop or control worrying"
            ]
        );
    }

    #[test]
    fn any_answer_above_not_at_all_to_item_nine_calls_for_the_safety_screen() {
        for ninth in 0..=3u8 {
            let mut answers = [0u8; 9];
            answers[8] = ninth;
            let scored = score(&answered(Instrument::Phq9, &answers)).expect("valid");
            assert_eq!(scored.safety, ninth > 0, "item 9 = {ninth}");
            assert_eq!(
                scored.band.name, "Minimal",
                "the score alone would say nothing"
            );
        }
        // The GAD-7 has no such item.
        assert!(
            !score(&answered(Instrument::Gad7, &[3; 7]))
                .expect("valid")
                .safety
        );
    }

    #[test]
    fn an_unanswered_or_impossible_answer_names_its_question() {
        let mut input = answered(Instrument::Phq9, &[1; 9]);
        input.answers[4] = None;
        let e = score(&input).expect_err("unanswered");
        assert_eq!(e.field(), Some("answers.5"));
        assert!(e.to_string().contains("Poor appetite"), "{e}");
        input.answers[4] = Some(4);
        assert_eq!(score(&input).expect_err("4").field(), Some("answers.5"));
        let short = answered(Instrument::Gad7, &[1; 6]);
        assert_eq!(score(&short).expect_err("six").field(), Some("answers"));
        let mut bad_difficulty = answered(Instrument::Gad7, &[1; 7]);
        bad_difficulty.difficulty = Some(7);
        assert_eq!(
            score(&bad_difficulty).expect_err("difficulty").field(),
            Some("difficulty")
        );
    }

    proptest! {
        /// Any valid set of answers: the total is their sum, its band is the published one,
        /// and the bands cover every possible score exactly once.
        #[test]
        fn scores_are_sums_in_their_published_band(
            phq in proptest::collection::vec(0u8..=3, 9),
            gad in proptest::collection::vec(0u8..=3, 7),
        ) {
            let (phq2, gad2) = (phq[..2].to_vec(), gad[..2].to_vec());
            for (instrument, answers) in [
                (Instrument::Phq9, &phq),
                (Instrument::Gad7, &gad),
                (Instrument::Phq2, &phq2),
                (Instrument::Gad2, &gad2),
            ] {
                let scored = score(&answered(instrument, answers)).expect("valid");
                prop_assert_eq!(u32::from(scored.total), answers.iter().map(|a| u32::from(*a)).sum::<u32>());
                prop_assert_eq!(scored.band.name, published(instrument, scored.total));
            }
        }
    }

    #[test]
    fn the_bands_cover_every_score_once() {
        for instrument in [
            Instrument::Phq9,
            Instrument::Gad7,
            Instrument::Phq2,
            Instrument::Gad2,
        ] {
            for s in 0..=instrument.max_score() {
                let covering = instrument
                    .bands()
                    .iter()
                    .filter(|b| (b.min..=b.max).contains(&s))
                    .count();
                assert_eq!(covering, 1, "{instrument:?} {s}");
            }
        }
    }
}
