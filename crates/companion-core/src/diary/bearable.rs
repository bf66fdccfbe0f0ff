//! Importing a Bearable CSV export: one row per item, its columns found by their header names
//! (the set changes between versions). Mood rows become check-ins (with no craving: Bearable
//! does not ask), symptoms that match the app's sixteen become the day's symptom check, and
//! hours of sleep and notes join the day's first check-in note. Everything else is skipped and
//! reported by category and count.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::Serialize;

use super::foreign::{content_uuid, day, instant, parse_time, Imported, Table};
use super::import::refused;
use crate::error::Result;
use crate::journey::Symptom;

/// A category of the file the app does not import, and how many rows it had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Skipped {
    pub category: String,
    pub rows: u32,
    /// Why, in a few words.
    pub why: String,
}

/// What a Bearable file adds (or would add).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BearableCounts {
    /// Mood ratings, each a new check-in.
    pub checkins: u32,
    /// Days with symptoms the app tracks, each a new symptom check.
    pub symptom_days: u32,
    /// Nights of sleep and notes added to a check-in's note.
    pub noted: u32,
    /// Entries the diary already had (imported before).
    pub already: u32,
    /// How moods were read: "1–5, spread over 0–10" or "0–10".
    pub mood_scale: String,
    pub skipped: Vec<Skipped>,
}

struct Row {
    line: u64,
    day: NaiveDate,
    time: NaiveTime,
    category: String,
    amount: String,
    detail: String,
    notes: String,
}

/// Reads the rows of a Bearable export; a row that cannot be read refuses the file, named.
fn parse(bytes: &[u8]) -> Result<Vec<Row>> {
    let table = Table::read(bytes)?;
    let column = |name: &str| table.column(name);
    let (Some(date), Some(category)) = (column("date"), column("category")) else {
        return Err(refused(
            "it is not a Bearable export: the first line should name the columns date and category.",
        ));
    };
    let [time, amount, detail, notes] =
        ["time of day", "rating/amount", "detail", "notes"].map(column);
    let mut out = vec![];
    for (line, record) in &table.rows {
        let line = *line;
        let field = |c: Option<usize>| {
            c.and_then(|i| record.get(i))
                .unwrap_or("")
                .trim()
                .to_owned()
        };
        let raw_day = field(Some(date));
        let day = day(&raw_day).ok_or_else(|| {
            refused(format!(
                "line {line}: \"{}\" is not a day like 2024-03-05.",
                super::document::short(&raw_day)
            ))
        })?;
        let text = [
            field(Some(category)),
            field(amount),
            field(detail),
            field(notes),
        ];
        if text.iter().any(|t| {
            t.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        }) {
            return Err(refused(format!(
                "line {line}: it holds control characters (such as NUL) that text cannot hold."
            )));
        }
        let [category, amount, detail, notes] = text;
        out.push(Row {
            line,
            day,
            time: time_of_day(&field(time)),
            category,
            amount,
            detail,
            notes,
        });
    }
    Ok(out)
}

/// Bearable names parts of the day rather than times; a time where it gives one.
fn time_of_day(raw: &str) -> NaiveTime {
    let hour = match raw.trim().to_lowercase().as_str() {
        "am" | "morning" => 9,
        "mid" | "midday" | "afternoon" => 13,
        "pm" | "evening" => 18,
        "late" | "night" | "late night" => 22,
        other => return parse_time(other).unwrap_or(NaiveTime::MIN + chrono::Duration::hours(12)),
    };
    NaiveTime::MIN + chrono::Duration::hours(hour)
}

/// The app's symptom a Bearable symptom names, if any.
fn symptom_of(detail: &str) -> Option<Symptom> {
    // "Anxiety (mild)" and "Anxiety - 2" name the symptom first.
    let name = detail
        .split(['(', '-', ':'])
        .next()
        .unwrap_or("")
        .trim()
        .to_lowercase();
    let named = |s: Symptom| {
        let extra: &[&str] = match s {
            Symptom::Anxiety => &["anxiety", "anxious", "worry"],
            Symptom::Insomnia => &["insomnia", "trouble sleeping"],
            Symptom::MuscleAches => &["muscle aches", "muscle pain", "body aches"],
            Symptom::LowMood => &["low mood", "depression", "sadness"],
            Symptom::StomachUpset => &["stomach upset", "stomach ache", "stomach cramps", "cramps"],
            Symptom::RunnyNose => &["runny nose", "watery eyes"],
            Symptom::Sweating => &["sweating", "sweats", "night sweats"],
            Symptom::Diarrhea => &["diarrhea", "diarrhoea"],
            _ => &[],
        };
        name == s.key().replace('_', " ") || name == s.label() || extra.contains(&name.as_str())
    };
    Symptom::ALL.iter().copied().find(|s| named(*s))
}

