//! Importing a diary the app exported: every value checked against the same rules as the
//! export's, then written in the caller's transaction, all or nothing. Entries are matched on
//! their uuid, so importing a file twice adds nothing the second time; an entry the diary
//! already holds in another form is left as the diary has it.
//!
//! A preview runs the very same import and rolls it back, so what it counts is exactly what
//! the import would do.

use std::collections::HashSet;

use chrono::TimeZone;
use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use super::document::{self, Kind, Rule, KINDS};
use crate::error::{Error, Result};
use crate::store::cipher::Passphrase;
use crate::store::table;

/// The largest file an import reads: ten years of a busy diary are a few megabytes.
pub const MAX_IMPORT_BYTES: u64 = 64 << 20;

/// What an import does (or would do) to one kind of entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct KindCount {
    /// Words for the person: "check-ins".
    pub label: String,
    /// Not in the diary yet: added.
    pub new: u32,
    /// Already in the diary exactly so.
    pub identical: u32,
    /// In the diary in another form (edited since, or another entry for the same night or
    /// day): the diary's version is kept, unless it is set-up the person chose to take.
    pub different: u32,
    /// Set-up (reminders, settings, the plan for hard moments): taken from the file only
    /// when the person asks.
    pub setup: bool,
}

/// Why an import was refused, naming the place in the file.
pub(crate) fn refused(detail: impl std::fmt::Display) -> Error {
    Error::invalid(
        "file",
        format!("This file could not be imported: {detail} Nothing was changed."),
    )
}

/// Reads at most [`MAX_IMPORT_BYTES`] of `path`.
pub(crate) fn read_limited(path: &std::path::Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| refused(format!("it cannot be read ({e}).")))?;
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(refused(format!(
            "it is {} MB, far larger than any diary export.",
            meta.len() >> 20
        )));
    }
    std::fs::read(path).map_err(|e| refused(format!("it cannot be read ({e}).")))
}

/// The JSON document of an export: `bytes` as they are, or, for a zip (a protected export),
/// its one `.json` file, decrypted with the diary's passphrase `key`.
pub(crate) fn unprotect(bytes: Vec<u8>, key: Option<&Passphrase>) -> Result<Vec<u8>> {
    use std::io::Read;
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(bytes);
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| refused(format!("it looks like a zip, but it cannot be read ({e}).")))?;
    let name = zip
        .file_names()
        .find(|n| n.ends_with(".json"))
        .map(str::to_owned)
        .ok_or_else(|| refused("it is a zip without a diary export (a .json file) in it."))?;
    use zip::result::ZipError;
    let encrypted = matches!(
        zip.by_name(&name),
        Err(ZipError::UnsupportedArchive(m)) if m == ZipError::PASSWORD_REQUIRED
    );
    let file = match (encrypted, key) {
        (false, _) => zip.by_name(&name),
        (true, Some(key)) => zip.by_name_decrypt(&name, key.expose().as_bytes()),
        (true, None) => {
            return Err(refused(
                "it is protected with a passphrase, and this diary has none. Turn on \
                 encryption here with the passphrase the export was made with, then import \
                 it again.",
            ))
        }
    };
    let mut file = file.map_err(|e| match e {
        ZipError::InvalidPassword => refused(
            "it is protected with another passphrase than this diary's. Change this diary's \
             passphrase to the one it was made with, then import it again.",
        ),
        other => refused(format!("its diary export cannot be read ({other}).")),
    })?;
    let mut out = Vec::new();
    (&mut file)
        .take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| refused(format!("its diary export cannot be read ({e}).")))?;
    if out.len() as u64 > MAX_IMPORT_BYTES {
        return Err(refused(
            "the diary export inside it is far larger than any diary.",
        ));
    }
    Ok(out)
}

