//! The person's ownership of their whole diary: export and import (of the app's own JSON,
//! and of Daylio and Bearable files), backups and restoring one, and deleting everything.

pub mod bearable;
pub mod daylio;
pub mod document;
pub mod export;
mod foreign;
pub mod import;
pub mod sync;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use crate::clock::Moment;
use crate::error::{Error, Result};
use crate::store;
use crate::store::backup::{self, BackupInfo, Reason};
use crate::store::cipher::{Keying, Passphrase};
pub use bearable::{BearableCounts, Skipped};
pub use daylio::{DaylioPreview, LabelValue, MoodLabel};
pub use export::{DayRange, DiaryFormat};
pub use import::KindCount;

/// The word typed to confirm deleting everything, so it never happens by a slip.
pub const DELETE_WORD: &str = "DELETE";

/// The name an export made on `day` suggests in the save dialog; a `protected` one is a zip.
pub fn file_name(day: NaiveDate, format: DiaryFormat, protected: bool) -> String {
    match (format, protected) {
        (_, false) => format!("recovery-diary-{day}.{}", format.extension()),
        (DiaryFormat::Json, true) => format!("recovery-diary-{day}-protected.zip"),
        (DiaryFormat::CsvZip, true) => format!("recovery-diary-{day}-csv-protected.zip"),
    }
}

/// Writes the diary (or the days of `range`) to `path` as `format`, whole or not at all;
/// `protected`, in a zip encrypted with the diary's passphrase `key`.
pub fn export_to(
    conn: &mut Connection,
    path: &Path,
    (format, range): (DiaryFormat, &DayRange),
    (protected, key): (bool, Option<&Passphrase>),
    m: &Moment,
) -> Result<()> {
    range.days()?;
    let key = match (protected, key) {
        (false, _) => None,
        (true, Some(key)) => Some(key),
        (true, None) => {
            return Err(Error::invalid(
                "protect",
                "An export is protected with your diary's passphrase: please turn on \
                 encryption first, or export without protection.",
            ))
        }
    };
    let password = key.map(Passphrase::expose);
    let exported_at = m
        .now
        .with_timezone(&m.zone)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let zone = m.zone.name().to_owned();
    let inner = file_name(m.today(), DiaryFormat::Json, false);
    // One read transaction: the file is one moment of the diary, even if a reminder writes
    // meanwhile.
    let tx = conn.transaction()?;
    crate::export::write_atomically_with(path, |w| match (format, password) {
        (DiaryFormat::Json, None) => export::json(&tx, range, &exported_at, &zone, w),
        (DiaryFormat::Json, Some(p)) => {
            export::json_protected(&tx, range, &exported_at, &zone, w, &inner, p)
        }
        (DiaryFormat::CsvZip, p) => export::csv_zip(&tx, range, w, p),
    })
}

/// The JSON document in the export at `path`: the file itself, or the one inside a protected
/// export, opened with the diary's passphrase `key`.
pub fn read_export(path: &Path, key: Option<&Passphrase>) -> Result<Vec<u8>> {
    import::unprotect(import::read_limited(path)?, key)
}

/// What the Daylio export at `path` holds: its entries, its mood labels with suggested
/// values, and how many entries are new. Nothing is changed.
pub fn preview_daylio(conn: &mut Connection, path: &Path, m: &Moment) -> Result<DaylioPreview> {
    let entries = daylio::parse(&import::read_limited(path)?)?;
    let labels = daylio::labels(&entries);
    // Counted by the import itself, rolled back; any value serves for counting.
    let counting: Vec<LabelValue> = labels
        .iter()
        .map(|l| LabelValue {
            label: l.label.clone(),
            value: l.value.unwrap_or(5),
        })
        .collect();
    let new = dry_run(conn, m.now, |tx, now| {
        daylio::import(tx, &entries, &counting, m.zone, now)
    })?;
    Ok(DaylioPreview {
        entries: u32::try_from(entries.len()).unwrap_or(u32::MAX),
        first_day: entries.iter().map(|e| e.day).min().map(|d| d.to_string()),
        last_day: entries.iter().map(|e| e.day).max().map(|d| d.to_string()),
        labels,
        new,
    })
}

