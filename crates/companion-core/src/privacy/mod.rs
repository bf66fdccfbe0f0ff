//! Privacy on a shared computer: encryption at rest (turning it on or off, changing the
//! passphrase) and the app lock. The lock keeps the diary open, so reminders go on (in their
//! discreet words), while the shell shows nothing of it until the passphrase is typed again.
//! The passphrase may be remembered in the operating system's keyring ([`keyring`]). The key in
//! force and the lock are a [`Guard`], which the façade holds and hands to these functions.

pub mod keyring;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::cipher::{self, Passphrase, MIN_PASSPHRASE_CHARS};
use crate::store::{self, settings};

/// The choices of idle time after which the app locks itself; 0 is never.
pub const LOCK_AFTER_MINUTES: [u32; 6] = [0, 1, 5, 15, 30, 60];

/// The privacy settings as the screen shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PrivacyView {
    pub encrypted: bool,
    pub locked: bool,
    /// Idle minutes before the app locks itself (0: never). Only used while encrypted.
    pub lock_after_minutes: u32,
    pub lock_when_hidden: bool,
    /// With the passphrase remembered: still ask for it when the app starts.
    pub lock_on_start: bool,
    pub discreet: bool,
    pub min_passphrase_chars: u32,
    /// The passphrase is kept in this computer's keyring.
    pub remembered: bool,
    /// Why the keyring cannot be used here, if it cannot. Asked only of an encrypted diary,
    /// the one place "remember" is offered: a plain diary never touches the keyring.
    pub keyring_problem: Option<String>,
}

/// When the app locks itself.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LockInput {
    pub lock_after_minutes: u32,
    pub lock_when_hidden: bool,
    pub lock_on_start: bool,
}

/// Turning encryption on (`current` empty), changing the passphrase, or turning it off
/// (`new` empty). Passphrases are checked in the core, never in the web view alone.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EncryptionInput {
    pub current: Option<String>,
    pub new: Option<String>,
    pub again: Option<String>,
}

/// The passphrase of an encrypted diary and whether the app is locked: the state this feature
/// owns, kept inside the façade and changed only here.
#[derive(Debug)]
pub struct Guard {
    /// For the diary's backups, exports and conversions; `None` when the diary is plain.
    key: Mutex<Option<Passphrase>>,
    /// Whether the person locked the app: the diary stays open (reminders go on, discreetly)
    /// but the shell shows none of it until the passphrase is typed again.
    locked: AtomicBool,
}

impl Guard {
    pub fn new(key: Option<Passphrase>) -> Guard {
        Guard {
            key: Mutex::new(key),
            locked: AtomicBool::new(false),
        }
    }

