//! Mood and anxiety check-ups on a real data file: saved with their scores, a ninth PHQ-9
//! answer above "Not at all" marked for the safety screen and named by Get help for the two
//! weeks it is about, which questionnaires are due, and bad answers changing nothing.

use chrono_tz::Europe::London;
use companion_core::checkups::{CheckupInput, Instrument};

use crate::common::{at, open};

fn answered(instrument: Instrument, answers: &[u8]) -> CheckupInput {
    CheckupInput {
        instrument,
        answers: answers.iter().copied().map(Some).collect(),
        difficulty: Some(1),
    }
}

#[test]
fn a_ninth_answer_calls_for_the_safety_screen_and_help_names_it_for_two_weeks() {
    let (_dir, clock, app) = open("2026-11-10T20:00:00Z", London);
    let before = app.checkups().expect("view");
    assert_eq!(before.due, [Instrument::Phq9, Instrument::Gad7]);
    assert_eq!(before.questionnaires[0].items.len(), 9);

    let saved = app
        .save_checkup(&answered(Instrument::Phq9, &[0, 1, 0, 1, 0, 0, 0, 0, 1]))
        .expect("save");
    assert!(saved.safety);
    assert_eq!((saved.total, saved.max_score), (3, 27));
    assert_eq!(saved.band.name, "Minimal");
    assert_eq!(saved.at, "2026-11-10T20:00");
    let help = app.help();
    assert_eq!(help.prompts[0].id, "ninth_answer", "{:?}", help.prompts);
    assert!(help.prompts[0]
        .basis
        .contains("“Several days” to question 9"));
    assert_eq!(app.checkups().expect("view").due, [Instrument::Gad7]);

    let gad = app
        .save_checkup(&answered(Instrument::Gad7, &[3, 3, 3, 2, 2, 2, 1]))
        .expect("gad");
    assert!(!gad.safety);
    assert_eq!((gad.total, gad.band.name), (16, "Severe"));
    assert!(app.checkups().expect("view").due.is_empty());
    // Both on Trends, as a chart and its table.
    let trends = app
        .dashboard(companion_core::Range::Month, companion_core::Theme::Light)
        .expect("trends");
    assert_eq!(trends.checkup_rows.len(), 2);
    assert!(trends.checkups.svg.is_some());
    assert!(
        trends.checkups.desc.contains("one check-up, 3 of 27"),
        "{}",
        trends.checkups.desc
    );

    // Two weeks on, the prompt has said its piece, and both are due again.
    clock.set(at("2026-11-24T09:00:00Z"));
    assert!(app.help().prompts.iter().all(|p| p.id != "ninth_answer"));
    assert_eq!(
        app.checkups().expect("view").due,
        [Instrument::Phq9, Instrument::Gad7]
    );
    assert_eq!(app.checkups().expect("view").recent.len(), 2);
}

#[test]
fn an_unanswered_question_is_named_and_nothing_is_saved() {
    let (_dir, _clock, app) = open("2026-11-10T20:00:00Z", London);
    let mut input = answered(Instrument::Phq9, &[1; 9]);
    input.answers[8] = None;
    let e = app.save_checkup(&input).expect_err("unanswered");
    assert_eq!(e.field(), Some("answers.9"));
    assert!(app.checkups().expect("view").recent.is_empty());
}

/// The two-question screens with the daily check-in: off until asked for; then due once a day,
/// scored against the published cut-off of 3, never standing in for the full check-up.
#[test]
fn the_quick_screens_come_once_a_week_when_asked_for_and_a_positive_one_leaves_the_full_one_due() {
    let (_dir, clock, app) = open("2026-11-10T20:00:00Z", London);
    let view = app.checkups().expect("view");
    assert!(!view.quick_on && !view.quick_due, "off until asked for");
    let view = app.set_quick_checkups(true).expect("on");
    assert!(view.quick_on && view.quick_due);
    // Word for word the first two questions of the full ones, without a closing question.
    let phq2 = &view.quick[0];
    assert_eq!(phq2.instrument, Instrument::Phq2);
    assert_eq!(phq2.items[..], view.questionnaires[0].items[..2]);
    assert_eq!(view.quick[1].items[..], view.questionnaires[1].items[..2]);
    assert!(phq2.difficulty_options.is_empty());

    let quick = |instrument, answers: &[u8]| CheckupInput {
        difficulty: None,
        ..answered(instrument, answers)
    };
    let e = app
        .save_checkup(&answered(Instrument::Phq2, &[1, 1]))
        .expect_err("no closing question");
    assert_eq!(e.field(), Some("difficulty"));
    assert!(
        app.checkups().expect("view").recent.is_empty(),
        "nothing saved"
    );

    let mood = app
        .save_checkup(&quick(Instrument::Phq2, &[2, 1]))
        .expect("phq-2");
    assert_eq!((mood.total, mood.max_score), (3, 6));
    assert_eq!(mood.band.name, "At or over the usual cut-off");
    assert!(!mood.safety);
    assert_eq!(mood.offer_full, Some(Instrument::Phq9));
    let worry = app
        .save_checkup(&quick(Instrument::Gad2, &[1, 1]))
        .expect("gad-2");
    assert_eq!(worry.band.name, "Under the usual cut-off");
    assert_eq!(worry.offer_full, None);
    let view = app.checkups().expect("view");
    assert!(!view.quick_due, "answered today");
    assert_eq!(
        view.due,
        [Instrument::Phq9, Instrument::Gad7],
        "a short screen does not stand in for the full check-up"
    );
    // They ask about the last two weeks, so not again the next day nor for a week after the
    // day they were answered (10 November): the 17th is the first day they come again.
    for (now, due) in [
        ("2026-11-11T19:00:00Z", false),
        ("2026-11-16T22:30:00Z", false),
        ("2026-11-17T08:00:00Z", true),
    ] {
        clock.set(at(now));
        assert_eq!(app.checkups().expect("view").quick_due, due, "{now}");
    }
    // Turned off, they are not asked.
    assert!(!app.set_quick_checkups(false).expect("off").quick_due);
}

/// Each questionnaire closes with its own published question: the PHQ-9 asks how difficult
/// "these problems" made things, the GAD-7 how difficult "these" made them.
#[test]
fn each_questionnaire_has_its_own_closing_question() {
    let (_dir, _clock, app) = open("2026-11-10T20:00:00Z", London);
    let view = app.checkups().expect("view");
    let closing = |i: Instrument| {
        view.questionnaires
            .iter()
            .find(|q| q.instrument == i)
            .expect("listed")
            .difficulty_question
            .clone()
    };
    assert!(closing(Instrument::Phq9).contains("how difficult have these problems made it"));
    assert!(closing(Instrument::Gad7).contains("how difficult have these made it"));
    assert!(view.attribution.contains("Spitzer") && view.attribution.contains("Pfizer"));
}
