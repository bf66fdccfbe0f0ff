//! The diary file kept in step with the person's other computers through a folder they already
//! sync (issue 30): what the person changed goes from the diary's tables into this computer's
//! changes, and what the others changed comes from the merged state back into the tables,
//! through the same checks an import makes.
//!
//! Every write to a table that syncs marks its kind in the same transaction (migration 0013),
//! so nothing acknowledged is missed, whatever happens before the next step. A step compares
//! the marked kinds' rows with what the diary held when it was last in step (the shadow) and
//! records each differing field as a change. The merged state is rebuilt at start from a
//! journal of everything merged; this computer's next file is kept sealed in the diary until it
//! is in the folder, so a crash writes the same bytes again. Reminders stay on each computer:
//! a water reminder should not ring on three at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;
use serde_json::Value;

use super::document::{self, Kind, KINDS};
use super::import::checked_row;
use crate::error::{Error, Result};
use crate::store::sync as store;
use crate::store::table::{self, Identity, Rule};
use crate::sync::disk::DiskFolder;
use crate::sync::hlc::{Hlc, Node};
use crate::sync::replica::{Folder, Pass, Replica, Saved, Taken};
use crate::sync::segment::DataKey;
use crate::sync::state::{RowId, State, WHOLE_ROW};
use crate::sync::vault;

/// The merged state's own kind for the computers' names.
const COMPUTERS: &str = "computers";

/// The field a row's time in the trash is kept under.
const TRASHED: &str = "deletedAt";

/// Past this many entries, the journal is folded into one.
const JOURNAL_FOLD: i64 = 20_000;

/// The kinds that sync: all but the reminders.
fn synced() -> impl Iterator<Item = &'static Kind> {
    KINDS.iter().copied().filter(|k| k.table != "reminders")
}

/// Kinds kept as one value: a taper plan is never half of one plan and half of another.
fn whole(kind: &Kind) -> bool {
    kind.table == "taper_plans"
}

fn text(v: &SqlValue) -> String {
    match v {
        SqlValue::Text(t) => t.clone(),
        SqlValue::Integer(i) => i.to_string(),
        _ => String::new(),
    }
}

/// A row's name in the merged state: its uuid, or what tells it apart where it has none.
fn row_key(kind: &Kind, values: &[SqlValue]) -> String {
    let at = |col: &str| {
        kind.fields
            .iter()
            .position(|f| f.column == col)
            .map(|i| text(&values[i]))
            .unwrap_or_default()
    };
    match kind.identity {
        Identity::Uuid => at("uuid"),
        Identity::ParentAnd(col) => format!("{}/{}", text(&values[0]), at(col)),
        Identity::Column("id") => "1".into(),
        Identity::Column(col) => at(col),
    }
}

type Fields = BTreeMap<String, Value>;

/// A row's fields as the merged state keeps them.
fn fields_of(kind: &Kind, values: &[SqlValue], trashed: Option<i64>) -> Fields {
    let object = document::row_to_object(kind, values);
    let mut fields: Fields = match whole(kind) {
        true => [(WHOLE_ROW.to_owned(), Value::Object(object))].into(),
        false => object.into_iter().collect(),
    };
    if table::trashable(kind) {
        fields.insert(TRASHED.into(), trashed.map_or(Value::Null, Value::from));
    }
    fields
}

/// The diary's rows of `kind` now: by row name, their stored values and fields.
fn current(conn: &Connection, kind: &Kind) -> Result<BTreeMap<String, (Vec<SqlValue>, Fields)>> {
    Ok(table::all_rows(conn, kind)?
        .into_iter()
        .map(|(values, trashed)| {
            let fields = fields_of(kind, &values, trashed);
            (row_key(kind, &values), (values, fields))
        })
        .collect())
}

/// A row as the diary held it when last in step: its fields, and the stamp of the version
/// of each that was shown then (what a change the person makes replaces).
#[derive(Debug, Default)]
struct Seen {
    fields: Fields,
    stamps: BTreeMap<String, Hlc>,
}

