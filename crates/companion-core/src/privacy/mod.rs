//! Privacy on a shared computer: encryption at rest (turning it on or off, changing the
//! passphrase) and the app lock. The lock keeps the diary open, so reminders go on (in their
//! discreet words), while the shell shows nothing of it until the passphrase is typed again.
//! The passphrase may be remembered in the operating system's keyring ([`keyring`]).

pub mod keyring;

use std::sync::atomic::Ordering;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::cipher::{self, Passphrase, MIN_PASSPHRASE_CHARS};
use crate::store::{self, settings};
use crate::Companion;

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

impl Companion {
    /// Opens the diary in `dir` as the app starts: a plain one as it is; an encrypted one with
    /// the passphrase the person let the keyring remember (then locked at once, if they still
    /// want to be asked), and otherwise [`Error::Locked`] until the passphrase is typed.
    pub fn open_at_start(
        dir: &std::path::Path,
        clock: std::sync::Arc<dyn crate::Clock>,
    ) -> Result<Self> {
        let locked = match Companion::open_in(dir, clock.clone()) {
            Err(e) if e.kind() == crate::ErrorKind::Locked => e,
            other => return other,
        };
        let Some(key) = keyring::recall(&dir.join(crate::DATA_FILE)) else {
            return Err(locked);
        };
        let app = match Companion::open_in_with(dir, clock, Some(key)) {
            Ok(app) => app,
            // A passphrase the keyring kept from before does not open it: ask the person.
            Err(wrong) if wrong.field() == Some("passphrase") => return Err(locked),
            Err(other) => return Err(other),
        };
        if app.privacy()?.lock_on_start {
            app.lock_now()?;
        }
        Ok(app)
    }

