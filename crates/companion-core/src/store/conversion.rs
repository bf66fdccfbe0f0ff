//! Turning encryption on or off and changing the passphrase, so that a process killed at any
//! instant leaves the diary *and every backup* under one key: all under the old one, or all
//! under the new one. Never a new diary beside old backups, which a passphrase that opens the
//! backups but not the diary would make look damaged.
//!
//! The conversion is a small journal in a staging folder beside the diary,
//! `<file>.conversion/`:
//!
//! 1. the diary is written whole under the new key as `diary.sqlite3`, and every backup under
//!    the old key beside it (`backups/<name>`), sharing the new diary's key and salt, each
//!    checked and synced; with a new passphrase, also a passphrase check (below);
//! 2. **the commit**: the file `committed`, naming the state to reach, is written and synced in
//!    one rename. Before it, the live files were never touched, and opening throws the staging
//!    folder away; from it on, the conversion has happened;
//! 3. finishing ([`roll_forward`]): the marker of an encrypted diary written (or removed), each
//!    staged file renamed over its live one, then `committed` removed, then the folder. Every
//!    step can be done again, so opening after a kill anywhere here finishes the same way.
//!
//! Beside an encrypted diary lie two small SQLCipher files that hold nothing of the diary:
//! `<file>.passphrase-check`, under the passphrase in force (with the diary's salt), and for
//! [`REPLACED_KEPT_DAYS`] after a change `<file>.replaced-passphrase`, under the passphrase
//! before it. They let the app *check*, rather than guess, what a refused passphrase means:
//! the one in force (so the diary file really is damaged), the one just replaced (so the
//! person is told that a newer one opens it), or neither. Guessing against them is exactly as
//! slow as against the diary.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::store::cipher::{self, Keying, Passphrase};
use crate::store::{backup, private_dir, private_file};

/// The staging folder's suffix, beside the data file.
pub const STAGING_SUFFIX: &str = ".conversion";
/// How long after a change the replaced passphrase is still recognised.
pub const REPLACED_KEPT_DAYS: i64 = 14;

const COMMITTED: &str = "committed";
const STAGED_DIARY: &str = "diary.sqlite3";
const STAGED_CHECK: &str = "passphrase-check";
const STAGED_BACKUPS: &str = "backups";

fn remove_if_there(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

fn remove_dir_if_there(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    if dir.is_dir() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The state a committed conversion reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Encrypted, with the passphrase check before it kept as the replaced one.
    Changed,
    /// Encrypted, from a plain diary.
    Encrypted,
    Plain,
}

impl Target {
    fn word(self) -> &'static str {
        match self {
            Target::Changed => "changed",
            Target::Encrypted => "encrypted",
            Target::Plain => "plain",
        }
    }

    fn read(text: &str) -> Option<Self> {
        [Target::Changed, Target::Encrypted, Target::Plain]
            .into_iter()
            .find(|t| t.word() == text.trim())
    }
}

