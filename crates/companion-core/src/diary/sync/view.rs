//! What the person sees of keeping in step: the card's status line and computers, and the
//! versions made on two computers at once that History lists until the person chooses.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use crate::diary::document::Kind;
use crate::error::{Error, Result};
use crate::store::sync as store;
use crate::sync::replica::{Replica, Saved};
use crate::sync::state::WHOLE_ROW;

use super::rows::{current, hex, object_of, place, synced, Fields, TRASHED};
use super::Step;

/// A computer whose name has not arrived yet.
const UNNAMED: &str = "another computer";

/// How the last step went, as the sync thread keeps it for the card.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Local "HH:MM" of when it ran.
    pub at: String,
    pub step: std::result::Result<Step, String>,
}

/// What the "Keep in step with my other computers" card shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SyncView {
    pub set_up: bool,
    /// The folder the person chose.
    pub folder: Option<String>,
    /// This computer's name.
    pub computer: Option<String>,
    /// How it stands, in one or two plain sentences.
    pub status: String,
    /// Something needs the person's eye (the folder away, a clock far off, a file left).
    pub trouble: bool,
    /// Only in the answer to starting a shared diary: the code to write down, shown once.
    pub recovery_code: Option<String>,
    /// Every computer keeping this diary, as far as this one has seen: this one first.
    pub computers: Vec<ComputerView>,
    /// Two removals crossed, or this computer missed a new key: "Make a new key" is offered.
    pub new_key_needed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ComputerView {
    /// Its id, which "remove" names.
    pub id: String,
    /// Its name, or "another computer" before its name has arrived.
    pub name: String,
    /// This computer.
    pub this: bool,
    /// Local "YYYY-MM-DD HH:MM" of its last change seen here.
    pub last_change: Option<String>,
}

/// The card for this diary, from how the last step went; times in `zone`.
pub fn view(conn: &Connection, last: Option<&Outcome>, zone: chrono_tz::Tz) -> Result<SyncView> {
    let Some(c) = store::computer(conn)? else {
        return Ok(SyncView {
            set_up: false,
            folder: None,
            computer: None,
            status: "Your diary is only on this computer.".into(),
            trouble: false,
            recovery_code: None,
            computers: vec![],
            new_key_needed: false,
        });
    };
    let saved = serde_json::from_str::<Saved>(&c.saved).ok();
    let me = saved
        .as_ref()
        .map(|s| hex(&Replica::node_of(s)))
        .unwrap_or_default();
    let removed: BTreeSet<String> = saved
        .as_ref()
        .map(|s| Replica::removed_in(s).iter().map(|n| hex(n)).collect())
        .unwrap_or_default();
    let local = |ms: i64| {
        chrono::DateTime::from_timestamp_millis(ms)
            .filter(|_| ms > 0)
            .map(|t| t.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string())
    };
    let mut computers: Vec<ComputerView> = store::names(conn)?
        .into_iter()
        .filter(|(node, _, _)| !removed.contains(node))
        .map(|(node, name, ms)| ComputerView {
            this: node == me,
            id: node,
            name: match name.is_empty() {
                true => UNNAMED.into(),
                false => name,
            },
            last_change: local(ms),
        })
        .collect();
    if !computers.iter().any(|c| c.this) {
        computers.push(ComputerView {
            id: me,
            name: c.name.clone(),
            this: true,
            last_change: None,
        });
    }
    computers.sort_by_key(|c| !c.this);
    let named: BTreeMap<&str, &str> = computers
        .iter()
        .filter(|c| !c.this && c.name != UNNAMED)
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let (mut status, trouble) = status(last, &named);
    let others: Vec<&ComputerView> = computers.iter().filter(|c| !c.this).collect();
    if !trouble && last.is_some() {
        status.push_str(&match others.first() {
            None => " No other computer has joined yet: on another one, choose the same folder and type the recovery code.".into(),
            Some(latest) => format!(
                " Kept in step with {}; the last change from another came from {}{}.",
                plural(others.len(), "other computer", "other computers"),
                latest.name,
                latest.last_change.as_ref().map(|t| format!(" on {t}")).unwrap_or_default(),
            ),
        });
    }
    Ok(SyncView {
        set_up: true,
        folder: Some(c.folder),
        computer: Some(c.name),
        status,
        trouble,
        recovery_code: None,
        computers,
        new_key_needed: last.is_some_and(|l| {
            l.step
                .as_ref()
                .is_ok_and(|s| s.keys_crossed || (s.key_missed && !s.removed_here))
        }),
    })
}

