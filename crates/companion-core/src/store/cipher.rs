//! Encryption at rest with SQLCipher: the passphrase (kept in memory only), keying a
//! connection, telling an encrypted file from a plain one, and writing a whole diary into a
//! new file under another key, which turning encryption on or off, changing the passphrase and
//! every backup of an encrypted diary go through.
//!
//! SQLCipher derives the page key from the passphrase and the salt in the file's first 16
//! bytes (PBKDF2-HMAC-SHA512, 256,000 rounds): that is what makes a guess slow, and opening a
//! file cost about 0.2 s. A file attached to a keyed connection without a key of its own
//! takes that connection's key and salt, so backups made that way are checked in a fraction
//! of a millisecond instead of paying the derivation again for each.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};

/// The person's passphrase. Never written anywhere, never in a `Debug` line or a message; its
/// bytes are overwritten when it is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

/// The shortest passphrase a new choice may have: long enough to resist guessing at 0.2 s a
/// guess, short enough to type every morning.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
const MAX_PASSPHRASE_CHARS: usize = 1024;

impl Passphrase {
    /// A passphrase typed to open the diary: anything but nothing.
    pub fn typed(text: String) -> Result<Self> {
        if text.is_empty() {
            return Err(Error::invalid("passphrase", "Please type your passphrase."));
        }
        if text.chars().count() > MAX_PASSPHRASE_CHARS {
            return Err(Error::invalid(
                "passphrase",
                "That passphrase is longer than any this app accepts.",
            ));
        }
        Ok(Passphrase(text))
    }

    /// A new passphrase the person chooses, typed twice.
    pub fn chosen(text: String, again: &str) -> Result<Self> {
        if text.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::invalid(
                "newPassphrase",
                format!(
                    "Please use at least {MIN_PASSPHRASE_CHARS} characters. A few ordinary \
                     words in a row are easy to remember and hard to guess."
                ),
            ));
        }
        if text != again {
            return Err(Error::invalid(
                "againPassphrase",
                "The two passphrases are not the same. Please type it again.",
            ));
        }
        Self::typed(text)
    }
}

impl Passphrase {
    /// The text itself, for SQLCipher and the keyring only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

impl Drop for Passphrase {
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        bytes.iter_mut().for_each(|b| *b = 0);
        std::hint::black_box(&bytes);
    }
}

/// Keys a freshly opened connection; `None` leaves it plain. Must come before any read.
pub(crate) fn key(conn: &Connection, key: Option<&Passphrase>) -> Result<()> {
    // SQLCipher would print every failed page check (a wrong passphrase) to stderr.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    if let Some(k) = key {
        conn.pragma_update(None, "key", k.expose())?;
    }
    Ok(())
}

/// Whether the freshly keyed `conn` can read its database: the key is right (and the first
/// page whole). Costs the key derivation, a fifth of a second, for an encrypted file.
pub(crate) fn reads(conn: &Connection) -> bool {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok()
}

/// The empty file beside an encrypted diary that says it is one: an encrypted file looks
/// exactly like random bytes, and so does a diary the disk garbled, which must get the
/// damaged-file screen, not a request for a passphrase it never had.
pub const MARKER_SUFFIX: &str = ".encrypted";

/// The marker of the data file at `path`.
pub(crate) fn marker(path: &Path) -> std::path::PathBuf {
    beside(path, MARKER_SUFFIX)
}

/// Beside an encrypted diary at `path`: an empty SQLCipher file under the passphrase in force,
/// sharing the diary's salt, which tells a right passphrase from a wrong one even when the
/// diary's own first page is damaged (see `conversion`).
pub(crate) fn passphrase_check(path: &Path) -> std::path::PathBuf {
    beside(path, ".passphrase-check")
}

/// The same, under the passphrase a change replaced, kept for a while after it.
pub(crate) fn replaced_check(path: &Path) -> std::path::PathBuf {
    beside(path, ".replaced-passphrase")
}

/// `path` with `suffix` added to its file name.
pub(crate) fn beside(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// A file's first 16 bytes: SQLCipher's salt in an encrypted file.
pub(crate) fn salt_of(path: &Path) -> Option<[u8; 16]> {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path).ok()?.read_exact(&mut head).ok()?;
    Some(head)
}