    /// The passphrase of an encrypted diary.
    pub(crate) fn key(&self) -> Option<Passphrase> {
        self.key.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn encrypted(&self) -> bool {
        self.key.lock().unwrap_or_else(|p| p.into_inner()).is_some()
    }

    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    pub fn privacy(&self) -> Result<PrivacyView> {
        // Asked before the diary is locked for reading: a keyring can take seconds to answer.
        // Only when encrypted: the window asks for this view as it starts, and asking the
        // keyring starts the Secret Service and a D-Bus session for nothing on a plain diary.
        let keyring_problem = if self.encrypted() {
            keyring::problem()
        } else {
            None
        };
        let conn = self.lock();
        let minutes = settings::get(&conn, "lock_after_minutes")?
            .parse()
            .unwrap_or(0);
        Ok(PrivacyView {
            encrypted: self.encrypted(),
            locked: self.is_locked(),
            lock_after_minutes: minutes,
            lock_when_hidden: settings::get(&conn, "lock_when_hidden")? == "1",
            lock_on_start: settings::get(&conn, "lock_on_start")? == "1",
            discreet: settings::get(&conn, "discreet")? == "1",
            min_passphrase_chars: MIN_PASSPHRASE_CHARS as u32,
            remembered: settings::get(&conn, "remembered")? == "1",
            keyring_problem,
        })
    }

    pub fn set_lock_options(&self, input: &LockInput) -> Result<PrivacyView> {
        if !LOCK_AFTER_MINUTES.contains(&input.lock_after_minutes) {
            return Err(Error::invalid(
                "lockAfterMinutes",
                "Please choose one of the times offered.",
            ));
        }
        self.write(|tx, _| {
            settings::put(
                tx,
                "lock_after_minutes",
                &input.lock_after_minutes.to_string(),
            )?;
            settings::put(
                tx,
                "lock_when_hidden",
                if input.lock_when_hidden { "1" } else { "0" },
            )?;
            settings::put(
                tx,
                "lock_on_start",
                if input.lock_on_start { "1" } else { "0" },
            )
        })?;
        self.privacy()
    }

    /// Keeps the passphrase in this computer's keyring (`true`), so the app opens without it,
    /// or removes it from there (`false`).
    pub fn set_remembered(&self, remember: bool) -> Result<PrivacyView> {
        let key = self.key().ok_or_else(|| {
            Error::invalid(
                "remember",
                "There is no passphrase to remember: encryption is off.",
            )
        })?;
        let kept = if remember {
            keyring::remember(&self.path, &key)
        } else {
            keyring::forget(&self.path)
        };
        kept.map_err(|why| {
            Error::invalid(
                "remember",
                format!("This computer's keyring could not do that ({why}). Nothing was changed."),
            )
        })?;
        self.write(|tx, _| settings::put(tx, "remembered", if remember { "1" } else { "0" }))?;
        self.privacy()
    }

    /// After the passphrase changed: the keyring keeps the new one, or nothing once
    /// encryption is off. A keyring that fails here forgets: it never keeps a stale one.
    fn keep_remembered(&self, new: Option<&Passphrase>) -> Result<()> {
        let remembered = settings::get(&self.lock(), "remembered")? == "1";
        if !remembered {
            return Ok(());
        }
        let still = match new {
            Some(key) => keyring::remember(&self.path, key).is_ok(),
            None => false,
        };
        if !still {
            let _ = keyring::forget(&self.path);
            self.write(|tx, _| settings::put(tx, "remembered", "0"))?;
        }
        Ok(())
    }

    /// Turns encryption on, changes the passphrase, or turns it off, rewriting the diary and
    /// every backup under the new key (see [`store::conversion`]). Turning it on also turns
    /// discreet reminders on, which the person may turn off again.
    pub fn set_encryption(&self, input: EncryptionInput) -> Result<PrivacyView> {
        self.set_encryption_until(input, &mut |_| true)?
            .ok_or_else(|| Error::Migration("the conversion stopped before its end".into()))
    }

    /// [`Companion::set_encryption`], stopped after the conversion step at which `go_on`
    /// answers `false`, leaving the files as a kill at that moment would (`Ok(None)`; this
    /// `Companion` is then of no further use). For the tests of the conversion's journal.
    #[doc(hidden)]
    pub fn set_encryption_until(
        &self,
        input: EncryptionInput,
        go_on: &mut dyn FnMut(store::conversion::Step) -> bool,
    ) -> Result<Option<PrivacyView>> {
        let old = self.key();
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
        {
            let mut conn = self.lock();
            let Some(converted) = store::conversion::convert_until(
                &mut conn,
                &self.path,
                old.as_ref(),
                new.as_ref(),
                self.clock.now(),
                go_on,
            )?
            else {
                return Ok(None);
            };
            *conn = converted;
            *self.key.lock().unwrap_or_else(|p| p.into_inner()) = new.clone();
            if new.is_some() && old.is_none() {
                settings::put(&conn, "discreet", "1")?;
            }
            if new.is_none() {
                self.locked.store(false, Ordering::SeqCst);
            }
        }
        self.keep_remembered(new.as_ref())?;
        self.announce();
        self.privacy().map(Some)
    }

    /// Locks the app now. Only an encrypted diary has a passphrase to unlock it with.
    pub fn lock_now(&self) -> Result<()> {
        if !self.encrypted() {
            return Err(Error::invalid(
                "lock",
                "The lock opens with your diary's passphrase: please turn on encryption first.",
            ));
        }
        self.locked.store(true, Ordering::SeqCst);
        self.announce();
        Ok(())
    }

    /// Unlocks the app with the passphrase, checked against the file itself (which takes the
    /// same fifth of a second as opening it, so guessing stays slow).
    pub fn unlock(&self, typed: Passphrase) -> Result<()> {
        if self.is_locked() {
            crate::store::sqlite_ready();
            let conn = rusqlite::Connection::open_with_flags(
                &self.path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            cipher::key(&conn, Some(&typed))?;
            if !cipher::reads(&conn) || Some(&typed) != self.key().as_ref() {
                return Err(
                    match store::conversion::refusal(&self.path, &typed, self.clock.now()) {
                        store::conversion::Refusal::Replaced(ago) => {
                            Error::invalid("passphrase", store::conversion::replaced_sentence(ago))
                        }
                        _ => store::wrong_passphrase(),
                    },
                );
            }
            self.locked.store(false, Ordering::SeqCst);
            self.announce();
        }
        Ok(())
    }
}
