//! Importing a Daylio CSV export as check-ins: mood from the person's own labels (each given a
//! 0–10 value in a mapping step), the note with its title, activities and scales, and no
//! craving (Daylio does not ask), so the charts show no made-up craving.
//!
//! What Daylio writes: a header naming its columns (today
//! `full_date,date,weekday,time,mood,activities,scales,note_title,note`; older exports lack
//! `scales` or `note_title`), UTF-8 with a byte-order mark, every field quoted, `""` inside
//! notes, line breaks as `<br>` and HTML entities possible, several entries on a day, newest
//! first. `date`, `weekday` and the mood names are in the phone's language, so only
//! `full_date` is read for the day; times are `8:30 pm` or `14:58`.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::foreign::{content_uuid, day, parse_time, Imported, Table};
use super::import::refused;
use crate::error::Result;

/// One Daylio entry, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    /// The line of the file it starts on, for messages.
    pub line: u64,
    pub day: NaiveDate,
    pub time: NaiveTime,
    pub mood: String,
    pub note: String,
}

/// A mood label of the file, how often it appears, and the 0–10 value it is given.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MoodLabel {
    pub label: String,
    pub count: u32,
    /// The suggested value for a label Daylio ships with (in English and common languages);
    /// `None` for the person's own labels, which they choose.
    pub value: Option<u8>,
}

/// What a Daylio file holds and would add.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DaylioPreview {
    pub entries: u32,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// Every mood label, most used first.
    pub labels: Vec<MoodLabel>,
    /// Entries not in the diary yet; the rest were imported before.
    pub new: u32,
}

/// A label's value as the person set it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LabelValue {
    pub label: String,
    pub value: u8,
}

/// Daylio's five standard moods, best first, as its apps name them: English, German, Spanish,
/// French, Italian, Portuguese, Dutch, Polish. They become 9, 7, 5, 3, 1.
const STANDARD: [&[&str]; 5] = [
    &[
        "rad",
        "super",
        "genial",
        "radieux",
        "fantastico",
        "radiante",
        "geweldig",
        "świetnie",
    ],
    &["good", "gut", "bien", "bene", "bem", "goed", "dobrze"],
    &[
        "meh",
        "ok",
        "regular",
        "bof",
        "così così",
        "mais ou menos",
        "gaat wel",
        "tak sobie",
    ],
    &["bad", "schlecht", "mal", "male", "slecht", "źle"],
    &[
        "awful",
        "lausig",
        "fatal",
        "horrible",
        "pessimo",
        "horrível",
        "vreselijk",
        "okropnie",
    ],
];

/// The suggested value of a standard label.
pub(crate) fn standard_value(label: &str) -> Option<u8> {
    let l = label.trim().to_lowercase();
    STANDARD
        .iter()
        .position(|names| names.contains(&l.as_str()))
        .and_then(|i| u8::try_from(9 - 2 * i).ok())
}

