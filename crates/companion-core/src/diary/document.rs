//! The diary as an open document: which tables and columns an export holds, under which names
//! and rules. One table of fields serves the JSON export, its JSON Schema, the CSV files and
//! the JSON import, so the four cannot disagree.
//!
//! Times are stored as Unix seconds; in a document they are RFC 3339 with the offset of the
//! entry's own zone (named beside it in `timeZone`), so a file read years later says when
//! each thing happened where it happened.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value};

pub(crate) use crate::store::table::{select_sql, Kind, Rule};
use crate::store::{checkins, cravings, settings};
use crate::{checkups, journey, reminders};

/// Names the document format, so a file from another program is told apart at once.
pub const FORMAT: &str = "recovery-companion-diary";
/// The version of the document layout; a newer one is refused rather than half read.
pub const VERSION: i64 = 1;

/// Every kind, parents before children.
pub(crate) const KINDS: &[&Kind] = &[
    &checkins::KIND,
    &cravings::KIND,
    &journey::kinds::DOSES,
    &journey::kinds::SYMPTOM_CHECKS,
    &journey::kinds::SYMPTOM_SCORES,
    &journey::kinds::TAPER_PLANS,
    &journey::kinds::TAPER_HOLDS,
    &checkups::store::KIND,
    &reminders::store::WATER,
    &journey::kinds::CONTACTS,
    &journey::kinds::HARD_MOMENTS_PLAN,
    &reminders::store::REMINDERS,
    &settings::KIND,
];

/// The zone an entry's times are written in: its own, or UTC for rows without one.
pub(crate) fn zone_of(row: &[rusqlite::types::Value], kind: &Kind) -> Tz {
    kind.fields
        .iter()
        .position(|f| matches!(f.rule, Rule::Zone))
        .and_then(|i| match &row[i] {
            rusqlite::types::Value::Text(t) => t.parse().ok(),
            _ => None,
        })
        .unwrap_or(Tz::UTC)
}

/// One stored value as it appears in a document.
pub(crate) fn to_json(rule: Rule, value: &rusqlite::types::Value, zone: Tz) -> Value {
    use rusqlite::types::Value as V;
    match (rule, value) {
        (_, V::Null) => Value::Null,
        (Rule::Time, V::Integer(secs)) => match Utc.timestamp_opt(*secs, 0).single() {
            Some(t) => Value::String(
                t.with_timezone(&zone)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ),
            None => Value::Null,
        },
        (_, V::Integer(i)) => Value::from(*i),
        (_, V::Text(t)) => Value::String(t.clone()),
        (_, V::Real(r)) => Value::from(*r),
        (_, V::Blob(_)) => Value::Null,
    }
}

/// One row of `kind` as a document object.
pub(crate) fn row_to_object(kind: &Kind, row: &[rusqlite::types::Value]) -> Map<String, Value> {
    let zone = zone_of(row, kind);
    kind.fields
        .iter()
        .zip(row)
        .map(|(f, v)| (f.key.to_owned(), to_json(f.rule, v, zone)))
        .collect()
}

/// Why a value breaks its rule, in words for the person; `None` when it keeps it.
pub(crate) fn check(rule: Rule, value: &Value) -> Result<rusqlite::types::Value, String> {
    use rusqlite::types::Value as V;
    let text = || {
        value
            .as_str()
            .ok_or_else(|| format!("should be text, not {}", describe(value)))
    };
    match rule {
        Rule::Int(lo, hi) => match value.as_i64() {
            Some(i) if (lo..=hi).contains(&i) => Ok(V::Integer(i)),
            _ => Err(format!(
                "should be a whole number from {lo} to {hi}, not {}",
                describe(value)
            )),
        },
        Rule::Text(max) => {
            let t = text()?;
            if t.chars().count() > max {
                return Err(format!("is longer than {max} characters"));
            }
            if t.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            {
                return Err(
                    "contains control characters (such as NUL) that text cannot hold".into(),
                );
            }
            Ok(V::Text(t.to_owned()))
        }
        Rule::Time => {
            let t = text()?;
            let at = DateTime::parse_from_rfc3339(t).map_err(|_| {
                format!(
                    "should be a date and time like 2026-01-31T21:05:00+01:00, not \"{}\"",
                    short(t)
                )
            })?;
            let secs = at.timestamp();
            // Up to 2100-01-01; 1970 is where a never-edited plan's time starts.
            if !(0..4_102_444_800).contains(&secs) {
                return Err(format!(
                    "is outside the years 1970 to 2099 (\"{}\")",
                    short(t)
                ));
            }
            Ok(V::Integer(secs))
        }
        Rule::Day => {
            let t = text()?;
            match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
                Ok(d) if t.len() == 10 && (2000..2100).contains(&chrono::Datelike::year(&d)) => {
                    Ok(V::Text(t.to_owned()))
                }
                _ => Err(format!(
                    "should be a day like 2026-01-31, not \"{}\"",
                    short(t)
                )),
            }
        }
        Rule::Zone => {
            let t = text()?;
            t.parse::<Tz>().map(|_| V::Text(t.to_owned())).map_err(|_| {
                format!(
                    "should be a time zone like Europe/Berlin, not \"{}\"",
                    short(t)
                )
            })
        }
        Rule::Choice(options) => {
            let t = match value {
                Value::Number(n) => n.to_string(),
                _ => text()?.to_owned(),
            };
            if options.contains(&t.as_str()) {
                Ok(V::Text(t))
            } else {
                Err(format!(
                    "should be one of {}, not \"{}\"",
                    options.join(", "),
                    short(&t)
                ))
            }
        }
        Rule::Clock => {
            let t = text()?;
            match NaiveTime::parse_from_str(t, "%H:%M") {
                Ok(_) if t.len() == 5 => Ok(V::Text(t.to_owned())),
                _ => Err(format!(
                    "should be a time of day like 08:30, not \"{}\"",
                    short(t)
                )),
            }
        }
        Rule::Uuid | Rule::Parent(_) => {
            let t = text()?;
            if is_uuid(t) {
                Ok(V::Text(t.to_owned()))
            } else {
                Err(format!(
                    "should be an identifier like 0b9d…-…, not \"{}\"",
                    short(t)
                ))
            }
        }
    }
}