/// Imports the document in `bytes` into `conn` (an open transaction the caller commits or
/// rolls back). `take_setup` also takes the file's reminders, settings and plan for hard
/// moments in place of the diary's.
pub(crate) fn json(
    conn: &Connection,
    bytes: &[u8],
    take_setup: bool,
    now: i64,
) -> Result<Vec<KindCount>> {
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| {
        refused(format!(
            "it is not a complete JSON document (line {}, column {}: {}).",
            e.line(),
            e.column(),
            plain(&e)
        ))
    })?;
    let Value::Object(top) = doc else {
        return Err(refused("it is not a Recovery Companion export."));
    };
    if top.get("format").and_then(Value::as_str) != Some(document::FORMAT) {
        return Err(refused("it is not a Recovery Companion export."));
    }
    match top.get("version").and_then(Value::as_i64) {
        Some(v) if (1..=document::VERSION).contains(&v) => {}
        Some(v) if v > document::VERSION => {
            return Err(refused(
                "it was made by a newer version of the app; please update to import it.",
            ))
        }
        _ => return Err(refused("its version is missing or not a number.")),
    }
    let known: HashSet<&str> = ["format", "version", "exportedAt", "timeZone", "from", "to"]
        .into_iter()
        .chain(KINDS.iter().map(|k| k.key))
        .collect();
    if let Some(extra) = top.keys().find(|k| !known.contains(k.as_str())) {
        return Err(refused(format!(
            "it has a part called \"{}\" that a diary export does not have.",
            document::short(extra)
        )));
    }
    let mut counts = vec![];
    // Parents added by this import: their children are added with them.
    let mut added_parents: HashSet<(&str, String)> = HashSet::new();
    for kind in KINDS {
        let Some(list) = top.get(kind.key) else {
            return Err(refused(format!("the list of {} is missing.", kind.label)));
        };
        let Value::Array(items) = list else {
            return Err(refused(format!("the {} are not a list.", kind.label)));
        };
        let mut count = KindCount {
            label: kind.label.to_owned(),
            setup: kind.setup,
            ..KindCount::default()
        };
        for (i, item) in items.iter().enumerate() {
            let at = |why: String| {
                refused(format!(
                    "{}, entry {}{}: {why}",
                    kind.label,
                    i + 1,
                    day_of(item)
                ))
            };
            let values = checked_row(kind, item).map_err(at)?;
            match place(conn, kind, &values, take_setup, now, &added_parents).map_err(
                |e| match e {
                    Error::Storage(e) => at(format!("it breaks a rule of the diary ({e}).")),
                    other => other,
                },
            )? {
                Placed::New => {
                    count.new += 1;
                    if let Some(uuid) = uuid_of(kind, &values) {
                        added_parents.insert((kind.table, uuid));
                    }
                }
                Placed::Identical => count.identical += 1,
                Placed::Different => count.different += 1,
                Placed::Skipped => {}
            }
        }
        counts.push(count);
    }
    Ok(counts)
}