/// Reads a Daylio export; any line that cannot be read refuses the whole file, named.
pub(crate) fn parse(bytes: &[u8]) -> Result<Vec<Entry>> {
    let table = Table::read(bytes)?;
    let column = |name: &str| table.column(name);
    let (Some(full_date), Some(time), Some(mood)) =
        (column("full_date"), column("time"), column("mood"))
    else {
        return Err(refused(
            "it is not a Daylio export: the first line should name the columns full_date, time and mood.",
        ));
    };
    let optional = ["note_title", "note", "activities", "scales"].map(column);
    let mut out = vec![];
    for (line, record) in &table.rows {
        let line = *line;
        let at = |why: String| refused(format!("line {line}: {why}"));
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let day = day(field(full_date)).ok_or_else(|| {
            at(format!(
                "\"{}\" is not a day like 2024-03-05.",
                super::document::short(field(full_date))
            ))
        })?;
        let time = parse_time(field(time)).ok_or_else(|| {
            at(format!(
                "\"{}\" is not a time like 8:30 pm or 14:58.",
                super::document::short(field(time))
            ))
        })?;
        let label = field(mood);
        if label.is_empty() || label.chars().count() > 60 || label.chars().any(char::is_control) {
            return Err(at("the mood is missing or is not a name of a mood.".into()));
        }
        let [title, body, activities, scales] =
            optional.map(|c| c.map(field).map(from_html).unwrap_or_default());
        let mut parts = vec![];
        for part in [title, body] {
            if !part.trim().is_empty() {
                parts.push(part.trim().to_owned());
            }
        }
        let activities: Vec<&str> = activities
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect();
        if !activities.is_empty() {
            parts.push(format!("Activities: {}", activities.join(", ")));
        }
        let scales: Vec<&str> = scales
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect();
        if !scales.is_empty() {
            parts.push(format!("Scales: {}", scales.join("; ")));
        }
        let note = parts.join("\n");
        if note.chars().count() > crate::model::checkin::NOTE_MAX_CHARS {
            return Err(at(format!(
                "the note is longer than the {} characters a check-in can hold.",
                crate::model::checkin::NOTE_MAX_CHARS
            )));
        }
        if note
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        {
            return Err(at(
                "the note holds control characters (such as NUL) that text cannot hold.".into(),
            ));
        }
        out.push(Entry {
            line,
            day,
            time,
            mood: label.to_owned(),
            note,
        });
    }
    Ok(out)
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary: an
/// entity is looked for in the first bytes, and a damaged file may put any character there.
fn char_floor(s: &str, max: usize) -> usize {
    let mut cut = s.len().min(max);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

/// Daylio's notes as plain text: `<br>` as a line break, entities as their characters.
fn from_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let lower = rest.get(..6).unwrap_or(rest).to_lowercase();
        if rest.starts_with('<') {
            if let Some(len) = ["<br />", "<br/>", "<br>"]
                .iter()
                .find(|t| lower.starts_with(**t))
                .map(|t| t.len())
            {
                out.push('\n');
                rest = &rest[len..];
                continue;
            }
        } else if let Some(end) = rest[..char_floor(rest, 12)].find(';') {
            let name = &rest[1..end];
            let decoded = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            if let Some(c) = decoded {
                out.push(c);
                rest = &rest[end + 1..];
                continue;
            }
        }
        out.push(rest.chars().next().unwrap_or(' '));
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

/// The labels of `entries`, most used first, with their suggested values.
pub(crate) fn labels(entries: &[Entry]) -> Vec<MoodLabel> {
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for e in entries {
        *counts.entry(e.mood.as_str()).or_default() += 1;
    }
    let mut out: Vec<MoodLabel> = counts
        .into_iter()
        .map(|(label, count)| MoodLabel {
            label: label.to_owned(),
            count,
            value: standard_value(label),
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    out
}

/// A Daylio entry's identifier, from its day, time, mood and note.
fn uuid_of(e: &Entry) -> String {
    content_uuid(&[
        "daylio",
        &e.day.to_string(),
        &e.time.to_string(),
        &e.mood,
        &e.note,
    ])
}

/// Adds the entries as check-ins (in `conn`, a transaction the caller commits or rolls back),
/// each label valued by `values`; returns how many were new.
pub(crate) fn import(
    conn: &Connection,
    entries: &[Entry],
    values: &[LabelValue],
    zone: Tz,
    now: i64,
) -> Result<u32> {
    let mut new = 0;
    for e in entries {
        let value = values
            .iter()
            .find(|v| v.label == e.mood)
            .map(|v| v.value)
            .ok_or_else(|| {
                crate::error::Error::invalid(
                    "labels",
                    format!(
                        "Please choose a value for the mood \"{}\". Nothing was changed.",
                        e.mood
                    ),
                )
            })?;
        if value > 10 {
            return Err(crate::error::Error::invalid(
                "labels",
                format!(
                    "The mood \"{}\" needs a value from 0 to 10. Nothing was changed.",
                    e.mood
                ),
            ));
        }
        let inserted = Imported {
            day: e.day,
            time: e.time,
            mood: i64::from(value),
            note: &e.note,
            uuid: &uuid_of(e),
        }
        .insert(conn, zone, now);
        match inserted {
            Ok(true) => new += 1,
            Ok(false) => {}
            Err(err) => {
                return Err(refused(format!(
                    "line {}: it breaks a rule of the diary ({err}).",
                    e.line
                )))
            }
        }
    }
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_lose_their_html_but_not_their_words() {
        assert_eq!(
            from_html("Tom &amp; Jerry<br>2 &lt; 3 &quot;ok&quot;<BR/>caf&#233; &#x1F331; &bogus; a < b & c"),
            "Tom & Jerry\n2 < 3 \"ok\"\ncafé 🌱 &bogus; a < b & c"
        );
    }

    /// Found by the damaged-file property test: an `&` followed by a character that straddles
    /// the twelfth byte made the entity search cut a character in half and panic.
    #[test]
    fn an_ampersand_before_any_character_is_kept_as_text() {
        assert_eq!(from_html("&#8211; un۩ruhig"), "– un۩ruhig");
        assert_eq!(from_html("&abcdefghij۩;x"), "&abcdefghij۩;x");
        for text in ["&", "&۩", "&aaaaaaaaaa🌱", "x&;"] {
            assert_eq!(from_html(text), text);
        }
    }

    #[test]
    fn standard_labels_get_values_and_own_labels_do_not() {
        assert_eq!(standard_value("rad"), Some(9));
        assert_eq!(standard_value("Gut"), Some(7));
        assert_eq!(standard_value("ok"), Some(5));
        assert_eq!(standard_value("Schlecht"), Some(3));
        assert_eq!(standard_value("Lausig"), Some(1));
        assert_eq!(standard_value("sunny inside"), None);
    }

    #[test]
    fn identifiers_are_stable_and_distinct() {
        let e = Entry {
            line: 2,
            day: NaiveDate::from_ymd_opt(2024, 3, 5).expect("day"),
            time: NaiveTime::from_hms_opt(20, 30, 0).expect("time"),
            mood: "rad".into(),
            note: "walk".into(),
        };
        let id = uuid_of(&e);
        assert!(super::super::document::is_uuid(&id), "{id}");
        assert_eq!(id, uuid_of(&e.clone()));
        assert_ne!(
            id,
            uuid_of(&Entry {
                note: "walk!".into(),
                ..e
            })
        );
    }
}