fn shadow(conn: &Connection, kind: &Kind) -> Result<BTreeMap<String, Seen>> {
    Ok(store::shadow(conn, kind.key)?
        .into_iter()
        .map(|(name, fields, stamps)| {
            let seen = Seen {
                fields: serde_json::from_str(&fields).unwrap_or_default(),
                stamps: serde_json::from_str::<Vec<(String, Hlc)>>(&stamps)
                    .map(|v| v.into_iter().collect())
                    .unwrap_or_default(),
            };
            (name, seen)
        })
        .collect())
}

/// Keeps `fields` as what the diary holds of `row`, each with the stamp the merged state shows
/// for it now; `None` removes the row.
fn set_shadow(
    conn: &Connection,
    state: &State,
    kind: &Kind,
    row: &str,
    fields: Option<&Fields>,
) -> Result<()> {
    let Some(fields) = fields else {
        return store::set_shadow(conn, kind.key, row, None);
    };
    let id = RowId {
        kind: kind.key.into(),
        uuid: row.into(),
    };
    let stamps: Vec<(&String, Hlc)> = fields
        .keys()
        .filter_map(|f| Some((f, state.field(&id, f)?.at)))
        .collect();
    let json = (
        serde_json::to_string(fields).unwrap_or_default(),
        serde_json::to_string(&stamps).unwrap_or_default(),
    );
    store::set_shadow(conn, kind.key, row, Some((&json.0, &json.1)))
}

/// What one step did, for the status line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Step {
    /// Changes this computer recorded.
    pub recorded: usize,
    /// Files of the others taken in.
    pub files_taken: usize,
    /// Files left alone (not whole, not this diary's, or not next in their computer's order).
    pub files_left: usize,
    /// Rows written into the diary from the others' changes.
    pub placed: usize,
    /// Rows of the others' the diary could not take (a rule of the diary, another row on the
    /// same day): this computer's own were kept.
    pub rows_left: usize,
    /// The folder could not be written to or read (away, full, refused); nothing was lost.
    pub unreachable: bool,
    /// Another computer's clock was this far ahead (ms).
    pub ahead_ms: Option<u64>,
}

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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ComputerView {
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
        });
    };
    let me = serde_json::from_str::<Saved>(&c.saved)
        .map(|s| hex(&Replica::node_of(&s)))
        .unwrap_or_default();
    let local = |ms: i64| {
        chrono::DateTime::from_timestamp_millis(ms)
            .filter(|_| ms > 0)
            .map(|t| t.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string())
    };
    let mut computers: Vec<ComputerView> = store::names(conn)?
        .into_iter()
        .map(|(node, name, ms)| ComputerView {
            this: node == me,
            name: match name.is_empty() {
                true => "another computer".into(),
                false => name,
            },
            last_change: local(ms),
        })
        .collect();
    if !computers.iter().any(|c| c.this) {
        computers.push(ComputerView {
            name: c.name.clone(),
            this: true,
            last_change: None,
        });
    }
    computers.sort_by_key(|c| !c.this);
    let (mut status, trouble) = status(last);
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
    })
}