/// serde_json's message without its own "at line …" tail, which the sentence already gives.
fn plain(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

fn day_of(item: &Value) -> String {
    item.get("day")
        .or_else(|| item.get("startDay"))
        .and_then(Value::as_str)
        .map(|d| format!(" ({})", document::short(d)))
        .unwrap_or_default()
}

fn uuid_of(kind: &Kind, values: &[SqlValue]) -> Option<String> {
    let i = kind.fields.iter().position(|f| f.column == "uuid")?;
    match &values[i] {
        SqlValue::Text(t) => Some(t.clone()),
        _ => None,
    }
}

/// The row of `item` as stored values, each checked against its field's rule.
pub(crate) fn checked_row(kind: &Kind, item: &Value) -> std::result::Result<Vec<SqlValue>, String> {
    let Value::Object(obj) = item else {
        return Err("it is not a group of fields.".into());
    };
    if let Some(extra) = obj
        .keys()
        .find(|k| !kind.fields.iter().any(|f| f.key == k.as_str()))
    {
        return Err(format!(
            "it has a field \"{}\" that {} do not have.",
            document::short(extra),
            kind.label
        ));
    }
    let mut values = Vec::with_capacity(kind.fields.len());
    for field in kind.fields {
        let raw = obj.get(field.key).unwrap_or(&Value::Null);
        let value = if raw.is_null() {
            if !field.optional {
                return Err(format!("\"{}\" is missing.", field.key));
            }
            SqlValue::Null
        } else {
            document::check(field.rule, raw).map_err(|why| format!("\"{}\" {why}.", field.key))?
        };
        values.push(value);
    }
    if !kind.keys.is_empty() {
        let (SqlValue::Text(key), SqlValue::Text(value)) = (&values[0], &values[1]) else {
            return Err("a setting needs a name and a value.".into());
        };
        if let Some((_, rule)) = kind.keys.iter().find(|(k, _)| k == key) {
            let as_json = match rule {
                Rule::Int(..) => value.parse::<i64>().map(Value::from).unwrap_or(Value::Null),
                _ => Value::String(value.clone()),
            };
            document::check(*rule, &as_json)
                .map_err(|why| format!("the setting \"{key}\" {why}."))?;
        }
    }
    same_day(kind, &values)?;
    together(kind, &values)?;
    Ok(values)
}

/// An entry's day is the day its time falls on in its zone.
fn same_day(kind: &Kind, values: &[SqlValue]) -> std::result::Result<(), String> {
    let find = |col: &str| {
        kind.fields
            .iter()
            .position(|f| f.column == col)
            .map(|i| &values[i])
    };
    if kind.table == "checkins" {
        return Ok(());
    }
    if let (Some(SqlValue::Integer(at)), Some(SqlValue::Text(tz)), Some(SqlValue::Text(day))) =
        (find("at"), find("tz"), find("day"))
    {
        let zone: chrono_tz::Tz = tz
            .parse()
            .map_err(|_| "its time zone is unknown.".to_owned())?;
        let local = zone
            .timestamp_opt(*at, 0)
            .single()
            .map(|t| t.date_naive().to_string());
        if local.as_deref() != Some(day.as_str()) {
            return Err(format!("its day {day} is not the day of its time in {tz}."));
        }
    }
    Ok(())
}

/// The rules between fields that the diary's tables hold, checked here too, since an entry
/// the diary already has is compared, never inserted.
fn together(kind: &Kind, values: &[SqlValue]) -> std::result::Result<(), String> {
    let get = |key: &str| {
        kind.fields
            .iter()
            .position(|f| f.key == key)
            .map(|i| &values[i])
    };
    match kind.table {
        "checkins" => {
            let night = ["bedAt", "lightsOffAt", "finalWakeAt", "outOfBedAt"];
            let figures = [
                "minutesToFallAsleep",
                "awakenings",
                "minutesAwakeInNight",
                "sleepQuality",
            ];
            let given = night
                .iter()
                .chain(&figures)
                .filter(|k| !matches!(get(k), Some(SqlValue::Null) | None))
                .count();
            if given != 0 && given != night.len() + figures.len() {
                return Err("its sleep diary has some figures but not all of them.".into());
            }
            let times: Vec<i64> = night
                .iter()
                .filter_map(|k| match get(k) {
                    Some(SqlValue::Integer(t)) => Some(*t),
                    _ => None,
                })
                .collect();
            if times.windows(2).any(|w| w[0] > w[1]) {
                return Err(
                    "its sleep diary's times are out of order (bed, lights off, waking, up)."
                        .into(),
                );
            }
        }
        "checkups" => {
            let wanted = match get("instrument") {
                Some(SqlValue::Text(i)) if i == "phq9" => 9,
                Some(SqlValue::Text(i)) if i == "gad7" => 7,
                _ => 2,
            };
            let quick = wanted == 2;
            if quick && !matches!(get("difficulty"), Some(SqlValue::Null) | None) {
                return Err("a two-question check-up has no closing question.".into());
            }
            let answers = match get("answers") {
                Some(SqlValue::Text(a)) => a.as_str(),
                _ => "",
            };
            if answers.len() != wanted || !answers.bytes().all(|b| (b'0'..=b'3').contains(&b)) {
                return Err(format!(
                    "its answers should be {wanted} digits from 0 to 3, one per question."
                ));
            }
        }
        "doses" => {
            let capsules = matches!(get("unit"), Some(SqlValue::Text(u)) if u == "capsules");
            let strength = !matches!(get("mgPerCapsule"), Some(SqlValue::Null) | None);
            if capsules != strength {
                return Err(
                    "a dose in capsules needs the strength of a capsule, and only then.".into(),
                );
            }
        }
        _ => {}
    }
    Ok(())
}

enum Placed {
    New,
    Identical,
    Different,
    Skipped,
}

/// Whether the diary's row holds what the file's does. A built-in reminder is the same
/// reminder in every diary, whatever its uuid.
fn same(kind: &Kind, mine: &[SqlValue], theirs: &[SqlValue]) -> bool {
    if kind.table == "reminders" && !table::is_custom(theirs) {
        mine[1..] == theirs[1..]
    } else if kind.fixed_rows {
        // A section an older file does not have leaves the diary's own as it is.
        mine.len() == theirs.len()
            && mine
                .iter()
                .zip(theirs)
                .zip(kind.fields)
                .all(|((m, t), f)| m == t || (f.optional && *t == SqlValue::Null))
    } else {
        mine == theirs
    }
}

/// Puts one checked row into the diary, or decides to leave the diary's own.
fn place(
    conn: &Connection,
    kind: &Kind,
    values: &[SqlValue],
    take_setup: bool,
    now: i64,
    added_parents: &HashSet<(&str, String)>,
) -> Result<Placed> {
    if !kind.keys.is_empty() {
        let SqlValue::Text(key) = &values[0] else {
            return Ok(Placed::Skipped);
        };
        if !kind.keys.iter().any(|(k, _)| k == key) {
            return Ok(Placed::Skipped);
        }
    }
    // A parent's uuid must name a row of the file or the diary.
    for (field, value) in kind.fields.iter().zip(values) {
        if let (Rule::Parent(parent), SqlValue::Text(uuid)) = (field.rule, value) {
            if !table::parent_exists(conn, parent, uuid)? {
                return Err(refused(format!(
                    "{} name a {} that is neither in the file nor in the diary.",
                    kind.label,
                    parent.replace('_', " ").trim_end_matches('s')
                )));
            }
            // Scores belong to the check they came with; a check the diary already had
            // keeps its own scores.
            if kind.table == "symptom_scores" && !added_parents.contains(&(parent, uuid.clone())) {
                return Ok(match table::existing(conn, kind, values)? {
                    Some(mine) if same(kind, &mine, values) => Placed::Identical,
                    _ => Placed::Different,
                });
            }
        }
    }
    match table::existing(conn, kind, values)? {
        Some(mine) if same(kind, &mine, values) => return Ok(Placed::Identical),
        Some(_) if kind.setup && take_setup => {
            table::update_setup(conn, kind, values, now)?;
            return Ok(Placed::Different);
        }
        Some(_) => return Ok(Placed::Different),
        None if kind.setup && !take_setup => return Ok(Placed::Skipped),
        None => {}
    }
    if kind.fixed_rows {
        // Made by the migrations: nothing to add.
        return Ok(Placed::Skipped);
    }
    // Another entry for the same night, day or plan start: the diary's is kept.
    Ok(match table::insert(conn, kind, values, now)? {
        true => Placed::New,
        false => Placed::Different,
    })
}
