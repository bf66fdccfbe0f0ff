//! Mood and anxiety check-ups: the two questionnaires for the form, saving one, and the
//! recent ones with their scores, as functions of a connection and the day that the façade
//! (`facade/`) hands them. A PHQ-9 whose ninth answer is above "Not at all"
//! is marked for the safety screen, and feeds a help prompt (see `journey::prompts`).

pub mod instruments;
pub(crate) mod store;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

pub use instruments::{
    score, Band, CheckupInput, Instrument, DIFFICULTY_OPTIONS, NOT_A_DIAGNOSIS, OPTIONS,
};

use rusqlite::Connection;

use crate::error::Result;
use crate::model;

/// How often a check-up is offered: the questionnaires ask about two weeks.
pub const EVERY_DAYS: i64 = 14;

/// A questionnaire as the form shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Questionnaire {
    pub instrument: Instrument,
    pub name: String,
    pub title: String,
    pub stem: String,
    pub items: Vec<String>,
    pub options: Vec<String>,
    pub difficulty_question: String,
    pub difficulty_options: Vec<String>,
}

/// A saved check-up with its score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CheckupView {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub instrument: Instrument,
    pub name: String,
    pub day: String,
    /// Local "YYYY-MM-DDTHH:MM" in the zone it was taken in.
    pub at: String,
    pub answers: Vec<u8>,
    pub difficulty: Option<u8>,
    pub total: u8,
    pub max_score: u8,
    pub band: Band,
    /// Said with every score.
    pub not_a_diagnosis: String,
    /// The PHQ-9's ninth answer was above "Not at all": the safety screen comes first.
    pub safety: bool,
    /// A short screen at or over its cut-off: the full questionnaire to offer.
    pub offer_full: Option<Instrument>,
}

/// The check-ups screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CheckupsView {
    pub questionnaires: Vec<Questionnaire>,
    /// The last year's check-ups, newest first.
    pub recent: Vec<CheckupView>,
    /// The questionnaires not taken in the last two weeks.
    pub due: Vec<Instrument>,
    /// The two-question screens (PHQ-2, GAD-2), offered with the check-in.
    pub quick: Vec<Questionnaire>,
    /// The person asked for them with the check-in.
    pub quick_on: bool,
    /// They are on and none was answered in the last week ([`QUICK_EVERY_DAYS`]).
    pub quick_due: bool,
    /// Who made the questionnaires, shown with them as their publishers ask.
    pub attribution: String,
}

/// The questionnaires' attribution, in the words their distributors give.
pub const ATTRIBUTION: &str = "The PHQ-9, GAD-7, PHQ-2 and GAD-2 were developed by Drs. Robert L. \
    Spitzer, Janet B. W. Williams, Kurt Kroenke and colleagues, with an educational grant from \
    Pfizer Inc. No permission is required to reproduce, translate, display or distribute them.";

/// Whether the two-question screens come with the daily check-in: off until asked for.
pub(crate) const QUICK_SETTING: &str = "quick_checkups";

fn questionnaire(i: Instrument) -> Questionnaire {
    let owned = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
    Questionnaire {
        instrument: i,
        name: i.name().into(),
        title: i.title().into(),
        stem: i.stem().into(),
        items: owned(i.items()),
        options: owned(&OPTIONS),
        // The short screens have no closing question.
        difficulty_question: if i.is_quick() {
            String::new()
        } else {
            i.difficulty_question().into()
        },
        difficulty_options: if i.is_quick() {
            vec![]
        } else {
            owned(&DIFFICULTY_OPTIONS)
        },
    }
}

