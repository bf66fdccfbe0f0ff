//! What goes into the clinician report, gathered from the diary for a period and put into
//! words and figures: pure data, so the PDF and the CSV say the same thing and tests can read it
//! without a PDF.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use super::ReportSections;
use crate::charts::Theme;
use crate::checkups::{CheckupView, Instrument, OPTIONS};
use crate::error::Result;
use crate::journey::prompts::HelpPrompt;
use crate::journey::symptoms;
use crate::journey::taper::grams;
use crate::journey::PlanSection;
use crate::{charts, stats, store};

/// One day of the period, with what each chosen section says about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DayRow {
    pub day: NaiveDate,
    /// The taper plan's amount that day and what was logged, with the plan's measuring unit.
    pub planned_mg: Option<u32>,
    pub taken_mg: Option<u32>,
    pub compared: Option<Compared>,
    pub symptom_total: Option<u32>,
    pub strong_symptoms: Vec<&'static str>,
    pub since_step_down: Option<i64>,
    pub craving_max: Option<u8>,
    pub cravings_logged: u32,
    pub mood_avg: Option<f64>,
    pub sleep_min: Option<u32>,
}

/// A week of the sleep diary: the four standard figures, as means over the nights kept.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SleepWeek {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub nights: u32,
    /// Time to fall asleep (sleep onset latency), minutes.
    pub latency_min: f64,
    /// Time awake after first falling asleep (WASO), minutes.
    pub awake_min: f64,
    /// Total sleep time, minutes.
    pub total_min: f64,
    /// Sleep efficiency: total sleep over time in bed, percent.
    pub efficiency_pct: f64,
}

/// A craving ridden out with the urge-surfing timer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Surf {
    /// Local "YYYY-MM-DDTHH:MM".
    pub at: String,
    pub before: u8,
    pub after: u8,
    pub minutes: Option<u32>,
}

/// A help prompt the app showed during the period: the days it was shown and its words.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PromptShown {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub days: u32,
    pub prompt: HelpPrompt,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chart {
    pub title: String,
    pub desc: String,
    pub svg: String,
}

/// Everything the report says, for the sections the person chose.
#[derive(Debug, Clone)]
pub(crate) struct Content {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub made: NaiveDate,
    pub sections: ReportSections,
    pub days: Vec<DayRow>,
    /// The taper plan over the period, in words; empty without a plan in it.
    pub taper_words: Vec<String>,
    pub weeks: Vec<SleepWeek>,
    pub surfs: Vec<Surf>,
    /// Oldest first.
    pub checkups: Vec<CheckupView>,
    pub prompts: Vec<PromptShown>,
    /// The sections of the safety plan the person has written.
    pub plan: Vec<PlanSection>,
    /// Each day's notes, when the person chose to include them.
    pub notes: Vec<(NaiveDate, String)>,
    pub charts: Vec<Chart>,
}

/// A day's logged amount against the plan's, in milligrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compared {
    AsPlanned,
    Under(u32),
    Over(u32),
    NotLogged,
}

impl Compared {
    /// For sentences and the CSV.
    pub(crate) fn words(self) -> &'static str {
        match self {
            Compared::AsPlanned => "as planned",
            Compared::Under(_) => "under the plan",
            Compared::Over(_) => "over the plan",
            Compared::NotLogged => "not logged",
        }
    }

    /// For the table: "0.5 g over".
    pub(crate) fn cell(self) -> String {
        match self {
            Compared::Under(mg) => format!("{} under", grams(mg)),
            Compared::Over(mg) => format!("{} over", grams(mg)),
            other => other.words().to_owned(),
        }
    }
}

/// A logged amount within this much of the plan is as planned: measuring noise, not a change.
fn adherence(planned: u32, taken: Option<u32>, unit: u32) -> Compared {
    let Some(taken) = taken else {
        return Compared::NotLogged;
    };
    if taken.abs_diff(planned) < unit.max(1) {
        Compared::AsPlanned
    } else if taken < planned {
        Compared::Under(planned - taken)
    } else {
        Compared::Over(taken - planned)
    }
}