/// A Bearable severity or rating as a number.
fn number(raw: &str) -> Option<f64> {
    raw.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// Adds what the file holds (in `conn`, a transaction the caller commits or rolls back).
pub(crate) fn import(
    conn: &Connection,
    bytes: &[u8],
    zone: Tz,
    now: i64,
) -> Result<BearableCounts> {
    let rows = parse(bytes)?;
    let mut counts = BearableCounts::default();
    let is = |r: &Row, c: &str| r.category.eq_ignore_ascii_case(c);
    // Moods: 1–5 in most versions, 0–10 in some; the file's largest tells which.
    let moods: Vec<&Row> = rows.iter().filter(|r| is(r, "mood")).collect();
    let mut largest = 0.0_f64;
    for r in &moods {
        let v = number(&r.amount)
            .filter(|v| (0.0..=10.0).contains(v))
            .ok_or_else(|| {
                refused(format!(
                    "line {}: the mood \"{}\" is not a rating.",
                    r.line,
                    super::document::short(&r.amount)
                ))
            })?;
        largest = largest.max(v);
    }
    let five = largest <= 5.0;
    counts.mood_scale = if five {
        "1–5, spread over 0–10"
    } else {
        "0–10"
    }
    .into();
    // The first check-in of each day, for the sleep and notes that belong to it.
    let mut first_of_day: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for r in &moods {
        let v = number(&r.amount).unwrap_or(0.0);
        let mood = if five {
            ((v - 1.0).max(0.0) * 2.5).round()
        } else {
            v.round()
        };
        let note: String = [r.detail.as_str(), r.notes.as_str()]
            .iter()
            .filter(|t| !t.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        let uuid = content_uuid(&[
            "bearable",
            "mood",
            &r.day.to_string(),
            &r.time.to_string(),
            &r.amount,
            &note,
        ]);
        let imported = Imported {
            day: r.day,
            time: r.time,
            mood: mood as i64,
            note: &note,
            uuid: &uuid,
        };
        match imported.insert(conn, zone, now) {
            Ok(true) => {
                counts.checkins += 1;
                let id = conn.last_insert_rowid();
                first_of_day.entry(r.day).or_insert(id);
            }
            Ok(false) => counts.already += 1,
            Err(e) => {
                return Err(refused(format!(
                    "line {}: it breaks a rule of the diary ({e}).",
                    r.line
                )))
            }
        }
    }
    let mut skipped: BTreeMap<String, (u32, &str)> = BTreeMap::new();
    let mut skip = |category: &str, why: &'static str| {
        skipped.entry(category.to_owned()).or_insert((0, why)).0 += 1;
    };
    // Symptoms by day: the strongest rating of each of the app's symptoms.
    let mut symptom_days: BTreeMap<NaiveDate, (NaiveTime, BTreeMap<&'static str, i64>)> =
        BTreeMap::new();
    for r in rows
        .iter()
        .filter(|r| is(r, "symptom") || is(r, "symptoms"))
    {
        let (Some(symptom), Some(v)) = (symptom_of(&r.detail), number(&r.amount)) else {
            skip(
                &format!("Symptom: {}", super::document::short(&r.detail)),
                "not one of the app's sixteen symptoms",
            );
            continue;
        };
        let day = symptom_days
            .entry(r.day)
            .or_insert((r.time, BTreeMap::new()));
        let score = v.round().clamp(0.0, 4.0) as i64;
        let e = day.1.entry(symptom.key()).or_insert(0);
        *e = (*e).max(score);
    }
    for (day, (time, scores)) in symptom_days {
        if crate::journey::store::has_symptom_check(conn, &day.to_string())? {
            counts.already += 1;
            continue;
        }
        let at = instant(zone, day.and_time(time), now);
        let uuid = content_uuid(&["bearable", "symptoms", &day.to_string()]);
        crate::journey::store::add_imported_symptoms(
            conn,
            &day.to_string(),
            at,
            zone.name(),
            now,
            &uuid,
            &scores,
        )?;
        counts.symptom_days += 1;
    }
    // Sleep and notes join the day's first new check-in.
    for r in &rows {
        let words = if is(r, "sleep") {
            match number(&r.amount) {
                Some(h) if (0.0..=24.0).contains(&h) => format!("Slept {h} h (from Bearable)"),
                _ => {
                    skip("Sleep", "the hours could not be read");
                    continue;
                }
            }
        } else if is(r, "notes") || is(r, "note") {
            [r.detail.as_str(), r.notes.as_str()]
                .iter()
                .filter(|t| !t.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            if !(is(r, "mood") || is(r, "symptom") || is(r, "symptoms")) {
                skip(&r.category, "not something the app keeps");
            }
            continue;
        };
        let Some(id) = first_of_day.get(&r.day) else {
            skip(&r.category, "no new mood entry that day to add it to");
            continue;
        };
        if crate::store::checkins::append_to_note(conn, *id, &words)? {
            counts.noted += 1;
        } else {
            skip(&r.category, "the day's note is full");
        }
    }
    counts.skipped = skipped
        .into_iter()
        .map(|(category, (rows, why))| Skipped {
            category,
            rows,
            why: why.to_owned(),
        })
        .collect();
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symptoms_are_matched_by_name_and_others_are_not() {
        assert_eq!(symptom_of("Anxiety"), Some(Symptom::Anxiety));
        assert_eq!(symptom_of("anxiety (mild)"), Some(Symptom::Anxiety));
        assert_eq!(symptom_of("Muscle pain"), Some(Symptom::MuscleAches));
        assert_eq!(symptom_of("Runny nose"), Some(Symptom::RunnyNose));
        assert_eq!(symptom_of("Diarrhoea"), Some(Symptom::Diarrhea));
        assert_eq!(symptom_of("Headache"), None);
        assert_eq!(symptom_of(""), None);
    }

    #[test]
    fn parts_of_the_day_become_times() {
        assert_eq!(
            time_of_day("am"),
            NaiveTime::from_hms_opt(9, 0, 0).expect("t")
        );
        assert_eq!(
            time_of_day("PM"),
            NaiveTime::from_hms_opt(18, 0, 0).expect("t")
        );
        assert_eq!(
            time_of_day("21:30"),
            NaiveTime::from_hms_opt(21, 30, 0).expect("t")
        );
        assert_eq!(
            time_of_day(""),
            NaiveTime::from_hms_opt(12, 0, 0).expect("t")
        );
    }
}