/// Before the diary at `path` is opened: a conversion that reached its commit is finished, one
/// that did not is thrown away (the live files are as they were), and what earlier versions'
/// conversions left is removed. Needs no key: it only renames and removes files.
pub(crate) fn recover(path: &Path) -> Result<()> {
    let staging = cipher::beside(path, STAGING_SUFFIX);
    if staging.exists() {
        match std::fs::read_to_string(staging.join(COMMITTED)) {
            Ok(text) => {
                let target = Target::read(&text).ok_or_else(|| {
                    Error::Migration("a change of passphrase left a journal it cannot read".into())
                })?;
                roll_forward(path, target)?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => remove_dir_if_there(&staging)?,
            Err(e) => return Err(e.into()),
        }
    }
    // Versions before the journal wrote the new file as `.converting` and renamed it into
    // place in one step; an unfinished one was never used.
    let converting = cipher::beside(path, ".converting");
    remove_if_there(&cipher::beside(&converting, "-journal"))?;
    remove_if_there(&converting)
}

/// After the diary at `path` opened (`encrypted` or not): the marker of a plain one goes, and
/// what earlier versions kept of the old file during a conversion.
pub(crate) fn opened(path: &Path, encrypted: bool) -> Result<()> {
    if !encrypted {
        remove_if_there(&cipher::marker(path))?;
        remove_if_there(&cipher::passphrase_check(path))?;
        remove_if_there(&cipher::replaced_check(path))?;
    }
    let before = cipher::beside(path, ".before-conversion");
    for side in ["-wal", "-shm", "-journal", ""] {
        remove_if_there(&cipher::beside(&before, side))?;
    }
    // What a kill left of a passphrase check, a restore over a damaged diary or a backup.
    for partial in [
        cipher::beside(&cipher::passphrase_check(path), ".partial"),
        cipher::beside(
            &cipher::beside(&cipher::passphrase_check(path), ".partial"),
            "-journal",
        ),
        path.with_extension("sqlite3.restoring"),
    ] {
        remove_if_there(&partial)?;
    }
    backup::clear_partials(&backup::dir_of(path))?;
    crate::export::clear_stale_partials(path.parent().unwrap_or(Path::new(".")))
}

/// Finishes the committed conversion of the diary at `path` to `target`. Each step can be
/// repeated after a kill; `committed` goes only after every staged file is in place.
fn roll_forward(path: &Path, target: Target) -> Result<()> {
    let staging = cipher::beside(path, STAGING_SUFFIX);
    let dir = path.parent().unwrap_or(Path::new("."));
    let marker = cipher::marker(path);
    // The marker first: an encrypted file at `path` is never without it.
    if target != Target::Plain && !marker.exists() {
        crate::export::write_atomically(&marker, b"")?;
        private_file(&marker)?;
    }
    let staged_backups = staging.join(STAGED_BACKUPS);
    if staged_backups.is_dir() {
        let live = backup::dir_of(path);
        private_dir(&live)?;
        for entry in std::fs::read_dir(&staged_backups)?.flatten() {
            std::fs::rename(entry.path(), live.join(entry.file_name()))?;
        }
        sync_dir(&live)?;
    }
    let check = cipher::passphrase_check(path);
    let replaced = cipher::replaced_check(path);
    let staged_check = staging.join(STAGED_CHECK);
    if staged_check.exists() {
        // Only while the new check is still staged: done again after it moved, this would
        // call the new passphrase the replaced one.
        if target == Target::Changed && check.exists() {
            std::fs::rename(&check, &replaced)?;
        }
        if target == Target::Changed && replaced.exists() {
            // Its time says when the passphrase was replaced: the commit's, not the time the
            // old check was written (which may be months ago).
            let committed = std::fs::metadata(staging.join(COMMITTED))?.modified()?;
            std::fs::File::options()
                .write(true)
                .open(&replaced)?
                .set_modified(committed)?;
        }
        std::fs::rename(&staged_check, &check)?;
    }
    if target != Target::Changed {
        remove_if_there(&replaced)?;
    }
    let staged_diary = staging.join(STAGED_DIARY);
    if staged_diary.exists() {
        // The old file's WAL was checkpointed into it before the commit; one left beside the
        // new file would be replayed into it.
        for side in ["-wal", "-shm"] {
            remove_if_there(&cipher::beside(path, side))?;
        }
        std::fs::rename(&staged_diary, path)?;
    }
    if target == Target::Plain {
        remove_if_there(&check)?;
        remove_if_there(&marker)?;
    }
    sync_dir(dir)?;
    remove_if_there(&staging.join(COMMITTED))?;
    remove_dir_if_there(&staging)?;
    sync_dir(dir)
}

/// A connection of its own on a staged or check file, keyed as given, never through the
/// diary's: what is read through it is checked against its own key.
fn open_keyed(path: &Path, key: Option<&Passphrase>, write: bool) -> Result<Connection> {
    super::sqlite_ready();
    let flags = if write {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let conn = Connection::open_with_flags(path, flags)?;
    cipher::key(&conn, key)?;
    Ok(conn)
}

/// The steps of a conversion, in order, so that a test can stop it after any of them as a
/// kill would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The diary was written under the new key into the staging folder and checked.
    StagedDiary,
    /// One more backup was written under the new key into the staging folder and checked.
    StagedBackup,
    /// The passphrase check of the new passphrase was staged.
    StagedCheck,
    /// The old diary's connection was closed.
    ClosedOld,
    /// The journal was committed: from here the conversion has happened.
    Committed,
    /// Every staged file is in place and the staging folder is gone.
    Finished,
}

/// Rewrites the diary open on `conn` (keyed with `old`) and all its backups under `new`
/// (`None`: plain) and returns the new diary's connection; `conn` is left closed. On an error
/// before the commit, the old diary is opened again and nothing has changed.
///
/// `go_on` is called after each [`Step`]: when it answers `false` the conversion stops there
/// and then, leaving the files as a kill at that moment would (`Ok(None)`), for the tests.
pub(crate) fn convert_until(
    conn: &mut Connection,
    path: &Path,
    old: Option<&Passphrase>,
    new: Option<&Passphrase>,
    now: chrono::DateTime<chrono::Utc>,
    go_on: &mut dyn FnMut(Step) -> bool,
) -> Result<Option<Connection>> {
    let staging = cipher::beside(path, STAGING_SUFFIX);
    let target = match (old, new) {
        (_, None) => Target::Plain,
        (None, Some(_)) => Target::Encrypted,
        (Some(_), Some(_)) => Target::Changed,
    };
    let staged = (|| -> Result<bool> {
        remove_dir_if_there(&staging)?;
        private_dir(&staging)?;
        stage(conn, path, &staging, old, new, go_on)
    })();
    match staged {
        Ok(true) => {}
        Ok(false) => return Ok(None),
        Err(e) => {
            let _ = remove_dir_if_there(&staging);
            return Err(e);
        }
    }
    // Everything in the WAL goes into the file and the file is closed: nothing may be written
    // to the old diary after it was copied.
    let (busy, _, _): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    if busy != 0 {
        let _ = remove_dir_if_there(&staging);
        return Err(Error::Migration(
            "the diary is busy; please try again in a moment".into(),
        ));
    }
    let old_conn = std::mem::replace(conn, Connection::open_in_memory()?);
    if let Err((back, e)) = old_conn.close() {
        *conn = back;
        let _ = remove_dir_if_there(&staging);
        return Err(e.into());
    }
    if !go_on(Step::ClosedOld) {
        return Ok(None);
    }
    let committed = (|| -> Result<()> {
        let journal = staging.join(COMMITTED);
        crate::export::write_atomically(&journal, target.word().as_bytes())?;
        private_file(&journal)
    })();
    if let Err(e) = committed {
        let _ = remove_dir_if_there(&staging);
        *conn = super::open(path, old, now)?;
        return Err(e);
    }
    if !go_on(Step::Committed) {
        return Ok(None);
    }
    roll_forward(path, target).map_err(|e| {
        Error::Migration(format!(
            "the new passphrase is in force, but putting the files in place stopped ({e}); \
             please restart the app, which finishes it"
        ))
    })?;
    if !go_on(Step::Finished) {
        return Ok(None);
    }
    let opened = super::open(path, new, now)?;
    self::opened(path, new.is_some())?;
    Ok(Some(opened))
}

/// Step 1: the diary, its backups and the passphrase check, under the new key, in `staging`.
/// `Ok(false)` when `go_on` stopped it.
fn stage(
    conn: &Connection,
    path: &Path,
    staging: &Path,
    old: Option<&Passphrase>,
    new: Option<&Passphrase>,
    go_on: &mut dyn FnMut(Step) -> bool,
) -> Result<bool> {
    let diary = staging.join(STAGED_DIARY);
    let keying = new.map_or(Keying::Plain, Keying::With);
    cipher::export(conn, "main", &diary, keying)?;
    private_file(&diary)?;
    std::fs::File::open(&diary)?.sync_all()?;
    // Checked through a connection of its own, keyed with the new passphrase, which also
    // writes the backups: they take its key and salt, as backups of the diary always do.
    let staged = open_keyed(&diary, new, true)?;
    let was = backup::counts_in(conn, "main").map_err(Error::Migration)?;
    let is = backup::counts_in(&staged, "main").map_err(Error::Migration)?;
    if was != is {
        return Err(Error::Migration(format!(
            "the converted diary holds {is:?}, not {was:?}"
        )));
    }
    if !go_on(Step::StagedDiary) {
        return Ok(false);
    }
    let live = backup::dir_of(path);
    let into = staging.join(STAGED_BACKUPS);
    private_dir(&into)?;
    for name in backup::file_names(&live)? {
        let from = live.join(&name);
        // A backup under the old key is converted with the diary; a plain one an earlier
        // version left beside an encrypted diary is encrypted too. One under a passphrase from
        // before, or a damaged one, is left as it is: the list says what it needs.
        let source = if backup::counts(conn, &from, Keying::Diary).is_ok() {
            old.map_or(Keying::Plain, Keying::With)
        } else if old.is_some() && cipher::plain_header(&from) {
            Keying::Plain
        } else if let Some(old) = old.filter(|_| !cipher::plain_header(&from)) {
            // Under the old passphrase with a salt of its own (earlier versions restored a
            // damaged diary under a new salt): it opens with the passphrase, more slowly.
            if backup::counts(conn, &from, Keying::With(old)).is_err() {
                continue;
            }
            Keying::With(old)
        } else {
            continue;
        };
        let to = into.join(&name);
        cipher::attach(&staged, &from, "old_backup", source)?;
        let exported = cipher::export(&staged, "old_backup", &to, Keying::Diary);
        cipher::detach(&staged, "old_backup")?;
        match exported {
            Ok(()) => {}
            // A plain-looking file that is not a whole backup: left alone, as above.
            Err(_) if matches!(source, Keying::Plain) && old.is_some() => {
                let _ = std::fs::remove_file(&to);
                continue;
            }
            Err(e) => return Err(e),
        }
        private_file(&to)?;
        backup::counts(&staged, &to, Keying::Diary)?;
        std::fs::File::open(&to)?.sync_all()?;
        if !go_on(Step::StagedBackup) {
            return Ok(false);
        }
    }
    sync_dir(&into)?;
    if new.is_some() {
        write_check(&staged, &staging.join(STAGED_CHECK))?;
        if !go_on(Step::StagedCheck) {
            return Ok(false);
        }
    }
    drop(staged);
    sync_dir(staging)?;
    Ok(true)
}

/// Writes a passphrase check at `to` through `conn`, an encrypted diary's connection: an
/// empty database under its key and salt, holding nothing of the diary.
fn write_check(conn: &Connection, to: &Path) -> Result<()> {
    let partial = cipher::beside(to, ".partial");
    let _ = std::fs::remove_file(&partial);
    cipher::attach(conn, &partial, "pcheck", Keying::Diary)?;
    let made = conn.execute_batch("CREATE TABLE pcheck.passphrase_check (made INTEGER)");
    cipher::detach(conn, "pcheck")?;
    made?;
    private_file(&partial)?;
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, to)?;
    Ok(())
}