fn view(row: store::Row) -> Result<CheckupView> {
    let (id, instrument, day, at, tz, answers, difficulty) = row;
    let scored = score(&CheckupInput {
        instrument,
        answers: answers.iter().copied().map(Some).collect(),
        difficulty,
    })?;
    let zone = model::stored_zone(&tz);
    let at = chrono::DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .with_timezone(&zone)
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    Ok(CheckupView {
        id,
        instrument,
        name: instrument.name().into(),
        day,
        at,
        answers: scored.answers,
        difficulty: scored.difficulty,
        total: scored.total,
        max_score: instrument.max_score(),
        band: scored.band,
        not_a_diagnosis: NOT_A_DIAGNOSIS.into(),
        safety: scored.safety,
        offer_full: (instrument.is_quick() && scored.total >= instruments::QUICK_CUTOFF)
            .then(|| instrument.full()),
    })
}

/// The questionnaires not taken in the two weeks up to `day`, from check-ups `taken` (each
/// its questionnaire and day): the ones the Today card offers and the reminder waits for.
fn due_on(taken: &[(Instrument, &str)], day: NaiveDate) -> Vec<Instrument> {
    let (from, last) = (
        (day - Duration::days(EVERY_DAYS - 1)).to_string(),
        day.to_string(),
    );
    [Instrument::Phq9, Instrument::Gad7]
        .into_iter()
        .filter(|i| {
            !taken
                .iter()
                .any(|(t, d)| t == i && from.as_str() <= *d && *d <= last.as_str())
        })
        .collect()
}

/// How often the two-question screens may come: at most once a week. They ask about the last
/// two weeks, as validated; asked daily they would re-ask about the same fortnight.
pub const QUICK_EVERY_DAYS: i64 = 7;

/// Whether the two-question screens are due on `day`: none answered in the week up to it.
fn quick_due_on(taken: &[(Instrument, &str)], day: NaiveDate) -> bool {
    let from = (day - Duration::days(QUICK_EVERY_DAYS - 1)).to_string();
    let last = day.to_string();
    !taken
        .iter()
        .any(|(i, d)| i.is_quick() && from.as_str() <= *d && *d <= last.as_str())
}

/// Whether both questionnaires were taken in the two weeks up to `day`: then no check-up is
/// due, and its reminder keeps quiet.
pub(crate) fn taken_recently(conn: &rusqlite::Connection, day: NaiveDate) -> Result<bool> {
    let rows = store::since(conn, &(day - Duration::days(EVERY_DAYS - 1)).to_string())?;
    let taken: Vec<(Instrument, &str)> = rows.iter().map(|r| (r.1, r.2.as_str())).collect();
    Ok(due_on(&taken, day).is_empty())
}

/// The questionnaires, the last year's check-ups and which are due on `today`.
pub(crate) fn overview(conn: &Connection, today: NaiveDate) -> Result<CheckupsView> {
    let rows = store::since(conn, &(today - Duration::days(365)).to_string())?;
    let recent = rows.into_iter().map(view).collect::<Result<Vec<_>>>()?;
    let taken: Vec<(Instrument, &str)> = recent
        .iter()
        .map(|c| (c.instrument, c.day.as_str()))
        .collect();
    let due = due_on(&taken, today);
    let quick_on = crate::store::settings::get(conn, QUICK_SETTING)? == "1";
    let quick_due = quick_on && quick_due_on(&taken, today);
    Ok(CheckupsView {
        quick: vec![
            questionnaire(Instrument::Phq2),
            questionnaire(Instrument::Gad2),
        ],
        quick_on,
        quick_due,
        attribution: ATTRIBUTION.into(),
        questionnaires: vec![
            questionnaire(Instrument::Phq9),
            questionnaire(Instrument::Gad7),
        ],
        recent,
        due,
    })
}

/// Turns the two-question screens with the daily check-in on or off, in `tx`.
pub(crate) fn set_quick(tx: &Connection, on: bool) -> Result<()> {
    crate::store::settings::put(tx, QUICK_SETTING, if on { "1" } else { "0" })
}

/// Saves the check-up `scored` (see [`score`]) as taken at `now` on `day` in `zone`.
pub(crate) fn save(
    tx: &Connection,
    scored: &instruments::Scored,
    now: i64,
    day: NaiveDate,
    zone: &str,
) -> Result<CheckupView> {
    let day = day.to_string();
    let id = store::insert(
        tx,
        scored.instrument,
        &day,
        now,
        zone,
        &scored.answers,
        scored.difficulty,
    )?;
    view((
        id,
        scored.instrument,
        day,
        now,
        zone.to_owned(),
        scored.answers.clone(),
        scored.difficulty,
    ))
}

