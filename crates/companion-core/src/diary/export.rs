//! Exporting the whole diary (or a range of days) as one JSON document or a zip of CSV files,
//! streamed row by row to the file, so ten years take little memory. Either may be protected
//! with a password: then it is a zip whose files are encrypted with AES-256 (WinZip's AE-2,
//! which 7-Zip, Keka and WinZip open with the password).

use std::io::{Seek, Write};

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::document::{self, Kind, Rule, KINDS};
use crate::error::{Error, Result};

/// Which file an export makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum DiaryFormat {
    Json,
    CsvZip,
}

impl DiaryFormat {
    pub fn extension(self) -> &'static str {
        match self {
            DiaryFormat::Json => "json",
            DiaryFormat::CsvZip => "zip",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            DiaryFormat::Json => "JSON document",
            DiaryFormat::CsvZip => "Zip of CSV files",
        }
    }
}

/// The days an export covers; `None` on either side means from the first or to the last.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DayRange {
    pub from: Option<String>,
    pub to: Option<String>,
}

impl DayRange {
    /// Checked days, or `None` for everything.
    pub(crate) fn days(&self) -> Result<Option<(String, String)>> {
        if self.from.is_none() && self.to.is_none() {
            return Ok(None);
        }
        let parse = |field: &'static str, raw: &Option<String>, default: &str| -> Result<String> {
            match raw.as_deref().filter(|s| !s.is_empty()) {
                None => Ok(default.to_owned()),
                Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map(|d| d.to_string())
                    .map_err(|_| Error::invalid(field, "Please give a day like 2026-01-31.")),
            }
        };
        let from = parse("from", &self.from, "0000-01-01")?;
        let to = parse("to", &self.to, "9999-12-31")?;
        if from > to {
            return Err(Error::invalid(
                "to",
                "The last day comes before the first. Nothing was saved.",
            ));
        }
        Ok(Some((from, to)))
    }
}

/// Calls `row` with every exported row of `kind`, oldest first.
fn each_row(
    conn: &Connection,
    kind: &Kind,
    range: Option<&(String, String)>,
    mut row: impl FnMut(&[SqlValue]) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&document::select_sql(kind, range.is_some(), None))?;
    let n = kind.fields.len();
    let mut rows = match (range, kind.in_range) {
        (Some((from, to)), Some(_)) => stmt.query([from, to])?,
        _ => stmt.query([])?,
    };
    let mut values = Vec::with_capacity(n);
    while let Some(r) = rows.next()? {
        values.clear();
        for i in 0..n {
            values.push(r.get::<_, SqlValue>(i)?);
        }
        row(&values)?;
    }
    Ok(())
}

/// Writes the diary as one JSON document: a header, then one line per entry.
pub(crate) fn json(
    conn: &Connection,
    range: &DayRange,
    exported_at: &str,
    zone: &str,
    out: &mut impl Write,
) -> Result<()> {
    let days = range.days()?;
    let head = serde_json::json!({
        "format": document::FORMAT,
        "version": document::VERSION,
        "exportedAt": exported_at,
        "timeZone": zone,
        "from": days.as_ref().map(|d| &d.0).filter(|d| *d != "0000-01-01"),
        "to": days.as_ref().map(|d| &d.1).filter(|d| *d != "9999-12-31"),
    });
    let head = serde_json::to_string(&head).map_err(|e| Error::Io(e.into()))?;
    // The header's closing brace gives way to the entry lists.
    out.write_all(&head.as_bytes()[..head.len() - 1])?;
    for kind in KINDS {
        write!(out, ",\n\"{}\": [", kind.key)?;
        let mut first = true;
        each_row(conn, kind, days.as_ref(), |row| {
            out.write_all(if first { b"\n  " } else { b",\n  " })?;
            first = false;
            serde_json::to_writer(&mut *out, &document::row_to_object(kind, row))
                .map_err(|e| Error::Io(e.into()))
        })?;
        out.write_all(if first { b"]" } else { b"\n]" })?;
    }
    out.write_all(b"\n}\n")?;
    Ok(())
}

fn zipped(e: zip::result::ZipError) -> Error {
    Error::Io(std::io::Error::other(e))
}

/// How each file goes into a zip: stored (a diary is small), private, and encrypted with
/// `password` when there is one.
fn zip_options(password: Option<&str>) -> zip::write::FileOptions<'_, ()> {
    let options = zip::write::FileOptions::<'_, ()>::default()
        .compression_method(zip::CompressionMethod::Stored)
        .unix_permissions(0o600);
    match password {
        Some(p) => options.with_aes_encryption(zip::AesMode::Aes256, p),
        None => options,
    }
}

/// Writes the JSON document of [`json`] as the one file `inner` of a zip encrypted with
/// `password`.
pub(crate) fn json_protected(
    conn: &Connection,
    range: &DayRange,
    exported_at: &str,
    zone: &str,
    out: &mut (impl Write + Seek),
    inner: &str,
    password: &str,
) -> Result<()> {
    let mut zip = zip::ZipWriter::new(out);
    zip.start_file(inner, zip_options(Some(password)))
        .map_err(zipped)?;
    json(conn, range, exported_at, zone, &mut zip)?;
    zip.finish().map_err(zipped)?;
    Ok(())
}

/// Writes the diary as a zip holding one CSV file per kind, each with a header row, UTF-8
/// with a byte-order mark so spreadsheets read accents right; each file encrypted with
/// `password` when there is one.
pub(crate) fn csv_zip(
    conn: &Connection,
    range: &DayRange,
    out: &mut (impl Write + Seek),
    password: Option<&str>,
) -> Result<()> {
    let days = range.days()?;
    let mut zip = zip::ZipWriter::new(out);
    let options = zip_options(password);
    for kind in KINDS {
        zip.start_file(format!("{}.csv", kind.key), options)
            .map_err(zipped)?;
        zip.write_all("\u{feff}".as_bytes())?;
        let header: Vec<&str> = kind.fields.iter().map(|f| f.key).collect();
        write_csv_line(&mut zip, header.iter().copied())?;
        each_row(conn, kind, days.as_ref(), |row| {
            let zone = document::zone_of(row, kind);
            let cells: Vec<String> = kind
                .fields
                .iter()
                .zip(row)
                .map(|(f, v)| match document::to_json(f.rule, v, zone) {
                    serde_json::Value::Null => String::new(),
                    serde_json::Value::String(s) if matches!(f.rule, Rule::Text(_)) => {
                        spreadsheet_safe(s)
                    }
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                })
                .collect();
            write_csv_line(&mut zip, cells.iter().map(String::as_str))
        })?;
    }
    zip.finish().map_err(zipped)?;
    Ok(())
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is shown as text.
fn spreadsheet_safe(s: String) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

/// One CSV line (RFC 4180): quoted where needed, CRLF at the end.
fn write_csv_line<'a>(out: &mut impl Write, cells: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut first = true;
    for cell in cells {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        if cell.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", cell.replace('"', "\"\""))?;
        } else {
            out.write_all(cell.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")?;
    Ok(())
}