    /// The passphrase of an encrypted diary.
    pub fn key(&self) -> Option<Passphrase> {
        self.key.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn encrypted(&self) -> bool {
        self.key.lock().unwrap_or_else(|p| p.into_inner()).is_some()
    }

    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    /// Locks the app. Only an encrypted diary has a passphrase to unlock it with.
    pub fn lock_now(&self) -> Result<()> {
        if !self.encrypted() {
            return Err(Error::invalid(
                "lock",
                "The lock opens with your diary's passphrase: please turn on encryption first.",
            ));
        }
        self.locked.store(true, Ordering::SeqCst);
        Ok(())
    }
}

/// Why the keyring cannot be used here, asked only of an encrypted diary, the one place
/// "remember" is offered: asking starts the Secret Service and a D-Bus session, and the
/// window asks for the privacy view as it starts. It can take seconds, so it is asked before
/// the diary is locked for reading.
pub fn keyring_problem(guard: &Guard) -> Option<String> {
    if guard.encrypted() {
        keyring::problem()
    } else {
        None
    }
}

/// The privacy settings as the screen shows them.
pub fn view(
    guard: &Guard,
    conn: &Connection,
    keyring_problem: Option<String>,
) -> Result<PrivacyView> {
    let minutes = settings::get(conn, "lock_after_minutes")?
        .parse()
        .unwrap_or(0);
    Ok(PrivacyView {
        encrypted: guard.encrypted(),
        locked: guard.is_locked(),
        lock_after_minutes: minutes,
        lock_when_hidden: settings::get(conn, "lock_when_hidden")? == "1",
        lock_on_start: settings::get(conn, "lock_on_start")? == "1",
        discreet: settings::get(conn, "discreet")? == "1",
        min_passphrase_chars: MIN_PASSPHRASE_CHARS as u32,
        remembered: remembered(conn)?,
        keyring_problem,
    })
}

/// Whether the person still wants to type the passphrase when the app starts.
pub fn lock_on_start(conn: &Connection) -> Result<bool> {
    Ok(settings::get(conn, "lock_on_start")? == "1")
}

/// Saves when the app locks itself.
pub fn set_lock_options(tx: &Connection, input: &LockInput) -> Result<()> {
    if !LOCK_AFTER_MINUTES.contains(&input.lock_after_minutes) {
        return Err(Error::invalid(
            "lockAfterMinutes",
            "Please choose one of the times offered.",
        ));
    }
    let flag = |on: bool| if on { "1" } else { "0" };
    settings::put(
        tx,
        "lock_after_minutes",
        &input.lock_after_minutes.to_string(),
    )?;
    settings::put(tx, "lock_when_hidden", flag(input.lock_when_hidden))?;
    settings::put(tx, "lock_on_start", flag(input.lock_on_start))
}

/// Whether the passphrase is kept in this computer's keyring.
pub fn remembered(conn: &Connection) -> Result<bool> {
    Ok(settings::get(conn, "remembered")? == "1")
}

/// Notes whether the keyring keeps the passphrase.
pub fn note_remembered(tx: &Connection, remembered: bool) -> Result<()> {
    settings::put(tx, "remembered", if remembered { "1" } else { "0" })
}

/// Keeps the passphrase of the diary at `data_file` in this computer's keyring (`true`), so
/// the app opens without it, or removes it from there (`false`).
pub fn remember(guard: &Guard, data_file: &Path, remember: bool) -> Result<()> {
    let key = guard.key().ok_or_else(|| {
        Error::invalid(
            "remember",
            "There is no passphrase to remember: encryption is off.",
        )
    })?;
    let kept = if remember {
        keyring::remember(data_file, &key)
    } else {
        keyring::forget(data_file)
    };
    kept.map_err(|why| {
        Error::invalid(
            "remember",
            format!("This computer's keyring could not do that ({why}). Nothing was changed."),
        )
    })
}

/// After the passphrase changed: the keyring keeps the new one, or nothing once encryption is
/// off. A keyring that fails here forgets: it never keeps a stale one. `false` when the
/// passphrase is no longer remembered, to be noted.
pub fn keep_remembered(data_file: &Path, new: Option<&Passphrase>) -> bool {
    let still = match new {
        Some(key) => keyring::remember(data_file, key).is_ok(),
        None => false,
    };
    if !still {
        let _ = keyring::forget(data_file);
    }
    still
}

/// Turns encryption on, changes the passphrase, or turns it off, rewriting the diary and every
/// backup under the new key (see [`store::conversion`]) and putting the converted diary in
/// `conn`. Turning it on also turns discreet reminders on, which the person may turn off
/// again. Stops after the conversion step at which `go_on` answers `false`, leaving the files
/// as a kill at that moment would (`Ok(None)`). Otherwise the new key (`None`: plain).
pub fn change_key(
    guard: &Guard,
    conn: &mut Connection,
    data_file: &Path,
    now: DateTime<Utc>,
    input: EncryptionInput,
    go_on: &mut dyn FnMut(store::conversion::Step) -> bool,
) -> Result<Option<Option<Passphrase>>> {
    let old = guard.key();
    if let Some(old) = &old {
        let typed = Passphrase::typed(input.current.unwrap_or_default())?;
        if &typed != old {
            return Err(store::wrong_passphrase());
        }
    }
    let new = match input.new {
        Some(new) if !new.is_empty() => Some(Passphrase::chosen(
            new,
            input.again.as_deref().unwrap_or_default(),
        )?),
        _ => None,
    };
    if old.is_none() && new.is_none() {
        return Err(Error::invalid(
            "newPassphrase",
            "Please choose a passphrase to encrypt your diary with.",
        ));
    }
    let Some(converted) =
        store::conversion::convert_until(conn, data_file, old.as_ref(), new.as_ref(), now, go_on)?
    else {
        return Ok(None);
    };
    *conn = converted;
    *guard.key.lock().unwrap_or_else(|p| p.into_inner()) = new.clone();
    if new.is_some() && old.is_none() {
        settings::put(conn, "discreet", "1")?;
    }
    if new.is_none() {
        guard.locked.store(false, Ordering::SeqCst);
    }
    Ok(Some(new))
}

/// Unlocks the app with the passphrase, checked against the file itself (which takes the same
/// fifth of a second as opening it, so guessing stays slow). `true` when it was locked.
pub fn unlock(
    guard: &Guard,
    data_file: &Path,
    typed: Passphrase,
    now: DateTime<Utc>,
) -> Result<bool> {
    if !guard.is_locked() {
        return Ok(false);
    }
    store::sqlite_ready();
    let conn = Connection::open_with_flags(
        data_file,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    cipher::key(&conn, Some(&typed))?;
    if !cipher::reads(&conn) || Some(&typed) != guard.key().as_ref() {
        return Err(match store::conversion::refusal(data_file, &typed, now) {
            store::conversion::Refusal::Replaced(ago) => {
                Error::invalid("passphrase", store::conversion::replaced_sentence(ago))
            }
            _ => store::wrong_passphrase(),
        });
    }
    guard.locked.store(false, Ordering::SeqCst);
    Ok(true)
}