/// The check-ups taken from the day `from` to the day `to`, oldest first.
pub(crate) fn between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<CheckupView>> {
    let last = to.to_string();
    store::since(conn, &from.to_string())?
        .into_iter()
        .filter(|r| r.2 <= last)
        .map(view)
        .collect()
}

/// The check-ups chart from `from` to `to`, and those check-ups.
pub(crate) fn chart_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    theme: crate::charts::Theme,
) -> Result<(crate::charts::ChartView, Vec<CheckupView>)> {
    let shown = between(conn, from, to)?;
    let points: Vec<CheckupPoint> = shown
        .iter()
        .filter_map(|c| {
            Some(CheckupPoint {
                day: c.day.parse().ok()?,
                instrument: c.instrument,
                total: c.total,
            })
        })
        .collect();
    Ok((chart(&points, from, to, theme)?, shown))
}

/// PHQ-9 answers to the ninth question above "Not at all" since `from`: day and answer.
pub(crate) fn ninth_answers(conn: &Connection, from: NaiveDate) -> Result<Vec<(NaiveDate, u8)>> {
    Ok(store::since(conn, &from.to_string())?
        .into_iter()
        .filter(|r| r.1 == Instrument::Phq9)
        .filter_map(|r| Some((r.2.parse().ok()?, *r.5.get(8)?)))
        .filter(|(_, a)| *a > 0)
        .collect())
}

/// One check-up on the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckupPoint {
    pub day: NaiveDate,
    pub instrument: Instrument,
    pub total: u8,
}

/// The PHQ-9 and GAD-7 scores of `points` as the check-ups chart, from `from` to `to`.
pub fn chart(
    points: &[CheckupPoint],
    from: NaiveDate,
    to: NaiveDate,
    theme: crate::charts::Theme,
) -> Result<crate::charts::ChartView> {
    let series = |i: Instrument| crate::charts::checkups::ScoreSeries {
        name: i.name(),
        max: i.max_score(),
        points: points
            .iter()
            .filter(|p| p.instrument == i)
            .map(|p| (p.day, p.total))
            .collect(),
    };
    crate::charts::checkups::scores(
        &[series(Instrument::Phq9), series(Instrument::Gad7)],
        from,
        to,
        theme,
    )
}

#[cfg(test)]
mod chart_tests {
    use super::*;
    use crate::Theme;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("day")
    }

    #[test]
    fn the_chart_says_its_facts_and_draws_one_mark_per_check_up() {
        let points = [
            CheckupPoint {
                day: day("2026-11-01"),
                instrument: Instrument::Phq9,
                total: 14,
            },
            CheckupPoint {
                day: day("2026-11-15"),
                instrument: Instrument::Phq9,
                total: 9,
            },
            CheckupPoint {
                day: day("2026-11-15"),
                instrument: Instrument::Gad7,
                total: 11,
            },
        ];
        let c = chart(&points, day("2026-10-28"), day("2026-11-26"), Theme::Light).expect("chart");
        assert!(
            c.desc.contains(
                "Mood (PHQ-9): 2 check-ups, from 14 of 27 on 1 November to 9 on 15 November"
            ),
            "{}",
            c.desc
        );
        assert!(
            c.desc
                .contains("Anxiety (GAD-7): one check-up, 11 of 21 on 15 November"),
            "{}",
            c.desc
        );
        let svg = c.svg.expect("svg");
        // Two PHQ-9 dots (the legend adds a third circle) and one GAD-7 triangle in the plot.
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        let empty = chart(&[], day("2026-10-28"), day("2026-11-26"), Theme::Dark).expect("empty");
        assert!(empty.svg.is_none());
        assert!(empty.desc.starts_with("No check-ups"));
    }
}
