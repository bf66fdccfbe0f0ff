//! Turning encryption on or off and changing the passphrase, so that a process killed at any
//! moment leaves one whole diary at the data file's path, never none and never half of one.
//!
//! The diary is written whole into `<file>.converting` under the new key and checked there;
//! the old file gets a second name, `<file>.before-conversion` (a hard link, so the data file's
//! path never stands empty); one rename puts the new file in its place; the second name goes
//! once the new file has opened. Opening a diary first removes an unfinished `.converting`
//! left by a kill, and after opening removes a `.before-conversion` that is no longer needed.
//! The marker that says the diary is encrypted ([`cipher::MARKER_SUFFIX`]) is written before the
//! rename that puts an encrypted file in place and removed only after a plain one has opened,
//! so an encrypted file is never without it.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::store::cipher::{self, Keying, Passphrase};
use crate::store::{backup, private_file};

fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_there(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

/// Removes what a conversion killed before its rename left: the new file was never used.
pub(crate) fn discard_unfinished(path: &Path) -> Result<()> {
    let converting = beside(path, ".converting");
    remove_if_there(&beside(&converting, "-journal"))?;
    remove_if_there(&converting)
}

/// After the diary at `path` opened (`encrypted` or not): the old file's second name is no
/// longer needed, nor the marker of a plain one.
pub(crate) fn opened(path: &Path, encrypted: bool) -> Result<()> {
    if !encrypted {
        remove_if_there(&cipher::marker(path))?;
    }
    remove_if_there(&beside(path, ".before-conversion"))
}

/// Rewrites the diary open on `conn` (keyed with `old`) under `new` (`None`: plain), puts it in
/// place of the old file, and returns the new file's connection; `conn` is left closed.
/// On an error before the rename, the old diary is opened again and nothing has changed.
pub(crate) fn convert(
    conn: &mut Connection,
    path: &Path,
    old: Option<&Passphrase>,
    new: Option<&Passphrase>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Connection> {
    let converting = beside(path, ".converting");
    let before = beside(path, ".before-conversion");
    let keying = new.map_or(Keying::Plain, Keying::With);
    let written = (|| -> Result<()> {
        cipher::export(conn, "main", &converting, keying)?;
        private_file(&converting)?;
        let was = backup::counts_in(conn, "main").map_err(Error::Migration)?;
        let is = backup::counts(conn, &converting, keying)?;
        if was != is {
            return Err(Error::Migration(format!(
                "the converted diary holds {is:?}, not {was:?}"
            )));
        }
        std::fs::File::open(&converting)?.sync_all()?;
        Ok(())
    })();
    if let Err(e) = written {
        let _ = discard_unfinished(path);
        return Err(e);
    }
    // Everything in the WAL goes into the file, and the file is closed, so that no WAL of the
    // old file is ever read as the new file's.
    let (busy, _, _): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    if busy != 0 {
        let _ = discard_unfinished(path);
        return Err(Error::Migration(
            "the diary is busy; please try again in a moment".into(),
        ));
    }
    let old_conn = std::mem::replace(conn, Connection::open_in_memory()?);
    if let Err((back, e)) = old_conn.close() {
        *conn = back;
        let _ = discard_unfinished(path);
        return Err(e.into());
    }
    let mut reopen_old = |e: Error| -> Error {
        let _ = discard_unfinished(path);
        match super::open(path, old, now) {
            Ok(c) => {
                *conn = c;
                e
            }
            Err(again) => again,
        }
    };
    remove_if_there(&before).map_err(&mut reopen_old)?;
    for side in ["-wal", "-shm"] {
        remove_if_there(&beside(path, side)).map_err(&mut reopen_old)?;
    }
    if new.is_some() {
        let marker = cipher::marker(path);
        crate::export::write_atomically(&marker, b"").map_err(&mut reopen_old)?;
        private_file(&marker).map_err(&mut reopen_old)?;
    }
    std::fs::hard_link(path, &before).map_err(|e| reopen_old(e.into()))?;
    std::fs::rename(&converting, path).map_err(|e| reopen_old(e.into()))?;
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    let opened_new = super::open(path, new, now);
    match opened_new {
        Ok(c) => {
            opened(path, new.is_some())?;
            Ok(c)
        }
        Err(e) => {
            // The checked file would not open: the old one goes back under its name.
            std::fs::rename(&before, path)?;
            *conn = super::open(path, old, now)?;
            Err(e)
        }
    }
}