/// "2 Nov": short enough for a table, unambiguous within a report that names its year.
pub(crate) fn short(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

pub(crate) fn long(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

pub(crate) fn hours(min: f64) -> String {
    let m = min.round() as i64;
    format!("{} h {:02} min", m / 60, m % 60)
}

pub(crate) fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// Gathers the report for `from..=to`. A section that is off is not read at all.
pub(crate) fn report_content(
    conn: &rusqlite::Connection,
    m: &crate::clock::Moment,
    from: NaiveDate,
    to: NaiveDate,
    sections: ReportSections,
) -> Result<Content> {
    let made = m.today();
    let mut days: Vec<DayRow> = (0..=(to - from).num_days())
        .map(|i| DayRow {
            day: from + Duration::days(i),
            ..DayRow::default()
        })
        .collect();
    let mut taper_words = vec![];
    if sections.taper || sections.symptoms {
        taper_words = taper_rows(conn, from, to, sections, &mut days)?;
    }
    if sections.symptoms {
        symptom_rows(conn, from, to, &mut days)?;
    }
    let series = stats::load(conn, from, to)?;
    series_rows(&series, sections, &mut days);
    let mut notes: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    let weeks = sleep_and_checkin_notes(conn, from, to, sections, &mut notes)?;
    let surfs = surfs_and_craving_notes(conn, from, to, sections, &mut notes)?;
    let checkups = if sections.checkups {
        let mut shown = crate::checkups::between(conn, from, to)?;
        shown.reverse();
        shown
    } else {
        vec![]
    };
    let prompts = if sections.prompts {
        prompts_shown(conn, m.zone, &days)?
    } else {
        vec![]
    };
    let plan = if sections.plan {
        plan_written(conn)?
    } else {
        vec![]
    };
    Ok(Content {
        from,
        to,
        made,
        sections,
        days,
        taper_words,
        weeks,
        surfs,
        checkups,
        prompts,
        plan,
        notes: notes.into_iter().map(|(d, n)| (d, n.join("\n"))).collect(),
        charts: report_charts(&series, sections)?,
    })
}

/// The taper's planned and logged amounts and the days since the last step-down, in
/// `days`; and, when the taper is chosen, its summary in words.
fn taper_rows(
    conn: &rusqlite::Connection,
    from: NaiveDate,
    to: NaiveDate,
    sections: ReportSections,
    days: &mut [DayRow],
) -> Result<Vec<String>> {
    // Step-downs before the period count for "days since the last step-down".
    let taper = crate::journey::taper_days(conn, from - Duration::days(180), to)?;
    let mut last_step: Option<NaiveDate> = None;
    let mut previous: Option<(NaiveDate, u32)> = None;
    let mut steps_in_period = vec![];
    for t in &taper {
        let Ok(day) = t.day.parse::<NaiveDate>() else {
            continue;
        };
        if let Some((p_day, p_mg)) = previous {
            if p_day + Duration::days(1) == day && t.planned_mg < p_mg {
                last_step = Some(day);
                if day >= from {
                    steps_in_period.push((day, t.planned_mg));
                }
            }
        }
        previous = Some((day, t.planned_mg));
        if let Some(row) = row_of(days, from, day) {
            row.since_step_down = last_step.map(|s| (day - s).num_days());
            if sections.taper {
                row.planned_mg = Some(t.planned_mg);
                row.taken_mg = t.taken_mg;
                row.compared = Some(adherence(t.planned_mg, t.taken_mg, t.rounding_mg));
            }
        }
    }
    Ok(if sections.taper {
        taper_summary(days, &steps_in_period)
    } else {
        vec![]
    })
}

/// The suggestions to reach out as they stood on each day of `days`, each with the first
/// and last day it showed.
fn prompts_shown(
    conn: &rusqlite::Connection,
    zone: chrono_tz::Tz,
    days: &[DayRow],
) -> Result<Vec<PromptShown>> {
    let times = crate::journey::store::dose_times(conn)?;
    let mut prompts: Vec<PromptShown> = vec![];
    for row in days {
        let (shown, _) = crate::journey::prompts_on(conn, zone, Some(&times), row.day);
        for p in shown {
            match prompts.iter_mut().find(|s| s.prompt.id == p.id) {
                Some(s) => {
                    s.last = row.day;
                    s.days += 1;
                    s.prompt = p;
                }
                None => prompts.push(PromptShown {
                    first: row.day,
                    last: row.day,
                    days: 1,
                    prompt: p,
                }),
            }
        }
    }
    Ok(prompts)
}

/// The row of `day` in `days`, which start on `from`.
fn row_of(days: &mut [DayRow], from: NaiveDate, day: NaiveDate) -> Option<&mut DayRow> {
    usize::try_from((day - from).num_days())
        .ok()
        .and_then(|i| days.get_mut(i))
}

/// Each day's symptom total and the symptoms rated strong, from its last check.
fn symptom_rows(
    conn: &rusqlite::Connection,
    from: NaiveDate,
    to: NaiveDate,
    days: &mut [DayRow],
) -> Result<()> {
    for (day, _, scores) in
        crate::journey::store::symptom_checks(conn, &from.to_string(), &to.to_string())?
    {
        if let Some(row) = row_of(days, from, day) {
            // The last check of a day speaks for it, as on the symptom chart.
            row.symptom_total = Some(symptoms::total(&scores));
            row.strong_symptoms = scores
                .iter()
                .filter(|s| s.score >= 3)
                .map(|s| s.symptom.label())
                .collect();
        }
    }
    Ok(())
}

/// Each day's cravings, mood and sleep from the trends' series, as chosen.
fn series_rows(series: &stats::Series, sections: ReportSections, days: &mut [DayRow]) {
    for (i, row) in days.iter_mut().enumerate() {
        if sections.cravings {
            if let Some(c) = series.craving.get(i) {
                row.craving_max = c.max;
                row.cravings_logged = c.logged;
            }
        }
        if sections.mood {
            row.mood_avg = series.mood.get(i).and_then(|m| m.avg);
        }
        if sections.sleep {
            row.sleep_min = series.sleep.get(i).and_then(|s| s.total_sleep_min);
        }
    }
}

/// The sleep diary's weeks (when sleep is chosen), and the check-ins' notes into `notes`
/// (when notes are).
fn sleep_and_checkin_notes(
    conn: &rusqlite::Connection,
    from: NaiveDate,
    to: NaiveDate,
    sections: ReportSections,
    notes: &mut BTreeMap<NaiveDate, Vec<String>>,
) -> Result<Vec<SleepWeek>> {
    let mut weeks = vec![];
    if !(sections.sleep || sections.notes) {
        return Ok(weeks);
    }
    let checkins = store::checkins::in_days(conn, &from.to_string(), &to.to_string())?;
    if sections.sleep {
        let mut start = from;
        while start <= to {
            let end = (start + Duration::days(6)).min(to);
            let nights: Vec<_> = checkins
                .iter()
                .filter_map(|(_, c)| {
                    let d = c.day.parse::<NaiveDate>().ok()?;
                    (start <= d && d <= end).then_some(c.sleep.as_ref()?)
                })
                .collect();
            if !nights.is_empty() {
                let m = |f: &dyn Fn(&crate::model::sleep::SleepView) -> f64| {
                    mean(nights.iter().map(|s| f(s))).unwrap_or(0.0)
                };
                weeks.push(SleepWeek {
                    from: start,
                    to: end,
                    nights: nights.len() as u32,
                    latency_min: m(&|s| s.input.latency_min.unwrap_or(0) as f64),
                    awake_min: m(&|s| s.input.awake_min.unwrap_or(0) as f64),
                    total_min: m(&|s| f64::from(s.summary.total_sleep_min)),
                    efficiency_pct: m(&|s| s.summary.efficiency_pct),
                });
            }
            start = end + Duration::days(1);
        }
    }
    if sections.notes {
        for (_, c) in &checkins {
            if let (Ok(d), false) = (c.day.parse(), c.note.trim().is_empty()) {
                notes.entry(d).or_default().push(c.note.trim().to_owned());
            }
        }
    }
    Ok(weeks)
}

/// The cravings ridden out with urge surfing (when cravings are chosen), and the cravings'
/// words into `notes` (when notes are).
fn surfs_and_craving_notes(
    conn: &rusqlite::Connection,
    from: NaiveDate,
    to: NaiveDate,
    sections: ReportSections,
    notes: &mut BTreeMap<NaiveDate, Vec<String>>,
) -> Result<Vec<Surf>> {
    let mut surfs = vec![];
    if !(sections.cravings || sections.notes) {
        return Ok(surfs);
    }
    let cravings = store::cravings::in_days(conn, &from.to_string(), &to.to_string())?;
    for (_, c) in &cravings {
        if let (true, Some(after)) = (sections.cravings, c.eased_to) {
            surfs.push(Surf {
                at: c.at.clone(),
                before: c.intensity,
                after,
                minutes: c.surf_min,
            });
        }
        let day = c.at.get(..10).and_then(|d| d.parse().ok());
        if let (true, Some(d), false) = (sections.notes, day, c.context.trim().is_empty()) {
            notes
                .entry(d)
                .or_default()
                .push(format!("Craving: {}", c.context.trim()));
        }
    }
    surfs.sort_by(|a, b| a.at.cmp(&b.at));
    Ok(surfs)
}

/// The plan for hard moments, the sections written.
fn plan_written(conn: &rusqlite::Connection) -> Result<Vec<PlanSection>> {
    let p = crate::journey::store::recovery_plan(conn)?;
    Ok(crate::journey::PlanView::new(p, vec![])
        .sections
        .into_iter()
        .filter(|s| !s.text.trim().is_empty())
        .collect())
}

/// The cravings and sleep charts, as chosen. Mood and the check-ups are in the tables; two
/// charts keep the report to a few pages.
fn report_charts(series: &stats::Series, sections: ReportSections) -> Result<Vec<Chart>> {
    let mut out = vec![];
    let mut chart = |view: charts::ChartView| {
        if let Some(svg) = view.svg {
            out.push(Chart {
                title: view.title,
                desc: view.desc,
                svg,
            });
        }
    };
    if sections.cravings {
        chart(charts::craving(series, Theme::Light)?);
    }
    if sections.sleep {
        chart(charts::sleep(series, Theme::Light)?);
    }
    Ok(out)
}

/// The taper over the period in a few plain sentences: what the plan asked, how often an
/// amount was logged, and how it compared. No judgement: a day over the plan is a fact to
/// talk about, not a failure.
fn taper_summary(days: &[DayRow], steps: &[(NaiveDate, u32)]) -> Vec<String> {
    let planned: Vec<&DayRow> = days.iter().filter(|d| d.planned_mg.is_some()).collect();
    let (Some(first), Some(last)) = (planned.first(), planned.last()) else {
        return vec!["No taper plan covered this period.".into()];
    };
    let mut out = vec![];
    let (a, b) = (first.planned_mg.unwrap_or(0), last.planned_mg.unwrap_or(0));
    out.push(if a == b {
        format!(
            "The plan held the daily amount at {} from {} to {}.",
            grams(a),
            short(first.day),
            short(last.day)
        )
    } else {
        format!(
            "The plan's daily amount went from {} on {} to {} on {}{}.",
            grams(a),
            short(first.day),
            grams(b),
            short(last.day),
            match steps.len() {
                0 => String::new(),
                _ => format!(
                    ", stepping down on {}",
                    steps
                        .iter()
                        .map(|(d, mg)| format!("{} (to {})", short(*d), grams(*mg)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        )
    });
    let count = |w: &str| {
        planned
            .iter()
            .filter(|d| d.compared.map(Compared::words) == Some(w))
            .count()
    };
    let logged = planned.len() - count("not logged");
    out.push(format!(
        "An amount was logged on {logged} of the {} planned days: {} as planned, {} under the plan and {} over it.",
        planned.len(),
        count("as planned"),
        count("under the plan"),
        count("over the plan"),
    ));
    if count("not logged") > 0 {
        out.push("A day without a logged amount may simply not have been written down.".into());
    }
    out
}

/// The check-up's ninth answer in words, when it was above "Not at all".
pub(crate) fn ninth_answer(c: &CheckupView) -> Option<String> {
    let a = *c.answers.get(8)?;
    (c.instrument == Instrument::Phq9 && a > 0).then(|| {
        format!(
            "Question 9: “{}”",
            OPTIONS.get(usize::from(a)).copied().unwrap_or("")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logged_amount_within_the_measuring_unit_is_as_planned() {
        assert_eq!(adherence(2000, Some(2000), 250).words(), "as planned");
        assert_eq!(adherence(2000, Some(2249), 250).words(), "as planned");
        assert_eq!(adherence(2000, Some(2250), 250).words(), "over the plan");
        assert_eq!(adherence(2000, Some(1750), 250).words(), "under the plan");
        assert_eq!(adherence(2000, None, 250).words(), "not logged");
        assert_eq!(adherence(2000, Some(2000), 0).words(), "as planned");
        assert_eq!(adherence(2000, Some(2500), 250).cell(), "0.5 g over");
    }
}