/// The salt of the key in force for the data file at `data_file`: the passphrase check's (it
/// survives damage to the diary's first page), else the diary's own; `None` for a plain diary.
/// Every backup written under the key in force shares it.
pub(crate) fn salt_in_force(data_file: &Path) -> Option<[u8; 16]> {
    let check = passphrase_check(data_file);
    if check.is_file() {
        return salt_of(&check);
    }
    if plain_header(data_file) {
        return None;
    }
    salt_of(data_file)
}

/// Whether the file at `path` starts as every plain SQLite file does. A missing or empty
/// file counts as plain (a new diary).
pub fn plain_header(path: &Path) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return true;
    };
    let mut head = [0u8; 16];
    match file.read_exact(&mut head) {
        Ok(()) => &head == b"SQLite format 3\0",
        Err(_) => file.metadata().map(|m| m.len() == 0).unwrap_or(true),
    }
}

/// Whether the data file at `path` is encrypted: it is not plain and its marker says so.
pub fn looks_encrypted(path: &Path) -> bool {
    !plain_header(path) && marker(path).exists()
}

/// How a file attached to a connection is keyed.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Keying<'a> {
    /// As the connection's own diary: same key and salt (plain when the diary is).
    Diary,
    Plain,
    With(&'a Passphrase),
}

/// Attaches the file at `path` to `conn` as `name`. Not inside a transaction.
pub(crate) fn attach(conn: &Connection, path: &Path, name: &str, keying: Keying) -> Result<()> {
    let path = path.to_string_lossy();
    match keying {
        Keying::Diary => conn.execute(&format!("ATTACH DATABASE ?1 AS {name}"), [&*path])?,
        Keying::Plain => conn.execute(&format!("ATTACH DATABASE ?1 AS {name} KEY ''"), [&*path])?,
        Keying::With(k) => conn.execute(
            &format!("ATTACH DATABASE ?1 AS {name} KEY ?2"),
            [&*path, k.expose()],
        )?,
    };
    Ok(())
}

pub(crate) fn detach(conn: &Connection, name: &str) -> Result<()> {
    conn.execute_batch(&format!("DETACH DATABASE {name}"))?;
    Ok(())
}

/// Writes the whole database `from` of `conn` (schema, rows, the app's id and schema version)
/// into a new file at `to`, keyed as `keying` says. The file is left as SQLite wrote it: the
/// caller checks and syncs it before trusting it.
pub(crate) fn export(conn: &Connection, from: &str, to: &Path, keying: Keying) -> Result<()> {
    let _ = std::fs::remove_file(to);
    attach(conn, to, "exported", keying)?;
    let copied = (|| -> Result<()> {
        conn.query_row(
            "SELECT sqlcipher_export('exported', ?1)",
            [from],
            |_| Ok(()),
        )?;
        // sqlcipher_export copies tables, not the header's numbers.
        let app_id: i32 =
            conn.query_row(&format!("PRAGMA {from}.application_id"), [], |r| r.get(0))?;
        let version: i64 =
            conn.query_row(&format!("PRAGMA {from}.user_version"), [], |r| r.get(0))?;
        conn.execute_batch(&format!(
            "PRAGMA exported.application_id = {app_id}; PRAGMA exported.user_version = {version};"
        ))?;
        Ok(())
    })();
    let detached = detach(conn, "exported");
    copied?;
    detached
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_never_shows_in_debug_output() {
        let p = Passphrase::typed("correct horse".into()).expect("ok");
        assert_eq!(format!("{p:?}"), "Passphrase(…)");
    }

    #[test]
    fn a_new_passphrase_is_long_enough_and_typed_the_same_twice() {
        let short = Passphrase::chosen("short".into(), "short").expect_err("short");
        assert_eq!(short.field(), Some("newPassphrase"));
        let differ = Passphrase::chosen("long enough".into(), "long enougH").expect_err("differ");
        assert_eq!(differ.field(), Some("againPassphrase"));
        assert!(Passphrase::chosen("long enough".into(), "long enough").is_ok());
        assert_eq!(
            Passphrase::typed(String::new()).expect_err("empty").field(),
            Some("passphrase")
        );
    }
}
