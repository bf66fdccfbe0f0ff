//! The report a person takes to their clinician: a PDF of a period they choose, with the
//! sections they choose (notes are left out unless they ask), and a CSV of the same figures a
//! clinic can import. Also the safety plan on one printable page. Made entirely in the core:
//! `content` gathers, `pdf` lays out, this module puts them into words.

mod content;
pub(crate) mod pdf;

use std::path::Path;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::journey::taper::grams;
use crate::model::parse_day;
use crate::store::settings;
use crate::Companion;
use content::{hours, long, mean, ninth_answer, short, Content};
use pdf::{Align, Column, Layout};

/// What the person chose to show. Notes are their own words about their days: off unless
/// they turn them on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReportSections {
    pub taper: bool,
    pub symptoms: bool,
    pub sleep: bool,
    pub cravings: bool,
    pub mood: bool,
    pub checkups: bool,
    pub prompts: bool,
    pub plan: bool,
    pub notes: bool,
}

impl Default for ReportSections {
    fn default() -> Self {
        ReportSections {
            taper: true,
            symptoms: true,
            sleep: true,
            cravings: true,
            mood: true,
            checkups: true,
            prompts: true,
            plan: true,
            notes: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReportInput {
    /// First and last day of the period, `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    pub sections: ReportSections,
    /// Also write the figures as a CSV file beside the PDF.
    pub csv: bool,
}

/// The report form as it opens: the period since the last report (or the last two weeks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReportOptions {
    pub from: String,
    pub to: String,
    pub sections: ReportSections,
    /// The last day of the last report made, if any.
    pub last_report: Option<String>,
    pub max_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReportSaved {
    pub path: String,
    /// The CSV written beside it, if asked for.
    pub csv_path: Option<String>,
    pub pages: u32,
}

/// A report, made but not yet saved.
#[derive(Debug, Clone)]
pub struct Report {
    pub pdf: Vec<u8>,
    pub csv: String,
    pub pages: usize,
    /// The period's last day, remembered when the report is saved.
    to: NaiveDate,
}

/// The default period when no report was made before.
pub const DEFAULT_DAYS: i64 = 14;
/// The longest period one report covers.
pub const MAX_DAYS: i64 = 366;
const LAST_REPORT: &str = "last_report_to";

/// Said on every page.
pub const FOOTER_NOTE: &str = "Recorded by the patient in a self-tracking app (Kratom Recovery Companion). These are the person's own entries, not a clinical record; scores are screening figures, not a diagnosis.";

impl Companion {
    pub fn report_options(&self) -> Result<ReportOptions> {
        let today = self.local_today();
        let last = settings::get(&self.lock(), LAST_REPORT)?
            .parse::<NaiveDate>()
            .ok();
        let from = match last {
            Some(d) if d < today => d + Duration::days(1),
            _ => today - Duration::days(DEFAULT_DAYS - 1),
        };
        Ok(ReportOptions {
            from: from.max(today - Duration::days(MAX_DAYS - 1)).to_string(),
            to: today.to_string(),
            sections: ReportSections::default(),
            last_report: last.map(|d| d.to_string()),
            max_days: MAX_DAYS as u32,
        })
    }

    fn report_period(&self, input: &ReportInput) -> Result<(NaiveDate, NaiveDate)> {
        let from = parse_day("from", &input.from)?;
        let to = parse_day("to", &input.to)?;
        if to > self.local_today() {
            return Err(Error::invalid("to", "The period cannot end after today."));
        }
        if to < from {
            return Err(Error::invalid(
                "to",
                "The last day is before the first day.",
            ));
        }
        if (to - from).num_days() >= MAX_DAYS {
            return Err(Error::invalid(
                "from",
                "Please choose a period of a year or less.",
            ));
        }
        Ok((from, to))
    }

    /// Makes the report for `input` without saving it.
    pub fn clinician_report(&self, input: &ReportInput) -> Result<Report> {
        let (from, to) = self.report_period(input)?;
        let content = self.report_content(from, to, input.sections)?;
        let (pdf, pages) = compose(&content)?;
        Ok(Report {
            pdf,
            csv: figures_csv(&content)?,
            pages,
            to,
        })
    }

    /// Makes the report and writes it to `path` (and the CSV beside it, when asked), each
    /// whole or not at all; remembers the period's end, so the next one starts after it.
    pub fn save_report(&self, input: &ReportInput, path: &Path) -> Result<ReportSaved> {
        let report = self.clinician_report(input)?;
        self.write_report(&report, input.csv, path)
    }

    /// Writes a report (see [`Companion::save_report`]), with its CSV beside it when `csv`: the
    /// shell makes the report first, so a period that cannot be reported is said before a
    /// file is chosen.
    pub fn write_report(&self, report: &Report, csv: bool, path: &Path) -> Result<ReportSaved> {
        crate::export::write_atomically(path, &report.pdf)?;
        let csv_path = if csv {
            let csv = path.with_extension("csv");
            crate::export::write_atomically(&csv, report.csv.as_bytes())?;
            Some(csv.display().to_string())
        } else {
            None
        };
        let to = report.to.to_string();
        self.write_quietly(|tx, _| settings::put(tx, LAST_REPORT, &to))?;
        Ok(ReportSaved {
            path: path.display().to_string(),
            csv_path,
            pages: report.pages as u32,
        })
    }

    /// The suggested file name of a report for `input`.
    pub fn report_file_name(input: &ReportInput) -> String {
        format!("report-for-my-clinician-{}-to-{}.pdf", input.from, input.to)
    }
}

/// The safety plan's sixth step, as its key in [`crate::journey::PLAN_SECTIONS`].
const SAFER: &str = "saferSurroundings";

/// What the sixth step is about, said plainly as the Stanley-Brown plan says it: the means.
const SAFER_NOTE: &str = "On a hard day, anything I could use to hurt myself is out of reach: stored medicines, leftover kratom or other drugs, and any firearm are locked away or kept by someone I trust.";

impl Companion {
    /// The safety plan on one page, to print or to hand over.
    pub fn plan_pdf(&self) -> Result<Vec<u8>> {
        let view = self.recovery_plan()?;
        let mut l = Layout::new()?;
        l.title("My plan for hard moments");
        l.note(&format!(
            "Written in my own words. Printed {}.",
            long(self.local_today())
        ));
        let written: Vec<_> = view
            .sections
            .iter()
            .filter(|s| !s.text.trim().is_empty())
            .collect();
        if written.is_empty() {
            l.paragraph("Nothing is written in this plan yet.");
        }
        for s in written {
            l.heading(&s.title);
            l.paragraph(&s.text);
            if s.key == SAFER {
                l.note(SAFER_NOTE);
            }
        }
        if view.plan.safer_surroundings.trim().is_empty() {
            // The step that saves lives most directly is printed even when it is not written yet.
            let title = crate::journey::PLAN_SECTIONS
                .iter()
                .find(|(k, _)| *k == SAFER)
                .map_or("Making my surroundings safer", |(_, t)| t);
            l.heading(title);
            l.paragraph(SAFER_NOTE);
        }
        let people: Vec<_> = view.contacts.iter().collect();
        if !people.is_empty() {
            l.heading("Numbers");
            for c in people {
                let kind = match c.kind {
                    crate::journey::ContactKind::Support => "someone I trust",
                    crate::journey::ContactKind::Care => "my care team",
                    crate::journey::ContactKind::Crisis => "crisis line",
                };
                l.bullet(&format!("{}: {} ({kind})", c.name, c.phone));
            }
        }
        l.heading("If I am in danger, or cannot keep myself safe");
        for line in crate::help::content::printed_lines(self.help().region.as_deref()) {
            l.bullet(&line);
        }
        if view
            .contacts
            .iter()
            .any(|c| c.kind == crate::journey::ContactKind::Crisis)
        {
            l.paragraph("My own crisis numbers are in the list above.");
        }
        Ok(l.finish(
            "My plan for hard moments",
            "My safety plan, kept in a self-tracking app.",
        )?
        .0)
    }

    pub fn save_plan_pdf(&self, path: &Path) -> Result<String> {
        crate::export::write_atomically(path, &self.plan_pdf()?)?;
        Ok(path.display().to_string())
    }
}

/// "1, 2, 6 Oct; 3 Nov": days grouped by month.
fn day_list(days: &[NaiveDate]) -> String {
    let mut groups: Vec<(String, Vec<String>)> = vec![];
    for d in days {
        let month = d.format("%b").to_string();
        match groups.last_mut() {
            Some((m, list)) if *m == month => list.push(d.format("%-d").to_string()),
            _ => groups.push((month, vec![d.format("%-d").to_string()])),
        }
    }
    groups
        .into_iter()
        .map(|(m, list)| format!("{} {m}", list.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn mg(v: Option<u32>) -> String {
    v.map(grams).unwrap_or_default()
}

fn one(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.1}")).unwrap_or_default()
}

/// The report's pages.
fn compose(c: &Content) -> Result<(Vec<u8>, usize)> {
    let s = c.sections;
    let days = c.days.len();
    let mut l = Layout::new()?;
    l.title("Summary for my clinician");
    l.paragraph(&format!(
        "From my recovery diary: {} to {} ({days} day{}). Made on {}.",
        long(c.from),
        long(c.to),
        if days == 1 { "" } else { "s" },
        long(c.made)
    ));
    l.note("I chose what this report shows. Each figure comes from my own entries; a blank means nothing was entered that day, not zero.");

    // At a glance: one sentence per chosen section.
    let mut glance = vec![];
    if s.mood {
        let moods: Vec<f64> = c.days.iter().filter_map(|d| d.mood_avg).collect();
        if let Some(avg) = mean(moods.iter().copied()) {
            glance.push(format!(
                "Mood was entered on {} of {days} days, averaging {avg:.1} of 10 (lowest day {:.1}).",
                moods.len(),
                moods.iter().copied().fold(f64::INFINITY, f64::min)
            ));
        }
    }
    if s.cravings {
        let with: Vec<u8> = c.days.iter().filter_map(|d| d.craving_max).collect();
        if let Some(avg) = mean(with.iter().map(|&v| f64::from(v))) {
            glance.push(format!(
                "Cravings were rated on {} days; the strongest each day averaged {avg:.1} of 10. {} cravings were logged on their own, {} of them ridden out with urge surfing.",
                with.len(),
                c.days.iter().map(|d| d.cravings_logged).sum::<u32>(),
                c.surfs.len()
            ));
        }
    }
    if s.sleep {
        let nights: u32 = c.weeks.iter().map(|w| w.nights).sum();
        if nights > 0 {
            let tst = c
                .weeks
                .iter()
                .map(|w| w.total_min * f64::from(w.nights))
                .sum::<f64>()
                / f64::from(nights);
            glance.push(format!(
                "The sleep diary was kept for {nights} nights, with {} of sleep on average.",
                hours(tst)
            ));
        }
    }
    if s.checkups {
        for inst in [
            crate::checkups::Instrument::Phq9,
            crate::checkups::Instrument::Gad7,
        ] {
            if let Some(last) = c.checkups.iter().rev().find(|x| x.instrument == inst) {
                glance.push(format!(
                    "Latest {}: {} of {} on {} ({}).",
                    last.name,
                    last.total,
                    last.max_score,
                    last.day.parse().map(short).unwrap_or_default(),
                    last.band.name
                ));
            }
        }
    }
    if s.prompts && !c.prompts.is_empty() {
        glance.push(format!(
            "The app suggested reaching out for help {} time{} (see below).",
            c.prompts.len(),
            if c.prompts.len() == 1 { "" } else { "s" }
        ));
    }
    if !glance.is_empty() {
        l.heading("At a glance");
        for g in &glance {
            l.bullet(g);
        }
    }

    if s.taper {
        l.heading("Taper plan");
        for w in &c.taper_words {
            l.paragraph(w);
        }
    }

    // Day by day: the columns of the chosen sections.
    let mut columns = vec![Column {
        head: "Day",
        share: 1.25,
        align: Align::Left,
    }];
    let col = |head, share, align| Column { head, share, align };
    if s.taper {
        columns.push(col("Planned", 0.9, Align::Right));
        columns.push(col("Logged", 0.9, Align::Right));
        columns.push(col("Compared", 1.2, Align::Left));
    }
    if s.symptoms {
        columns.push(col("Symptom score", 0.9, Align::Right));
        columns.push(col("Days since step-down", 0.9, Align::Right));
    }
    if s.cravings {
        columns.push(col("Strongest craving", 0.95, Align::Right));
        columns.push(col("Cravings logged", 0.85, Align::Right));
    }
    if s.mood {
        columns.push(col("Mood", 0.7, Align::Right));
    }
    if s.sleep {
        columns.push(col("Sleep", 0.95, Align::Right));
    }
    if columns.len() > 1 {
        let rows: Vec<Vec<String>> = c
            .days
            .iter()
            .filter_map(|d| {
                let mut r = vec![d.day.format("%a %-d %b").to_string()];
                if s.taper {
                    r.push(mg(d.planned_mg));
                    r.push(mg(d.taken_mg));
                    r.push(d.compared.map(|c| c.cell()).unwrap_or_default());
                }
                if s.symptoms {
                    r.push(
                        d.symptom_total
                            .map(|t| format!("{t} of {}", crate::journey::symptoms::max_total()))
                            .unwrap_or_default(),
                    );
                    r.push(d.since_step_down.map(|n| n.to_string()).unwrap_or_default());
                }
                if s.cravings {
                    r.push(
                        d.craving_max
                            .map(|v| format!("{v} of 10"))
                            .unwrap_or_default(),
                    );
                    r.push(match d.cravings_logged {
                        0 => String::new(),
                        n => n.to_string(),
                    });
                }
                if s.mood {
                    r.push(one(d.mood_avg));
                }
                if s.sleep {
                    r.push(d.sleep_min.map(|m| hours(f64::from(m))).unwrap_or_default());
                }
                // A day with nothing entered in any chosen part is left out.
                r[1..].iter().any(|cell| !cell.is_empty()).then_some(r)
            })
            .collect();
        l.heading("Day by day");
        if rows.is_empty() {
            l.paragraph("Nothing was entered for these parts in this period.");
        }
        l.note(&format!("Mood is the day's average of 0 (very low) to 10 (very good). The symptom score adds the day's ratings of {} withdrawal symptoms (each 0–4). Sleep is the time asleep in the night that ended that morning. Days with nothing entered are left out.", crate::journey::Symptom::ALL.len()));
        if !rows.is_empty() {
            l.table(&columns, &rows);
        }
    }

    if s.symptoms {
        // Per symptom, the days it was strong: a clinician sees the pattern at a glance.
        let mut strong: Vec<(&str, Vec<NaiveDate>)> = vec![];
        for d in &c.days {
            for name in &d.strong_symptoms {
                match strong.iter_mut().find(|(n, _)| n == name) {
                    Some((_, days)) => days.push(d.day),
                    None => strong.push((name, vec![d.day])),
                }
            }
        }
        if !strong.is_empty() {
            l.subheading("Symptoms rated strong or severe (3 or 4 of 4)");
            for (name, days) in &strong {
                l.bullet(&format!(
                    "{}{}: {} ({} day{})",
                    name.get(..1).unwrap_or_default().to_uppercase(),
                    name.get(1..).unwrap_or_default(),
                    day_list(days),
                    days.len(),
                    if days.len() == 1 { "" } else { "s" }
                ));
            }
        }
    }

    if s.sleep {
        l.heading("Sleep diary by week");
        if c.weeks.is_empty() {
            l.paragraph("No sleep diary was kept in this period.");
        } else {
            let rows: Vec<Vec<String>> = c
                .weeks
                .iter()
                .map(|w| {
                    vec![
                        format!("{} – {}", short(w.from), short(w.to)),
                        w.nights.to_string(),
                        format!("{:.0} min", w.latency_min),
                        format!("{:.0} min", w.awake_min),
                        hours(w.total_min),
                        format!("{:.0} %", w.efficiency_pct),
                    ]
                })
                .collect();
            l.table(
                &[
                    col("Week", 1.3, Align::Left),
                    col("Nights", 0.6, Align::Right),
                    col("Time to fall asleep", 1.0, Align::Right),
                    col("Awake after falling asleep", 1.1, Align::Right),
                    col("Total sleep", 1.0, Align::Right),
                    col("Sleep efficiency", 0.9, Align::Right),
                ],
                &rows,
            );
            l.note("Means over the nights entered. Sleep efficiency is the time asleep as a share of the time in bed.");
        }
    }

    if s.cravings && !c.surfs.is_empty() {
        l.heading("Urge surfing");
        l.paragraph(&format!(
            "{} craving{} ridden out with the urge-surfing timer: on average from {:.1} to {:.1} of 10.",
            c.surfs.len(),
            if c.surfs.len() == 1 { " was" } else { "s were" },
            mean(c.surfs.iter().map(|u| f64::from(u.before))).unwrap_or(0.0),
            mean(c.surfs.iter().map(|u| f64::from(u.after))).unwrap_or(0.0),
        ));
        let rows: Vec<Vec<String>> = c
            .surfs
            .iter()
            .map(|u| {
                vec![
                    u.at.replace('T', " "),
                    format!("{} of 10", u.before),
                    format!("{} of 10", u.after),
                    u.minutes.map(|m| format!("{m} min")).unwrap_or_default(),
                ]
            })
            .collect();
        l.table(
            &[
                col("When", 1.4, Align::Left),
                col("Craving at the start", 1.0, Align::Right),
                col("At the end", 1.0, Align::Right),
                col("Timer", 0.8, Align::Right),
            ],
            &rows,
        );
    }

    if s.checkups {
        l.heading("Mood and anxiety check-ups (PHQ-9, GAD-7)");
        if c.checkups.is_empty() {
            l.paragraph("No check-up was taken in this period.");
        } else {
            let rows: Vec<Vec<String>> = c
                .checkups
                .iter()
                .map(|x| {
                    vec![
                        x.at.replace('T', " "),
                        x.name.clone(),
                        format!("{} of {}", x.total, x.max_score),
                        x.band.name.to_owned(),
                        ninth_answer(x).unwrap_or_default(),
                    ]
                })
                .collect();
            l.table(
                &[
                    col("Taken", 1.2, Align::Left),
                    col("Questionnaire", 1.2, Align::Left),
                    col("Score", 0.7, Align::Right),
                    col("Band", 1.1, Align::Left),
                    col("Note", 1.6, Align::Left),
                ],
                &rows,
            );
            l.note(crate::checkups::NOT_A_DIAGNOSIS);
        }
    }

    if !c.charts.is_empty() {
        l.heading("Charts");
        for chart in &c.charts {
            l.subheading(&chart.title);
            l.svg(&chart.svg)?;
            l.note(&chart.desc);
        }
    }

    if s.prompts {
        l.heading("Suggestions to reach out that the app showed");
        if c.prompts.is_empty() {
            l.paragraph("None in this period.");
        }
        for p in &c.prompts {
            let when = if p.first == p.last {
                format!("On {}", short(p.first))
            } else {
                format!(
                    "From {} to {} ({} days)",
                    short(p.first),
                    short(p.last),
                    p.days
                )
            };
            l.bullet(&format!(
                "{when}: {} Why: {}",
                p.prompt.message, p.prompt.basis
            ));
        }
    }

    if s.plan {
        l.heading("My plan for hard moments");
        if c.plan.is_empty() {
            l.paragraph("Not written yet.");
        }
        for section in &c.plan {
            l.subheading(&section.title);
            l.paragraph(&section.text);
        }
    }

    if s.notes {
        l.heading("My notes");
        if c.notes.is_empty() {
            l.paragraph("No notes in this period.");
        }
        for (day, text) in &c.notes {
            l.subheading(&day.format("%a %-d %b").to_string());
            l.paragraph(text);
        }
    }

    let footer = format!(
        "{} to {} · made {} · {FOOTER_NOTE}",
        long(c.from),
        long(c.to),
        long(c.made)
    );
    l.finish(
        &format!(
            "Summary for my clinician, {} to {}",
            long(c.from),
            long(c.to)
        ),
        &footer,
    )
}

/// The report's figures in long form (one figure a row: date, measure, value, unit, detail),
/// which any spreadsheet or clinic system reads. Notes are never in it.
fn figures_csv(c: &Content) -> Result<String> {
    let mut w = csv::Writer::from_writer(vec![]);
    let csv_err = |e: csv::Error| Error::Chart(format!("CSV: {e}"));
    w.write_record(["date", "measure", "value", "unit", "detail"])
        .map_err(csv_err)?;
    let mut put = |date: String, measure: &str, value: String, unit: &str, detail: &str| {
        w.write_record([date.as_str(), measure, value.as_str(), unit, detail])
            .map_err(csv_err)
    };
    let s = c.sections;
    for d in &c.days {
        let day = d.day.to_string();
        if s.taper {
            if let Some(p) = d.planned_mg {
                put(day.clone(), "taper_planned", p.to_string(), "mg", "")?;
                put(
                    day.clone(),
                    "taper_logged",
                    d.taken_mg.map(|v| v.to_string()).unwrap_or_default(),
                    "mg",
                    d.compared.map(|c| c.words()).unwrap_or(""),
                )?;
            }
        }
        if s.symptoms {
            if let Some(t) = d.symptom_total {
                put(
                    day.clone(),
                    "withdrawal_score",
                    t.to_string(),
                    "points",
                    &format!("of {}", crate::journey::symptoms::max_total()),
                )?;
            }
            if let Some(n) = d.since_step_down {
                put(
                    day.clone(),
                    "days_since_step_down",
                    n.to_string(),
                    "days",
                    "",
                )?;
            }
        }
        if s.cravings {
            if let Some(m) = d.craving_max {
                put(day.clone(), "craving_strongest", m.to_string(), "0-10", "")?;
            }
            if d.cravings_logged > 0 {
                put(
                    day.clone(),
                    "cravings_logged",
                    d.cravings_logged.to_string(),
                    "count",
                    "",
                )?;
            }
        }
        if s.mood {
            if let Some(m) = d.mood_avg {
                put(day.clone(), "mood_mean", format!("{m:.1}"), "0-10", "")?;
            }
        }
    }
    if s.sleep {
        for wk in &c.weeks {
            let (day, detail) = (
                wk.from.to_string(),
                format!("week to {}, {} nights", wk.to, wk.nights),
            );
            put(
                day.clone(),
                "sleep_onset_latency",
                format!("{:.0}", wk.latency_min),
                "min",
                &detail,
            )?;
            put(
                day.clone(),
                "wake_after_sleep_onset",
                format!("{:.0}", wk.awake_min),
                "min",
                &detail,
            )?;
            put(
                day.clone(),
                "total_sleep_time",
                format!("{:.0}", wk.total_min),
                "min",
                &detail,
            )?;
            put(
                day,
                "sleep_efficiency",
                format!("{:.1}", wk.efficiency_pct),
                "%",
                &detail,
            )?;
        }
    }
    if s.cravings {
        for u in &c.surfs {
            put(
                u.at.replace('T', " "),
                "urge_surf_end",
                u.after.to_string(),
                "0-10",
                &format!("from {}", u.before),
            )?;
        }
    }
    if s.checkups {
        for x in &c.checkups {
            let measure = match x.instrument {
                crate::checkups::Instrument::Phq9 => "phq9_total",
                crate::checkups::Instrument::Gad7 => "gad7_total",
                crate::checkups::Instrument::Phq2 => "phq2_total",
                crate::checkups::Instrument::Gad2 => "gad2_total",
            };
            put(
                x.at.replace('T', " "),
                measure,
                x.total.to_string(),
                "points",
                x.band.name,
            )?;
            if let Some(a) = x.answers.get(8).filter(|_| measure == "phq9_total") {
                put(
                    x.at.replace('T', " "),
                    "phq9_item9",
                    a.to_string(),
                    "0-3",
                    "",
                )?;
            }
        }
    }
    if s.prompts {
        for p in &c.prompts {
            put(
                p.first.to_string(),
                "help_prompt",
                p.days.to_string(),
                "days shown",
                &p.prompt.id,
            )?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::Chart(format!("CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::Chart(format!("CSV: {e}")))
}