/// After an encrypted diary opened on `conn`: the check of its passphrase is made if an earlier
/// version left none, and the replaced passphrase's check goes once it is old.
pub(crate) fn keep_checks(
    conn: &Connection,
    path: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let check = cipher::passphrase_check(path);
    if !check.exists() {
        write_check(conn, &check)?;
        if let Some(dir) = path.parent() {
            sync_dir(dir)?;
        }
    }
    let replaced = cipher::replaced_check(path);
    if let Some(when) = modified(&replaced) {
        if now - when > chrono::Duration::days(REPLACED_KEPT_DAYS) {
            remove_if_there(&replaced)?;
        }
    }
    Ok(())
}

fn modified(path: &Path) -> Option<chrono::DateTime<chrono::Utc>> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(chrono::DateTime::<chrono::Utc>::from(time))
}

/// Whether `key` opens the check file at `path`.
fn opens(path: &Path, key: &Passphrase) -> bool {
    path.is_file() && open_keyed(path, Some(key), false).is_ok_and(|c| cipher::reads(&c))
}

/// What a passphrase the encrypted diary at `path` refused means, checked against the files
/// that can tell. Never inferred from which backups it happens to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// It is the passphrase in force: the diary file itself is damaged.
    Damaged,
    /// It was the passphrase until a change this long ago.
    Replaced(chrono::Duration),
    Wrong,
}

