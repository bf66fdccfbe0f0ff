//! The report a person takes to their clinician: a PDF of a period they choose, with the
//! sections they choose (notes are left out unless they ask), and a CSV of the same figures a
//! clinic can import. Also the safety plan on one printable page. Made entirely in the core:
//! `content` gathers, `compose` puts each section into words, `pdf` lays them out, `figures`
//! writes the CSV and `plan` the printed safety plan; this module holds what crosses IPC and
//! the use cases.

mod compose;
mod content;
mod figures;
pub(crate) mod pdf;
mod plan;

pub(crate) use plan::plan_pdf;

use std::path::Path;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::parse_day;
use crate::store::settings;
use compose::compose;
use figures::figures_csv;

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

/// The form's defaults on `today`: since the last report, or the last 14 days.
pub(crate) fn options(conn: &rusqlite::Connection, today: NaiveDate) -> Result<ReportOptions> {
    let last = settings::get(conn, LAST_REPORT)?.parse::<NaiveDate>().ok();
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

/// The period of `input`, checked against `today`.
fn period(input: &ReportInput, today: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
    let from = parse_day("from", &input.from)?;
    let to = parse_day("to", &input.to)?;
    if to > today {
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

/// The report for `input` at `m`, from the diary in `conn`, without saving it.
pub(crate) fn make(
    conn: &rusqlite::Connection,
    m: &crate::clock::Moment,
    input: &ReportInput,
) -> Result<Report> {
    let (from, to) = period(input, m.today())?;
    let content = content::report_content(conn, m, from, to, input.sections)?;
    let (pdf, pages) = compose(&content)?;
    Ok(Report {
        pdf,
        csv: figures_csv(&content)?,
        pages,
        to,
    })
}

/// Writes `report` to `path` (and its CSV beside it, when `csv`), each whole or not at all.
pub(crate) fn write_files(report: &Report, csv: bool, path: &Path) -> Result<ReportSaved> {
    crate::export::write_atomically(path, &report.pdf)?;
    let csv_path = if csv {
        let csv = path.with_extension("csv");
        crate::export::write_atomically(&csv, report.csv.as_bytes())?;
        Some(csv.display().to_string())
    } else {
        None
    };
    Ok(ReportSaved {
        path: path.display().to_string(),
        csv_path,
        pages: report.pages as u32,
    })
}

/// Remembers, in `tx`, the end of the period last reported, so the next one starts after it.
pub(crate) fn remember(tx: &rusqlite::Connection, report: &Report) -> Result<()> {
    settings::put(tx, LAST_REPORT, &report.to.to_string())
}

/// The suggested file name of a report for `input`.
pub fn file_name(input: &ReportInput) -> String {
    format!("report-for-my-clinician-{}-to-{}.pdf", input.from, input.to)
}