/// A lower-case UUID in its 8-4-4-4-12 form.
pub(crate) fn is_uuid(t: &str) -> bool {
    t.len() == 36
        && t.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
        })
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "empty".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("\"{}\"", short(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a group of fields".into(),
    }
}

/// At most 40 characters of `s`, for an error message.
pub(crate) fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).filter(|c| !c.is_control()).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// The JSON Schema (draft 2020-12) of the document, made from the same fields as everything
/// else; `docs/diary-export.schema.json` is this, and a test keeps it so.
pub fn json_schema() -> Value {
    use serde_json::json;
    let mut properties = Map::new();
    properties.insert("format".into(), json!({ "const": FORMAT }));
    properties.insert("version".into(), json!({ "const": VERSION }));
    properties.insert(
        "exportedAt".into(),
        json!({ "type": "string", "format": "date-time" }),
    );
    properties.insert(
        "timeZone".into(),
        json!({ "type": "string", "description": "The IANA zone the diary was kept in when exported." }),
    );
    for key in ["from", "to"] {
        properties.insert(
            key.into(),
            json!({ "type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                    "description": "The chosen range of days, or null for everything." }),
        );
    }
    for kind in KINDS {
        let mut props = Map::new();
        let mut required = vec![];
        for field in kind.fields {
            let mut schema = match field.rule {
                Rule::Int(lo, hi) => json!({ "type": "integer", "minimum": lo, "maximum": hi }),
                Rule::Text(max) => json!({ "type": "string", "maxLength": max }),
                Rule::Time => json!({ "type": "string", "format": "date-time" }),
                Rule::Day => {
                    json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
                }
                Rule::Zone => json!({ "type": "string", "description": "An IANA time zone." }),
                Rule::Choice(options) => json!({ "enum": options }),
                Rule::Clock => json!({ "type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$" }),
                Rule::Uuid | Rule::Parent(_) => {
                    json!({ "type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$" })
                }
            };
            if field.optional {
                if let Some(obj) = schema.as_object_mut() {
                    match obj.get("type").cloned() {
                        Some(Value::String(t)) => {
                            obj.insert("type".into(), json!([t, "null"]));
                        }
                        _ => {
                            let inner = Value::Object(obj.clone());
                            schema = json!({ "anyOf": [inner, { "type": "null" }] });
                        }
                    }
                }
            } else {
                required.push(field.key);
            }
            props.insert(field.key.into(), schema);
        }
        let item = json!({
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": false,
        });
        properties.insert(
            kind.key.into(),
            json!({ "type": "array", "description": format!("Every entry of: {}.", kind.label), "items": item }),
        );
    }
    let mut required: Vec<&str> = vec!["format", "version", "exportedAt", "timeZone"];
    required.extend(KINDS.iter().map(|k| k.key));
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Recovery Companion diary export",
        "description": "Everything a person kept in Recovery Companion. Times are RFC 3339 with the offset of the entry's own zone, named in timeZone.",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The longest text each column takes, as the database's own CHECK says it.
    fn checked_length(schema: &str, column: &str) -> Option<usize> {
        let at = schema.find(&format!("length({column})"))?;
        let rest = &schema[at..];
        let after = &rest[format!("length({column})").len()..];
        let after = after.trim_start();
        let number = after
            .strip_prefix("<=")
            .or_else(|| after.strip_prefix("BETWEEN 1 AND"))?;
        number
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .ok()
    }

    /// One limit, three owners agree: the feature's constant (used by its validation and by
    /// this table) is what the migrations' CHECK enforces, for every text column that has one.
    #[test]
    fn every_text_limit_is_the_one_the_database_enforces() {
        let dir = tempfile::tempdir().expect("dir");
        let conn = crate::store::open(&dir.path().join("d.sqlite3"), None, chrono::Utc::now())
            .expect("open");
        let mut checked = 0;
        for kind in KINDS {
            let schema: String = conn
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                    [kind.table],
                    |r| r.get(0),
                )
                .expect(kind.table);
            for field in kind.fields {
                let Rule::Text(max) = field.rule else {
                    continue;
                };
                if let Some(enforced) = checked_length(&schema, field.column) {
                    assert_eq!(enforced, max, "{}.{}", kind.table, field.column);
                    checked += 1;
                }
            }
        }
        assert!(checked >= 14, "only {checked} limits found in the schema");
    }
}
