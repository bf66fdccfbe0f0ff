//! The trends screen: the craving, sleep, mood and check-up charts over a range ending today,
//! their figures day by day for the tables, the insights, and one chart as a file.

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use crate::charts::{self, ChartView, Theme};
use crate::checkups::{self, CheckupView};
use crate::error::{Error, Result};
use crate::export::{ChartKind, ExportFormat};
use crate::stats::insights::{self, Insight};
use crate::stats::{self, CravingDay, MoodDay, Range, Series, SleepNight};

/// The trends screen: the charts and the insights. The same figures day by day come apart
/// ([`TrendDays`]), when a table is opened: ten years of them are most of the bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Dashboard {
    pub range: Range,
    /// First and last day shown, "YYYY-MM-DD".
    pub from: String,
    pub to: String,
    pub craving: ChartView,
    pub sleep: ChartView,
    pub mood: ChartView,
    /// PHQ-9 and GAD-7 scores over the range, and the check-ups themselves for its table.
    pub checkups: ChartView,
    pub checkup_rows: Vec<CheckupView>,
    pub insights: Vec<Insight>,
}

/// The figures of the trend charts day by day, for their tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TrendDays {
    pub range: Range,
    pub from: String,
    pub to: String,
    pub craving_days: Vec<CravingDay>,
    pub sleep_nights: Vec<SleepNight>,
    pub mood_days: Vec<MoodDay>,
}

/// The series of `range` ending `today` (`.1`), and a longer one for the insights (`.0`),
/// which compare this week with last week whatever range is shown.
fn series(conn: &Connection, range: Range, today: NaiveDate) -> Result<(Series, Series)> {
    let from = match range.days() {
        Some(n) => today - Duration::days(n - 1),
        None => stats::first_day(conn)?.unwrap_or(today).min(today),
    };
    let all = stats::load(conn, from.min(today - Duration::days(13)), today)?;
    let shown = all.since(from);
    Ok((all, shown))
}

/// Charts, tables and insights for `range`, ending `today`, drawn for `theme`.
pub fn dashboard(
    conn: &Connection,
    range: Range,
    today: NaiveDate,
    theme: Theme,
) -> Result<Dashboard> {
    let (all, shown) = series(conn, range, today)?;
    let (checkups, checkup_rows) = checkups::chart_between(conn, shown.from, shown.to, theme)?;
    Ok(Dashboard {
        checkups,
        checkup_rows,
        range,
        from: shown.from.to_string(),
        to: shown.to.to_string(),
        craving: charts::craving(&shown, theme)?,
        sleep: charts::sleep(&shown, theme)?,
        mood: charts::mood(&shown, theme)?,
        insights: insights::all(&all),
    })
}

/// The figures of [`dashboard`]'s charts for `range`, day by day.
pub fn days(conn: &Connection, range: Range, today: NaiveDate) -> Result<TrendDays> {
    let (_, shown) = series(conn, range, today)?;
    Ok(TrendDays {
        range,
        from: shown.from.to_string(),
        to: shown.to.to_string(),
        craving_days: shown.craving,
        sleep_nights: shown.sleep,
        mood_days: shown.mood,
    })
}

/// The suggested file name and the SVG of one chart, as the trends screen shows it.
pub fn chart_svg(
    conn: &Connection,
    (kind, range, theme): (ChartKind, Range, Theme),
    today: NaiveDate,
) -> Result<(String, String)> {
    let (_, shown) = series(conn, range, today)?;
    let chart = match kind {
        ChartKind::Craving => charts::craving(&shown, theme)?,
        ChartKind::Sleep => charts::sleep(&shown, theme)?,
        ChartKind::Mood => charts::mood(&shown, theme)?,
        ChartKind::Checkups => checkups::chart_between(conn, shown.from, shown.to, theme)?.0,
    };
    let svg = chart.svg.ok_or_else(|| {
        Error::invalid(
            "chart",
            format!("{} There is nothing to save yet.", chart.desc),
        )
    })?;
    Ok((
        format!("{}-{}-to-{}", kind.file_stem(), shown.from, shown.to),
        svg,
    ))
}

/// One chart as a file: its suggested name and its bytes, an SVG or a PNG at twice its size,
/// both drawn by the core, so every export is made the same way.
pub fn chart_file(
    conn: &Connection,
    chart: (ChartKind, Range, Theme),
    format: ExportFormat,
    today: NaiveDate,
) -> Result<(String, Vec<u8>)> {
    let (stem, svg) = chart_svg(conn, chart, today)?;
    let bytes = match format {
        ExportFormat::Svg => svg.into_bytes(),
        ExportFormat::Png => charts::render::png(&svg, 2.0)?,
    };
    Ok((format!("{stem}.{}", format.extension()), bytes))
}