/// The status line: what went wrong first, else when it was last up to date. Never a word of
/// the diary itself. `named` gives the other computers' names by id, to say whose files were
/// left alone.
fn status(last: Option<&Outcome>, named: &BTreeMap<&str, &str>) -> (String, bool) {
    const SAFE: &str = "Everything you write is kept on this computer meanwhile.";
    let Some(last) = last else {
        return (
            "Getting in step with your other computers\u{2026}".into(),
            false,
        );
    };
    match &last.step {
        Err(why) => (
            format!("The last attempt at {} did not finish: {why} {SAFE}", last.at),
            true,
        ),
        Ok(s) if s.removed_here => (
            "Another of your computers removed this one from the shared diary, so nothing new comes in or goes out. What this computer holds stays here.".into(),
            true,
        ),
        Ok(s) if s.key_missed => (
            format!("Another computer made a new key for the shared diary that this one did not receive, so changes made since may not arrive here. If this computer should still keep in step, choose \u{201c}Make a new key\u{201d} and type your recovery code or passphrase. {SAFE}"),
            true,
        ),
        Ok(s) if s.keys_crossed => (
            "Two computers were removed at about the same time, each from a different computer, so one of them can still read what is written from now on. To shut it out, choose \u{201c}Make a new key\u{201d} and type your recovery code or passphrase.".into(),
            true,
        ),
        Ok(s) if s.unreachable => (
            format!("The folder cannot be reached right now. {SAFE} It is tried again every minute."),
            true,
        ),
        Ok(s) if s.ahead_ms.is_some() => {
            let hours = s.ahead_ms.unwrap_or(0) / 3_600_000;
            let far = match hours {
                0 => "more than ten minutes".to_owned(),
                1..=47 => format!("about {hours} hours"),
                _ => format!("about {} days", hours / 24),
            };
            (
                format!("Another computer's clock is {far} ahead of this one's. Please check the date and time on your computers; edits are still kept in order."),
                true,
            )
        }
        Ok(s) if s.files_left > 0 => (
            format!(
                "Up to date at {}, but {} {} could not be read and {} left alone; nothing was changed because of {}.",
                last.at,
                plural(s.files_left, "file", "files"),
                whose(&s.left_in, named),
                if s.files_left == 1 { "was" } else { "were" },
                if s.files_left == 1 { "it" } else { "them" },
            ),
            true,
        ),
        Ok(s) if s.rows_left > 0 => (
            format!(
                "Up to date at {}. {} from another computer could not be placed (for example a second check-in for the same day); this computer's own {} kept.",
                last.at,
                plural(s.rows_left, "entry", "entries"),
                if s.rows_left == 1 { "was" } else { "were" },
            ),
            true,
        ),
        Ok(_) => (format!("Up to date at {}.", last.at), false),
    }
}