/// Runs `import` in a transaction that is rolled back: what it would do, changing nothing.
pub fn dry_run<T>(
    conn: &mut Connection,
    now: DateTime<Utc>,
    import: impl FnOnce(&Connection, i64) -> Result<T>,
) -> Result<T> {
    let tx = conn.transaction()?;
    import(&tx, now.timestamp())
    // Dropped, not committed.
}

/// Runs `import` once to check it (rolled back, so a bad file costs no backup), then makes a
/// backup of the diary at `data_file`, then runs it for real in one transaction: all of it or
/// nothing.
pub fn import_after_backup<T>(
    conn: &mut Connection,
    data_file: &Path,
    now: DateTime<Utc>,
    import: impl Fn(&Connection, i64) -> Result<T>,
) -> Result<T> {
    {
        let tx = conn.transaction()?;
        import(&tx, now.timestamp())?;
    }
    backup::make(conn, &backup::dir_of(data_file), Reason::BeforeImport, now)?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let out = import(&tx, now.timestamp())?;
    tx.commit()?;
    Ok(out)
}

/// Every backup of the diary open in `conn`, newest first, with what each holds.
pub fn backups(conn: &Connection, data_file: &Path) -> Result<Vec<BackupInfo>> {
    backup::list(data_file, conn)
}

/// Makes a backup of the diary at `data_file` now, for `reason`.
pub fn back_up(
    conn: &Connection,
    data_file: &Path,
    reason: Reason,
    now: DateTime<Utc>,
) -> Result<BackupInfo> {
    backup::make(conn, &backup::dir_of(data_file), reason, now)
}

/// Whether the day's backup of the diary at `data_file` is still to be made.
pub fn daily_backup_due(data_file: &Path, now: DateTime<Utc>) -> Result<bool> {
    backup::daily_due(&backup::dir_of(data_file), now)
}

/// Puts the backup `name` in place of the diary open in `conn`, after keeping the diary as it
/// is now as one more backup, which is returned. An older backup is brought up to date as it
/// is restored. One made under an earlier passphrase needs that passphrase (`earlier`), and
/// is first written again under the diary's key `key`.
pub fn restore_backup(
    conn: &mut Connection,
    data_file: &Path,
    name: &str,
    earlier: Option<Passphrase>,
    key: Option<&Passphrase>,
    now: DateTime<Utc>,
) -> Result<BackupInfo> {
    let dir = backup::dir_of(data_file);
    if let Some(earlier) = &earlier {
        backup::rekey_one(conn, &dir, name, Some(earlier))?;
    }
    let from = backup::checked(&dir, name, conn, Keying::Diary)?;
    let kept = backup::make(conn, &dir, Reason::BeforeRestore, now)?;
    backup::restore_into(conn, &from, key)?;
    prepare_restored(conn)?;
    Ok(kept)
}

