//! The person's ownership of their whole diary: export and import (of the app's own JSON,
//! and of Daylio and Bearable files), backups and restoring one, and deleting everything.

pub mod bearable;
pub mod daylio;
pub mod document;
pub mod export;
mod foreign;
pub mod import;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::store::backup::{self, BackupInfo, Reason};
use crate::store::cipher::{Keying, Passphrase};
use crate::{store, Companion};
pub use bearable::{BearableCounts, Skipped};
pub use daylio::{DaylioPreview, LabelValue, MoodLabel};
pub use export::{DayRange, DiaryFormat};
pub use import::KindCount;

/// The word typed to confirm deleting everything, so it never happens by a slip.
pub const DELETE_WORD: &str = "DELETE";

impl Companion {
    /// The name an export of today suggests in the save dialog; a `protected` one is a zip.
    pub fn diary_file_name(&self, format: DiaryFormat, protected: bool) -> String {
        let day = self.local_today();
        match (format, protected) {
            (_, false) => format!("recovery-diary-{day}.{}", format.extension()),
            (DiaryFormat::Json, true) => format!("recovery-diary-{day}-protected.zip"),
            (DiaryFormat::CsvZip, true) => format!("recovery-diary-{day}-csv-protected.zip"),
        }
    }

    /// Writes the diary (or the days of `range`) to `path` as `format`, whole or not at all;
    /// `protected`, in a zip encrypted with the diary's passphrase.
    pub fn export_diary(
        &self,
        path: &Path,
        format: DiaryFormat,
        range: &DayRange,
        protected: bool,
    ) -> Result<()> {
        range.days()?;
        let key = match (protected, self.key()) {
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
        let password = key.as_ref().map(Passphrase::expose);
        let now = self.clock.now().with_timezone(&self.clock.zone());
        let exported_at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let zone = self.clock.zone().name().to_owned();
        let inner = self.diary_file_name(DiaryFormat::Json, false);
        // One read transaction: the file is one moment of the diary, even if a reminder
        // writes meanwhile.
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        crate::export::write_atomically_with(path, |w| match (format, password) {
            (DiaryFormat::Json, None) => export::json(&tx, range, &exported_at, &zone, w),
            (DiaryFormat::Json, Some(p)) => {
                export::json_protected(&tx, range, &exported_at, &zone, w, &inner, p)
            }
            (DiaryFormat::CsvZip, p) => export::csv_zip(&tx, range, w, p),
        })
    }

    /// The JSON document in the export at `path`: the file itself, or the one inside a
    /// protected export, opened with the diary's passphrase.
    fn read_export(&self, path: &Path) -> Result<Vec<u8>> {
        let bytes = import::read_limited(path)?;
        import::unprotect(bytes, self.key().as_ref())
    }

    /// What importing the export at `path` would add, per kind; nothing is changed.
    pub fn preview_import(&self, path: &Path, take_setup: bool) -> Result<Vec<KindCount>> {
        let bytes = self.read_export(path)?;
        self.dry_run(|tx, now| import::json(tx, &bytes, take_setup, now))
    }

    /// Imports the export at `path`, all of it or nothing, after a backup of the diary.
    pub fn import_diary(&self, path: &Path, take_setup: bool) -> Result<Vec<KindCount>> {
        let bytes = self.read_export(path)?;
        self.import_after_backup(|tx, now| import::json(tx, &bytes, take_setup, now))
    }

    /// What the Daylio export at `path` holds: its entries, its mood labels with suggested
    /// values, and how many entries are new. Nothing is changed.
    pub fn preview_daylio(&self, path: &Path) -> Result<DaylioPreview> {
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
        let zone = self.clock.zone();
        let new = self.dry_run(|tx, now| daylio::import(tx, &entries, &counting, zone, now))?;
        Ok(DaylioPreview {
            entries: u32::try_from(entries.len()).unwrap_or(u32::MAX),
            first_day: entries.iter().map(|e| e.day).min().map(|d| d.to_string()),
            last_day: entries.iter().map(|e| e.day).max().map(|d| d.to_string()),
            labels,
            new,
        })
    }

    /// Imports the Daylio export at `path` with each mood label valued by `values`, all or
    /// nothing, after a backup; returns how many check-ins were added.
    pub fn import_daylio(&self, path: &Path, values: &[LabelValue]) -> Result<u32> {
        let entries = daylio::parse(&import::read_limited(path)?)?;
        let zone = self.clock.zone();
        self.import_after_backup(|tx, now| daylio::import(tx, &entries, values, zone, now))
    }

    /// What importing the Bearable export at `path` would add, and what it would skip.
    pub fn preview_bearable(&self, path: &Path) -> Result<BearableCounts> {
        let bytes = import::read_limited(path)?;
        let zone = self.clock.zone();
        self.dry_run(|tx, now| bearable::import(tx, &bytes, zone, now))
    }

    /// Imports the Bearable export at `path`, all or nothing, after a backup.
    pub fn import_bearable(&self, path: &Path) -> Result<BearableCounts> {
        let bytes = import::read_limited(path)?;
        let zone = self.clock.zone();
        self.import_after_backup(|tx, now| bearable::import(tx, &bytes, zone, now))
    }

    /// Runs `import` in a transaction that is rolled back: what it would do, changing nothing.
    fn dry_run<T>(&self, import: impl FnOnce(&Connection, i64) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        import(&tx, self.clock.now().timestamp())
        // Dropped, not committed.
    }

    /// Runs `import` once to check it (rolled back, so a bad file costs no backup), then makes
    /// a backup, then runs it for real in one transaction: all of it or nothing.
    fn import_after_backup<T>(&self, import: impl Fn(&Connection, i64) -> Result<T>) -> Result<T> {
        let now = self.clock.now();
        let out = {
            let mut conn = self.lock();
            {
                let tx = conn.transaction()?;
                import(&tx, now.timestamp())?;
            }
            backup::make(&conn, &self.backup_dir(), Reason::BeforeImport, now)?;
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let out = import(&tx, now.timestamp())?;
            tx.commit()?;
            out
        };
        self.announce();
        Ok(out)
    }

    fn backup_dir(&self) -> PathBuf {
        backup::dir_of(&self.path)
    }

    /// Every backup, newest first, with what each holds (or that it needs an earlier
    /// passphrase, or is damaged).
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        backup::list(&self.path, &self.lock())
    }