/// Where files left alone came from: "from ‘Desk’" (or "from ‘Desk’ and ‘Work laptop’")
/// when each sat in the folder of a computer whose name has arrived, else "in the folder".
fn whose(left_in: &BTreeSet<String>, named: &BTreeMap<&str, &str>) -> String {
    let names: Option<Vec<String>> = left_in
        .iter()
        .map(|id| {
            named
                .get(id.as_str())
                .map(|n| format!("\u{2018}{n}\u{2019}"))
        })
        .collect();
    match names {
        Some(names) if !names.is_empty() => {
            let (last, rest) = names.split_last().expect("not empty");
            match rest {
                [] => format!("from {last}"),
                _ => format!("from {} and {last}", rest.join(", ")),
            }
        }
        _ => "in the folder".into(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        _ => format!("{n} {many}"),
    }
}

/// An entry edited on another computer at the same time as the version shown: what History
/// shows under "Also edited on another computer".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OtherVersion {
    /// The entry's kind (`checkins`) and its row, and the computer that made the version: what
    /// "use that version" and "keep this one" name.
    pub kind: String,
    pub row: String,
    pub node: String,
    /// "Check-in of 2026-11-19".
    pub what: String,
    /// The computer's name, or "another computer" before its name has arrived.
    pub computer: String,
    /// Local "YYYY-MM-DD HH:MM" of that edit.
    pub at: String,
    /// The fields that differ: the version shown, and that one.
    pub fields: Vec<VersionField>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct VersionField {
    pub name: String,
    pub shown: String,
    pub other: String,
}

/// Fields that say when a row was written, not what it holds: never a difference to show.
const BOOKKEEPING: &[&str] = &["updatedAt", "recordedAt", "createdAt"];

/// A stored value in words: text as it is, a number as one, nothing as "(empty)".
fn words(value: &Value) -> String {
    match value {
        Value::Null => "(empty)".into(),
        Value::String(s) if s.is_empty() => "(empty)".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The fields of a row as the diary holds them now, by their document names (a kind kept
/// whole, by the whole row's).
fn row_now(conn: &Connection, kind: &Kind, row: &str) -> Result<Option<(Vec<SqlValue>, Fields)>> {
    Ok(current(conn, kind)?.remove(row))
}

/// Every entry with a version made on another computer at the same time, newest edit first.
pub fn other_versions(conn: &Connection, zone: chrono_tz::Tz) -> Result<Vec<OtherVersion>> {
    let names: BTreeMap<String, String> = store::names(conn)?
        .into_iter()
        .filter(|(_, name, _)| !name.is_empty())
        .map(|(node, name, _)| (node, name))
        .collect();
    // Rows the person settled already: gone from the list at once, everywhere after a step.
    let settling: BTreeSet<(String, String)> = store::settling(conn)?.into_iter().collect();
    let mut grouped: BTreeMap<(String, String, String), Vec<store::Version>> = BTreeMap::new();
    for v in store::versions(conn)?
        .into_iter()
        .filter(|v| !settling.contains(&(v.kind.clone(), v.row.clone())))
    {
        grouped
            .entry((v.kind.clone(), v.row.clone(), v.node.clone()))
            .or_default()
            .push(v);
    }
    let mut out = vec![];
    // Each kind's rows read once, however many of its rows have other versions.
    let mut rows: BTreeMap<&str, BTreeMap<String, (Vec<SqlValue>, Fields)>> = BTreeMap::new();
    for ((kind_key, row, node), versions) in grouped {
        let Some(kind) = synced().find(|k| k.key == kind_key) else {
            continue;
        };
        if !rows.contains_key(kind.key) {
            rows.insert(kind.key, current(conn, kind)?);
        }
        let Some((_, shown)) = rows.get(kind.key).and_then(|r| r.get(&row)) else {
            continue;
        };
        let mut fields = vec![];
        let mut at_ms = 0;
        for v in &versions {
            at_ms = at_ms.max(v.at_ms);
            let other: Value = serde_json::from_str(&v.value).unwrap_or(Value::Null);
            let mine = shown.get(&v.field).cloned().unwrap_or(Value::Null);
            // A kind kept whole differs field by field inside its one value.
            let pairs: Vec<(String, Value, Value)> = match (&mine, &other) {
                (Value::Object(m), Value::Object(o)) => o
                    .iter()
                    .map(|(k, ov)| {
                        (
                            k.clone(),
                            m.get(k).cloned().unwrap_or(Value::Null),
                            ov.clone(),
                        )
                    })
                    .collect(),
                _ => vec![(v.field.clone(), mine, other)],
            };
            for (name, mine, other) in pairs {
                if mine != other && !BOOKKEEPING.contains(&name.as_str()) && name != "uuid" {
                    fields.push(VersionField {
                        name,
                        shown: words(&mine),
                        other: words(&other),
                    });
                }
            }
        }
        if fields.is_empty() {
            continue;
        }
        let day = shown
            .get("day")
            .or_else(|| shown.get(WHOLE_ROW).and_then(|w| w.get("startDay")))
            .and_then(Value::as_str)
            .map(|d| format!(" of {d}"))
            .unwrap_or_default();
        let what = match kind.key {
            "checkins" => "Check-in",
            "cravings" => "Craving",
            "doses" => "Dose",
            "taperPlans" => "Taper plan",
            "symptomChecks" => "Symptom check",
            "contacts" => "Contact",
            "hardMomentsPlan" => "Plan for hard moments",
            _ => "Setting",
        };
        let at = chrono::DateTime::from_timestamp_millis(at_ms)
            .map(|t| t.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        out.push(OtherVersion {
            kind: kind_key,
            row,
            computer: names.get(&node).cloned().unwrap_or_else(|| UNNAMED.into()),
            node,
            what: format!("{what}{day}"),
            at,
            fields,
        });
    }
    out.sort_by(|a, b| b.at.cmp(&a.at));
    Ok(out)
}

/// Takes the version `node` made of a row in place of the one shown (in one transaction the
/// caller commits); the next step settles it on every computer.
pub fn take_version(conn: &Connection, kind_key: &str, row: &str, node: &str) -> Result<()> {
    let gone = || {
        Error::invalid(
            "version",
            "That version is no longer there; nothing was changed.",
        )
    };
    let kind = synced().find(|k| k.key == kind_key).ok_or_else(gone)?;
    let (have, mut fields) = row_now(conn, kind, row)?.ok_or_else(gone)?;
    let mut found = false;
    // The latest value that computer gave each field.
    for v in store::versions(conn)?
        .into_iter()
        .filter(|v| v.kind == kind_key && v.row == row && v.node == node)
    {
        fields.insert(
            v.field,
            serde_json::from_str(&v.value).unwrap_or(Value::Null),
        );
        found = true;
    }
    if !found {
        return Err(gone());
    }
    let object = object_of(kind, |f| fields.get(f).cloned()).ok_or_else(gone)?;
    let trashed = fields.get(TRASHED).and_then(Value::as_i64);
    if !place(conn, kind, &object, Some(&have), trashed)? {
        return Err(Error::invalid(
            "version",
            "That version cannot be taken: it breaks a rule of the diary (another entry may hold its day). Nothing was changed.",
        ));
    }
    store::settle(conn, kind_key, row)
}

/// Keeps the version shown of a row; the next step settles it on every computer.
pub fn keep_version(conn: &Connection, kind_key: &str, row: &str) -> Result<()> {
    if synced().all(|k| k.key != kind_key) {
        return Err(Error::invalid(
            "version",
            "That version is no longer there; nothing was changed.",
        ));
    }
    store::settle(conn, kind_key, row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(step: Step) -> Outcome {
        Outcome {
            at: "14:05".into(),
            step: Ok(step),
        }
    }

    /// What goes wrong first is said first, calmly, and says the entries are safe where they
    /// are; a clean step says only when.
    #[test]
    fn the_status_line_says_the_first_trouble_and_when_all_is_well() {
        let none = BTreeMap::new();
        assert_eq!(
            status(Some(&outcome(Step::default())), &none),
            ("Up to date at 14:05.".into(), false)
        );
        let everything_wrong = Step {
            unreachable: true,
            ahead_ms: Some(3 * 86_400_000),
            files_left: 2,
            rows_left: 1,
            ..Step::default()
        };
        let (line, trouble) = status(Some(&outcome(everything_wrong.clone())), &none);
        assert!(trouble);
        assert!(line.starts_with("The folder cannot be reached"), "{line}");
        assert!(line.contains("kept on this computer"), "{line}");
        let ahead = Step {
            unreachable: false,
            ..everything_wrong.clone()
        };
        assert!(status(Some(&outcome(ahead)), &none)
            .0
            .contains("about 3 days ahead"));
        let one_file = Step {
            files_left: 1,
            ..Step::default()
        };
        assert_eq!(
            status(Some(&outcome(one_file)), &none).0,
            "Up to date at 14:05, but 1 file in the folder could not be read and was left alone; nothing was changed because of it."
        );
        let two_rows = Step {
            rows_left: 2,
            ..Step::default()
        };
        assert!(status(Some(&outcome(two_rows)), &none)
            .0
            .contains("2 entries from another computer"));
        let failed = Outcome {
            at: "09:00".into(),
            step: Err("The data folder could not be used (disk full).".into()),
        };
        let (line, trouble) = status(Some(&failed), &none);
        assert!(
            trouble && line.contains("at 09:00") && line.contains("disk full"),
            "{line}"
        );
        assert!(!status(None, &none).1);
    }

    /// Files left alone are said to come from the computers whose folders they sat in, when
    /// every one of those has a name here; otherwise only that they were in the folder.
    #[test]
    fn files_left_alone_name_the_computer_they_came_from() {
        let named = BTreeMap::from([("d1", "Desk"), ("w2", "Work laptop")]);
        let left = |ids: &[&str], n: usize| Step {
            files_left: n,
            left_in: ids.iter().map(|s| s.to_string()).collect(),
            ..Step::default()
        };
        assert_eq!(
            status(Some(&outcome(left(&["d1"], 1))), &named).0,
            "Up to date at 14:05, but 1 file from \u{2018}Desk\u{2019} could not be read and was left alone; nothing was changed because of it."
        );
        assert!(status(Some(&outcome(left(&["d1", "w2"], 3))), &named)
            .0
            .contains("3 files from \u{2018}Desk\u{2019} and \u{2018}Work laptop\u{2019} could not be read and were left alone"));
        // A folder of no computer known here (a stranger's, or one whose name has not arrived).
        assert!(status(Some(&outcome(left(&["d1", "zz"], 2))), &named)
            .0
            .contains("2 files in the folder could not"));
    }
}