/// Deletes the diary file at `data_file` (open in `conn`) with its WAL and shared memory, the
/// chosen region for help and the lock screen's numbers, and (if `with_backups`) every
/// backup; then starts a new, empty diary in its place, under the same passphrase `key`.
/// `confirmation` must be [`DELETE_WORD`].
pub fn delete_everything(
    conn: &mut Connection,
    data_file: &Path,
    confirmation: &str,
    with_backups: bool,
    key: Option<&Passphrase>,
    now: DateTime<Utc>,
) -> Result<()> {
    if confirmation.trim() != DELETE_WORD {
        return Err(Error::invalid(
            "confirmation",
            format!("Please type {DELETE_WORD} to confirm. Nothing was deleted."),
        ));
    }
    // Closing the file first: SQLite must not write into files being removed.
    let old = std::mem::replace(conn, Connection::open_in_memory()?);
    old.close().map_err(|(_, e)| e)?;
    let dir = data_file.parent().unwrap_or(Path::new("."));
    for suffix in ["", "-wal", "-shm"] {
        let mut side = data_file.as_os_str().to_owned();
        side.push(suffix);
        remove_if_there(Path::new(&side))?;
    }
    remove_if_there(&dir.join(crate::help::REGION_FILE))?;
    remove_if_there(&dir.join(crate::help::NUMBERS_FILE))?;
    if with_backups {
        match std::fs::remove_dir_all(backup::dir_of(data_file)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    // A diary that was encrypted stays so: the new one takes the same passphrase.
    *conn = store::open(data_file, key, now)?;
    Ok(())
}

/// After a restore: the schema brought up to date and the WAL kept on.
fn prepare_restored(conn: &mut Connection) -> Result<()> {
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    store::migrate(conn)
}

fn remove_if_there(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// Reads backups without an open diary, through a connection keyed as the diary was: on its
/// passphrase check when it has one (so backups are checked without deriving the key again
/// for each), else on an empty database (plain, or attaching each backup with `key`).
fn without_diary<T>(
    data_file: &Path,
    key: Option<&Passphrase>,
    read: impl FnOnce(&Connection, Keying) -> Result<T>,
) -> Result<T> {
    store::sqlite_ready();
    if let Some(key) = key {
        let check = store::cipher::passphrase_check(data_file);
        let opened = check.is_file().then(|| Connection::open(&check));
        if let Some(Ok(conn)) = opened {
            store::cipher::key(&conn, Some(key))?;
            if store::cipher::reads(&conn) {
                return read(&conn, Keying::Diary);
            }
        }
    }
    let conn = Connection::open_in_memory()?;
    store::cipher::key(&conn, None)?;
    read(&conn, key.map_or(Keying::Diary, Keying::With))
}

/// For the screen shown when the diary could not be opened: the newest backup that can be
/// restored, if any, and what the damaged diary itself still shows, to compare.
pub fn newest_good_backup(data_file: &Path, key: Option<&Passphrase>) -> Option<BackupInfo> {
    backups_of(data_file, key)
        .ok()?
        .into_iter()
        .find(|b| b.counts.is_some())
}

/// Every backup of the data file at `data_file`, when it could not be opened.
pub fn backups_of(data_file: &Path, key: Option<&Passphrase>) -> Result<Vec<BackupInfo>> {
    without_diary(data_file, key, |conn, keying| match keying {
        Keying::Diary => backup::list(data_file, conn),
        // A diary from before the passphrase check: each backup is tried with the key.
        _ => {
            let mut all = backup::list(data_file, conn)?;
            for b in &mut all {
                if let Ok(counts) =
                    backup::counts(conn, &backup::dir_of(data_file).join(&b.name), keying)
                {
                    b.counts = Some(counts);
                    b.earlier_passphrase = false;
                }
            }
            Ok(all)
        }
    })
}

/// What the diary at `data_file`, which could not be opened, still shows of its entries, read
/// as far as the damage allows; `None` when it cannot be read at all.
pub fn damaged_counts(data_file: &Path, key: Option<&Passphrase>) -> Option<backup::EntryCounts> {
    store::sqlite_ready();
    let conn = Connection::open_with_flags(
        data_file,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    store::cipher::key(&conn, key).ok()?;
    backup::counts_readable(&conn, "main")
}

/// Puts the backup `name` in place of a data file that could not be opened; the damaged file
/// is kept in the backups folder.
///
/// A backup made under an earlier passphrase (`earlier`) is first written again under the key
/// in force, which needs the diary's passphrase check (or a plain diary).
pub fn replace_damaged(
    data_file: &Path,
    name: &str,
    key: Option<&Passphrase>,
    earlier: Option<Passphrase>,
    now: DateTime<Utc>,
) -> Result<()> {
    let from = without_diary(data_file, key, |conn, keying| {
        let dir = backup::dir_of(data_file);
        if let Some(earlier) = &earlier {
            if !matches!(keying, Keying::Diary) {
                return Err(Error::invalid(
                    "earlierPassphrase",
                    "This backup cannot be brought under your passphrase while the diary is \
                     damaged. Please restore one that opens with it.",
                ));
            }
            backup::rekey_one(conn, &dir, name, Some(earlier))?;
        }
        backup::checked(&dir, name, conn, keying)
    })?;
    backup::replace_damaged(data_file, &from, now)
}