/// The status line: what went wrong first, else when it was last up to date. Never a word of
/// the diary itself.
fn status(last: Option<&Outcome>) -> (String, bool) {
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
                "Up to date at {}, but {} in the folder could not be read and {} left alone; nothing was changed because of {}.",
                last.at,
                plural(s.files_left, "file", "files"),
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
    for ((kind_key, row, node), versions) in grouped {
        let Some(kind) = synced().find(|k| k.key == kind_key) else {
            continue;
        };
        let Some((_, shown)) = row_now(conn, kind, &row)? else {
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
            computer: names
                .get(&node)
                .cloned()
                .unwrap_or_else(|| "another computer".into()),
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
    let (_, mut fields) = row_now(conn, kind, row)?.ok_or_else(gone)?;
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
    let object = match whole(kind) {
        true => fields.get(WHOLE_ROW).cloned().unwrap_or(Value::Null),
        false => Value::Object(
            kind.fields
                .iter()
                .map(|f| {
                    (
                        f.key.to_owned(),
                        fields.get(f.key).cloned().unwrap_or(Value::Null),
                    )
                })
                .collect(),
        ),
    };
    let trashed = fields.get(TRASHED).and_then(Value::as_i64);
    let have = row_now(conn, kind, row)?.map(|(v, _)| v);
    if !place(conn, kind, &object, have.as_deref(), trashed)? {
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

/// This computer's side of the shared diary, as the sync thread holds it between steps.
#[derive(Debug)]
pub struct Syncer {
    replica: Replica,
    folder: DiskFolder,
}

/// A new random computer id.
fn new_node() -> Result<Node> {
    let mut node = [0u8; 16];
    getrandom::fill(&mut node)
        .map_err(|_| Error::Io(std::io::Error::other("no random numbers")))?;
    Ok(node)
}

fn sync_error(e: impl std::fmt::Display) -> Error {
    Error::invalid("sync", e.to_string())
}

/// Whether this diary keeps in step with a folder.
pub fn is_set_up(conn: &Connection) -> Result<bool> {
    Ok(store::computer(conn)?.is_some())
}

fn save_computer(
    conn: &Connection,
    chosen: &Path,
    name: &str,
    key: &DataKey,
    replica: &Replica,
) -> Result<()> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return Err(Error::invalid(
            "computerName",
            "Give this computer a name of up to 40 characters, such as \u{201c}Home laptop\u{201d}.",
        ));
    }
    store::add_computer(
        conn,
        &store::Computer {
            folder: chosen.to_string_lossy().into_owned(),
            name: name.to_owned(),
            key: key.bytes().to_vec(),
            saved: serde_json::to_string(&replica.saved()).unwrap_or_default(),
        },
    )?;
    // Everything the diary holds is new to the folder.
    for kind in synced() {
        store::mark(conn, kind.key)?;
    }
    Ok(())
}

/// Starts a shared diary in `chosen`, with this diary as its first computer: the recovery code
/// to write down.
pub fn start(conn: &mut Connection, chosen: &Path, name: &str) -> Result<String> {
    let mut folder = DiskFolder::in_chosen(chosen);
    if folder.read(vault::FILE).is_some() {
        return Err(Error::invalid(
            "folder",
            "This folder already holds a shared diary. Choose \u{201c}Join\u{201d} and type its recovery code instead.",
        ));
    }
    if is_set_up(conn)? {
        return Err(Error::invalid(
            "folder",
            "This diary is already kept in step with a folder.",
        ));
    }
    let code = vault::new_recovery_code().map_err(sync_error)?;
    let secret = vault::read_recovery_code(&code).map_err(sync_error)?;
    let (description, id, key) = vault::create(&secret, None, vault::KDF).map_err(sync_error)?;
    let replica = Replica::new(id, key.clone(), new_node()?);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    save_computer(&tx, chosen, name, &key, &replica)?;
    let bytes = serde_json::to_vec_pretty(&description).unwrap_or_default();
    folder.write(vault::FILE, &bytes).map_err(|e| {
        Error::invalid(
            "folder",
            format!("The folder could not be written to ({e}). Nothing was changed."),
        )
    })?;
    tx.commit()?;
    Ok(code)
}

/// Joins the shared diary in `chosen` with its recovery code. The caller backs the diary up
/// first: the first step merges it with the others'.
pub fn join(conn: &mut Connection, chosen: &Path, name: &str, code: &str) -> Result<()> {
    let folder = DiskFolder::in_chosen(chosen);
    let Some(bytes) = folder.read(vault::FILE) else {
        return Err(Error::invalid(
            "folder",
            "No shared diary was found in this folder. Check that it has finished syncing, or start one here.",
        ));
    };
    if is_set_up(conn)? {
        return Err(Error::invalid(
            "folder",
            "This diary is already kept in step with a folder.",
        ));
    }
    let description = vault::read(&bytes).map_err(sync_error)?;
    let secret = vault::read_recovery_code(code)
        .map_err(|e| Error::invalid("recoveryCode", e.to_string()))?;
    let (id, key) = vault::open(&description, "recovery-code", &secret)
        .map_err(|e| Error::invalid("recoveryCode", e.to_string()))?;
    let replica = Replica::new(id, key.clone(), new_node()?);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    save_computer(&tx, chosen, name, &key, &replica)?;
    tx.commit()?;
    Ok(())
}

impl Syncer {
    /// This computer's side as the diary keeps it; `None` when the diary does not sync.
    pub fn load(conn: &Connection) -> Result<Option<Syncer>> {
        let Some(store::Computer {
            folder, key, saved, ..
        }) = store::computer(conn)?
        else {
            return Ok(None);
        };
        let damaged = |what: &str| Error::Damaged {
            path: "the diary".into(),
            detail: format!("its record of keeping in step ({what}) cannot be read."),
        };
        let key: [u8; 32] = key.try_into().map_err(|_| damaged("key"))?;
        let saved: Saved = serde_json::from_str(&saved).map_err(|_| damaged("position"))?;
        let mut state = State::default();
        for entry in store::journal(conn)? {
            match serde_json::from_str::<Taken>(&entry).map_err(|_| damaged("journal"))? {
                Taken::Op(op) => state.apply(&op),
                Taken::Snapshot(s) => state.merge(&s),
            }
        }
        // A write made by a version before the marks, or by hand, is found all the same.
        for kind in synced() {
            store::mark(conn, kind.key)?;
        }
        Ok(Some(Syncer {
            replica: Replica::restore(saved, DataKey::from_bytes(key), state),
            folder: DiskFolder::in_chosen(Path::new(&folder)),
        }))
    }

    pub fn folder(&self) -> PathBuf {
        self.folder.root().to_path_buf()
    }

    pub fn state(&self) -> &State {
        self.replica.state()
    }

    /// The first part of a step, with no hold on the diary: reads and decrypts the others'
    /// files the merged state has not taken yet.
    pub fn read_folder(&mut self, now_ms: u64) -> Pulled {
        if !self.folder.reachable() {
            return Pulled {
                pass: Pass::default(),
                unreachable: true,
            };
        }
        Pulled {
            pass: self.replica.pull(&self.folder, now_ms),
            unreachable: false,
        }
    }

    /// The second part, in one transaction: records this computer's changes, puts the others'
    /// into the diary and seals this computer's next file. On an error the caller loads the
    /// syncer again from the diary (what was merged in memory is read again then).
    pub fn record(&mut self, conn: &mut Connection, pulled: Pulled, now_ms: u64) -> Result<Step> {
        let Pulled { pass, unreachable } = pulled;
        let mut out = Step {
            files_taken: pass.applied,
            files_left: pass.left.len() + pass.out_of_chain.len(),
            ahead_ms: pass.ahead.values().max().copied(),
            unreachable,
            ..Step::default()
        };
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // A diary deleted (and started empty) or restored from before it joined has left the
        // shared diary: nothing of the folder comes into it.
        if store::computer(&tx)?.is_none() {
            return Err(Error::invalid(
                "sync",
                "This diary is no longer kept in step with a folder.",
            ));
        }
        let first = store::shadow_empty(&tx)?;
        let mut touched: BTreeSet<RowId> =
            pass.taken.iter().flat_map(Taken::rows).cloned().collect();
        if first {
            touched.extend(self.replica.state().rows().cloned());
        }
        let mut journal = pass.taken;
        let before = journal.len();
        // This computer's name, as the others show it ("also edited on …").
        let me = RowId {
            kind: COMPUTERS.into(),
            uuid: hex(&self.replica.node()),
        };
        let name = store::computer(&tx)?.map(|c| Value::from(c.name));
        if name.is_some() && self.replica.state().field(&me, "name").map(|s| s.value) != name {
            let op = self
                .replica
                .set(now_ms, me.clone(), "name", name.unwrap_or_default());
            journal.push(Taken::Op(op));
            touched.insert(me);
        }
        touched.extend(capture(
            &tx,
            &mut self.replica,
            now_ms,
            first,
            &mut journal,
        )?);
        out.recorded = journal.len() - before;
        // When each computer last changed something, for the list of computers.
        let mut latest: BTreeMap<Node, u64> = BTreeMap::new();
        for t in &journal {
            if let Taken::Op(op) = t {
                let at = op.at();
                let seen = latest.entry(at.node).or_default();
                *seen = (*seen).max(at.wall_ms);
            }
        }
        for (node, ms) in latest {
            store::changed_at(&tx, &hex(&node), i64::try_from(ms).unwrap_or(i64::MAX))?;
        }
        (out.placed, out.rows_left) = project(&tx, &self.replica, &touched)?;
        store::unmark_all(&tx)?;
        write_journal(&tx, &journal, self.replica.state())?;
        self.replica
            .seal()
            .map_err(|e| sync_error(format!("This computer's changes could not be sealed ({e:?}); they are kept and tried again.")))?;
        save(&tx, &self.replica)?;
        tx.commit()?;
        Ok(out)
    }

    /// The last part, with no hold on the diary: puts this computer's sealed file in the
    /// folder (and a snapshot, when the folder lost some of its history). `Some(written)`
    /// when the syncer changed and must be saved with [`Syncer::save`].
    pub fn write_folder(&mut self) -> Option<bool> {
        if !self.folder.reachable() {
            return self.replica.has_unwritten().then_some(false);
        }
        let mut changed = false;
        let mut written = true;
        if self.replica.has_unwritten() {
            changed = true;
            written = self.replica.put(&mut self.folder).is_ok();
        }
        if self.replica.repair(&mut self.folder).unwrap_or(false) {
            changed = true;
        }
        changed.then_some(written)
    }

    /// Keeps where this computer is in the folder.
    pub fn save(&self, conn: &Connection) -> Result<()> {
        save(conn, &self.replica)
    }
}

/// The others' files read by [`Syncer::read_folder`].
#[derive(Debug)]
pub struct Pulled {
    pass: Pass,
    unreachable: bool,
}

fn save(conn: &Connection, replica: &Replica) -> Result<()> {
    store::save(
        conn,
        &serde_json::to_string(&replica.saved()).unwrap_or_default(),
    )
}

fn write_journal(conn: &Connection, journal: &[Taken], state: &State) -> Result<()> {
    let entries: Vec<String> = journal
        .iter()
        .map(|e| serde_json::to_string(e).unwrap_or_default())
        .collect();
    if store::append(conn, &entries)? > JOURNAL_FOLD {
        store::fold(
            conn,
            &serde_json::to_string(&Taken::Snapshot(state.clone())).unwrap_or_default(),
        )?;
    }
    Ok(())
}

/// Records what the person changed in the marked kinds since the last step as changes of this
/// computer. On the first step after joining, a set-up row the others already have takes
/// theirs (a new computer's defaults never overwrite the person's settings).
fn capture(
    conn: &Connection,
    replica: &mut Replica,
    now_ms: u64,
    first: bool,
    journal: &mut Vec<Taken>,
) -> Result<BTreeSet<RowId>> {
    let dirty: BTreeSet<String> = store::marked(conn)?.into_iter().collect();
    let settled: BTreeSet<RowId> = store::take_settled(conn)?
        .into_iter()
        .map(|(kind, uuid)| RowId { kind, uuid })
        .collect();
    for kind in synced().filter(|k| dirty.contains(k.key)) {
        let now = current(conn, kind)?;
        let before = shadow(conn, kind)?;
        for (name, (values, fields)) in &now {
            let row = RowId {
                kind: kind.key.into(),
                uuid: name.clone(),
            };
            if replica.state().is_purged(&row) {
                // Emptied from the trash on some computer: it never comes back.
                table::delete(conn, kind, values)?;
                set_shadow(conn, replica.state(), kind, name, None)?;
                continue;
            }
            // The person chose among the versions: each field with others is settled on the
            // value the diary holds now (taken from the other version, or kept).
            let mut handled = BTreeSet::new();
            if settled.contains(&row) {
                for (field, value) in fields {
                    let others = replica.state().field(&row, field).map(|s| s.others.len());
                    if others.unwrap_or(0) > 0 {
                        journal.push(Taken::Op(replica.settle(
                            now_ms,
                            row.clone(),
                            field,
                            value.clone(),
                        )));
                        handled.insert(field.as_str());
                    }
                }
            }
            let seen = before.get(name);
            if seen.map(|s| &s.fields) == Some(fields) && handled.is_empty() {
                continue;
            }
            for (field, value) in fields {
                if handled.contains(field.as_str())
                    || seen.and_then(|s| s.fields.get(field)) == Some(value)
                {
                    continue;
                }
                let shown = replica.state().field(&row, field);
                if shown.as_ref().map(|s| &s.value) == Some(value) {
                    continue;
                }
                if first && seen.is_none() && kind.fixed_rows && shown.is_some() {
                    continue;
                }
                // It replaces the version the person saw, not one that arrived since: that one
                // stays, as "also edited on …".
                let base = seen
                    .and_then(|s| s.stamps.get(field).copied())
                    .or(shown.map(|s| s.at));
                journal.push(Taken::Op(replica.set_based(
                    now_ms,
                    row.clone(),
                    field,
                    value.clone(),
                    base,
                )));
            }
            set_shadow(conn, replica.state(), kind, name, Some(fields))?;
        }
        for name in before.keys().filter(|n| !now.contains_key(*n)) {
            let row = RowId {
                kind: kind.key.into(),
                uuid: name.clone(),
            };
            if !replica.state().is_purged(&row) {
                journal.push(Taken::Op(replica.purge(now_ms, row)));
            }
            set_shadow(conn, replica.state(), kind, name, None)?;
        }
    }
    Ok(settled)
}

/// The row the merged state shows, as an export's object would hold it.
fn shown_object(state: &State, kind: &Kind, row: &RowId) -> Option<Value> {
    if whole(kind) {
        return state.field(row, WHOLE_ROW).map(|s| s.value);
    }
    let mut object = serde_json::Map::new();
    let mut any = false;
    for field in kind.fields {
        let value = state.field(row, field.key).map(|s| s.value);
        any |= value.is_some();
        object.insert(field.key.into(), value.unwrap_or(Value::Null));
    }
    any.then_some(Value::Object(object))
}

/// Puts the merged state's version of each touched row into the diary, parents before
/// children, each row whole or not at all; a row the diary cannot take is left as it is.
/// Returns how many rows were placed and how many left.
fn project(
    conn: &Connection,
    replica: &Replica,
    touched: &BTreeSet<RowId>,
) -> Result<(usize, usize)> {
    let state = replica.state();
    let (mut placed, mut left) = (0, 0);
    for row in touched.iter().filter(|r| r.kind == COMPUTERS) {
        if let Some(Value::String(name)) = state.field(row, "name").map(|s| s.value) {
            store::set_name(conn, &row.uuid, &name)?;
        }
    }
    for kind in synced() {
        let rows: Vec<&RowId> = touched.iter().filter(|r| r.kind == kind.key).collect();
        if rows.is_empty() {
            continue;
        }
        let mine = current(conn, kind)?;
        for row in rows {
            let have = mine.get(&row.uuid);
            if state.is_purged(row) {
                if let Some((values, _)) = have {
                    table::delete(conn, kind, values)?;
                    placed += 1;
                }
                set_shadow(conn, state, kind, &row.uuid, None)?;
                continue;
            }
            let Some(object) = shown_object(state, kind, row) else {
                continue;
            };
            let trashed = state.field(row, TRASHED).and_then(|s| s.value.as_i64());
            match place(
                conn,
                kind,
                &object,
                have.map(|(v, _)| v.as_slice()),
                trashed,
            )? {
                true => placed += 1,
                false => left += 1,
            }
        }
        // What the diary holds now is what it was last in step with.
        let now = current(conn, kind)?;
        for row in touched.iter().filter(|r| r.kind == kind.key) {
            set_shadow(
                conn,
                state,
                kind,
                &row.uuid,
                now.get(&row.uuid).map(|(_, f)| f),
            )?;
            store::set_versions(conn, kind.key, &row.uuid, &others_of(state, kind, row))?;
        }
    }
    Ok((placed, left))
}

/// The versions of a row's fields made elsewhere at the same time as the shown ones.
fn others_of(state: &State, kind: &Kind, row: &RowId) -> Vec<store::Version> {
    if state.is_purged(row) {
        return vec![];
    }
    let keys = kind
        .fields
        .iter()
        .map(|f| f.key)
        .chain([WHOLE_ROW, TRASHED]);
    let mut out = vec![];
    for field in keys {
        for (at, value) in state
            .field(row, field)
            .map(|s| s.others)
            .unwrap_or_default()
        {
            out.push(store::Version {
                kind: kind.key.into(),
                row: row.uuid.clone(),
                field: field.into(),
                node: hex(&at.node),
                at_ms: i64::try_from(at.wall_ms).unwrap_or(i64::MAX),
                value: value.to_string(),
            });
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes one row, with the import's checks, inside a savepoint: `false` when the diary
/// cannot take it, and nothing of it was written.
fn place(
    conn: &Connection,
    kind: &Kind,
    object: &Value,
    have: Option<&[SqlValue]>,
    trashed: Option<i64>,
) -> Result<bool> {
    let Ok(values) = checked_row(kind, object) else {
        return Ok(false);
    };
    for (field, value) in kind.fields.iter().zip(&values) {
        if let (Rule::Parent(parent), SqlValue::Text(uuid)) = (field.rule, value) {
            if !table::parent_exists(conn, parent, uuid)? {
                return Ok(false);
            }
        }
    }
    conn.execute("SAVEPOINT place_row", [])?;
    let written = (|| -> Result<bool> {
        let ok = match have {
            Some(mine) if mine == values.as_slice() => true,
            Some(_) => table::update(conn, kind, &values)?,
            None if kind.fixed_rows && kind.keys.is_empty() => table::update(conn, kind, &values)?,
            None => table::insert(conn, kind, &values, 0)?,
        };
        if ok && table::trashable(kind) {
            table::set_trashed(conn, kind, &values, trashed)?;
        }
        Ok(ok)
    })();
    match written {
        Ok(true) => {
            conn.execute("RELEASE place_row", [])?;
            Ok(true)
        }
        other => {
            conn.execute("ROLLBACK TO place_row", [])?;
            conn.execute("RELEASE place_row", [])?;
            other.map(|_| false)
        }
    }
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
        assert_eq!(
            status(Some(&outcome(Step::default()))),
            ("Up to date at 14:05.".into(), false)
        );
        let everything_wrong = Step {
            unreachable: true,
            ahead_ms: Some(3 * 86_400_000),
            files_left: 2,
            rows_left: 1,
            ..Step::default()
        };
        let (line, trouble) = status(Some(&outcome(everything_wrong.clone())));
        assert!(trouble);
        assert!(line.starts_with("The folder cannot be reached"), "{line}");
        assert!(line.contains("kept on this computer"), "{line}");
        let ahead = Step {
            unreachable: false,
            ..everything_wrong.clone()
        };
        assert!(status(Some(&outcome(ahead)))
            .0
            .contains("about 3 days ahead"));
        let one_file = Step {
            files_left: 1,
            ..Step::default()
        };
        assert_eq!(
            status(Some(&outcome(one_file))).0,
            "Up to date at 14:05, but 1 file in the folder could not be read and was left alone; nothing was changed because of it."
        );
        let two_rows = Step {
            rows_left: 2,
            ..Step::default()
        };
        assert!(status(Some(&outcome(two_rows)))
            .0
            .contains("2 entries from another computer"));
        let failed = Outcome {
            at: "09:00".into(),
            step: Err("The data folder could not be used (disk full).".into()),
        };
        let (line, trouble) = status(Some(&failed));
        assert!(
            trouble && line.contains("at 09:00") && line.contains("disk full"),
            "{line}"
        );
        assert!(!status(None).1);
    }
}