    /// Makes a backup now, for `reason`.
    pub fn back_up(&self, reason: Reason) -> Result<BackupInfo> {
        let conn = self.lock();
        backup::make(&conn, &self.backup_dir(), reason, self.clock.now())
    }

    /// Makes the day's backup if there is none yet; `true` when one was made.
    pub fn back_up_if_due(&self) -> Result<bool> {
        if !backup::daily_due(&self.backup_dir(), self.clock.now())? {
            return Ok(false);
        }
        self.back_up(Reason::Daily).map(|_| true)
    }

    /// Puts the backup `name` in place of the diary, after keeping the diary as it is now as
    /// one more backup. An older backup is brought up to date as it is restored. One made
    /// under an earlier passphrase needs that passphrase (`earlier`), and is first written
    /// again under the diary's key.
    pub fn restore_backup(&self, name: &str, earlier: Option<Passphrase>) -> Result<BackupInfo> {
        let dir = self.backup_dir();
        let kept = {
            let mut conn = self.lock();
            if let Some(earlier) = &earlier {
                backup::rekey_one(&conn, &dir, name, Some(earlier))?;
            }
            let from = backup::checked(&dir, name, &conn, Keying::Diary)?;
            let kept = backup::make(&conn, &dir, Reason::BeforeRestore, self.clock.now())?;
            backup::restore_into(&mut conn, &from, self.key().as_ref())?;
            prepare_restored(&mut conn)?;
            kept
        };
        self.announce();
        Ok(kept)
    }

    /// Deletes the diary file with its WAL and shared memory, the chosen region for help, and
    /// (if `with_backups`) every backup; then starts a new, empty diary in its place.
    /// `confirmation` must be [`DELETE_WORD`].
    pub fn delete_everything(&self, confirmation: &str, with_backups: bool) -> Result<()> {
        if confirmation.trim() != DELETE_WORD {
            return Err(Error::invalid(
                "confirmation",
                format!("Please type {DELETE_WORD} to confirm. Nothing was deleted."),
            ));
        }
        {
            let mut conn = self.lock();
            // Closing the file first: SQLite must not write into files being removed.
            let old = std::mem::replace(&mut *conn, Connection::open_in_memory()?);
            old.close().map_err(|(_, e)| e)?;
            let dir = self.path.parent().unwrap_or(Path::new("."));
            for suffix in ["", "-wal", "-shm"] {
                let mut side = self.path.as_os_str().to_owned();
                side.push(suffix);
                remove_if_there(Path::new(&side))?;
            }
            remove_if_there(&dir.join(crate::help::REGION_FILE))?;
            remove_if_there(&dir.join(crate::help::NUMBERS_FILE))?;
            *self.help_numbers.lock().unwrap_or_else(|p| p.into_inner()) = None;
            if with_backups {
                match std::fs::remove_dir_all(self.backup_dir()) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                    _ => {}
                }
            }
            // A diary that was encrypted stays so: the new one takes the same passphrase.
            *conn = store::open(&self.path, self.key().as_ref(), self.clock.now())?;
        }
        self.announce();
        Ok(())
    }
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

/// Restores the backup `name` in place of a data file that could not be opened (the damaged
/// file is kept in the backups folder) and opens the restored diary.
///
/// A backup made under an earlier passphrase (`earlier`) is first written again under the key
/// in force, which needs the diary's passphrase check (or a plain diary).
pub fn restore_over_damaged(
    data_file: &Path,
    name: &str,
    key: Option<Passphrase>,
    earlier: Option<Passphrase>,
    clock: std::sync::Arc<dyn crate::Clock>,
) -> Result<Companion> {
    let from = without_diary(data_file, key.as_ref(), |conn, keying| {
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
    backup::replace_damaged(data_file, &from, clock.now())?;
    Companion::open_with(data_file, clock, key)
}