pub(crate) fn refusal(
    path: &Path,
    key: &Passphrase,
    now: chrono::DateTime<chrono::Utc>,
) -> Refusal {
    let check = cipher::passphrase_check(path);
    let in_force = if check.is_file() {
        opens(&check, key)
    } else {
        // Diaries from before the check: a backup sharing the diary's salt was written under
        // the diary's key, so if it opens with `key`, `key` is the diary's.
        backup::shares_salt_and_opens(path, key)
    };
    if in_force {
        return Refusal::Damaged;
    }
    let replaced = cipher::replaced_check(path);
    if opens(&replaced, key) {
        let ago = modified(&replaced).map_or(chrono::Duration::zero(), |t| now - t);
        return Refusal::Replaced(ago.max(chrono::Duration::zero()));
    }
    Refusal::Wrong
}

/// The sentence for a passphrase replaced `ago`.
pub(crate) fn replaced_sentence(ago: chrono::Duration) -> String {
    let when = if ago < chrono::Duration::minutes(2) {
        "a moment ago".to_owned()
    } else if ago < chrono::Duration::hours(2) {
        format!("{} minutes ago", ago.num_minutes())
    } else if ago < chrono::Duration::days(2) {
        format!("{} hours ago", ago.num_hours())
    } else {
        format!("{} days ago", ago.num_days())
    };
    format!(
        "That passphrase was replaced by a newer one {when}, and the diary now opens with the \
         newer one. Please type the passphrase you chose then."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_replaced_sentence_says_when_in_plain_words() {
        let s = |m: i64| replaced_sentence(chrono::Duration::minutes(m));
        assert!(s(0).contains("a moment ago"), "{}", s(0));
        assert!(s(30).contains("30 minutes ago"), "{}", s(30));
        assert!(s(5 * 60).contains("5 hours ago"), "{}", s(300));
        assert!(s(3 * 24 * 60).contains("3 days ago"), "{}", s(3 * 24 * 60));
        assert!(s(0).contains("newer one"));
    }

    #[test]
    fn the_journal_names_every_target() {
        for t in [Target::Changed, Target::Encrypted, Target::Plain] {
            assert_eq!(Target::read(t.word()), Some(t));
        }
        assert_eq!(Target::read("half"), None);
    }
}
