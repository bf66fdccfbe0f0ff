//! The diary of this run of the app, and the one place that opens it: at start, after an
//! unlock of an encrypted diary not yet opened, and in place of a damaged file when a backup
//! is restored. It holds the open diary (or why it could not be opened) for the commands and
//! the background work, and tells whoever asked (the reminders, the tray) each time a diary
//! is opened. It imports neither the commands nor the background.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use companion_core::store::backup::{BackupInfo, EntryCounts};
use companion_core::{diary, Companion, ErrorBody, ErrorKind, Passphrase, SystemClock};

type Reply<T> = Result<T, ErrorBody>;

/// What is told of each diary opened.
type OnOpen = Box<dyn Fn(&Arc<Companion>) + Send + Sync>;

pub struct Session {
    /// `None` while the diary is being opened at start, on a thread of its own so that the
    /// window loads meanwhile; commands wait for it (`opened`).
    app: Mutex<Option<Result<Arc<Companion>, ErrorBody>>>,
    opened: Condvar,
    /// The app-data folder, where Get help keeps its region even when the diary cannot open.
    dir: Option<PathBuf>,
    /// The passphrase that opened an encrypted diary found damaged: its backups share it.
    damaged_key: Mutex<Option<Passphrase>>,
    on_open: OnOpen,
}

impl Session {
    /// A session whose diary is still being opened ([`Session::open_at_start`] opens it);
    /// `on_open` hears of every diary opened.
    pub fn opening(
        dir: Option<PathBuf>,
        on_open: impl Fn(&Arc<Companion>) + Send + Sync + 'static,
    ) -> Self {
        Session {
            app: Mutex::new(None),
            opened: Condvar::new(),
            dir,
            damaged_key: Mutex::new(None),
            on_open: Box::new(on_open),
        }
    }

    /// The app-data folder, if the OS gave one.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The open diary, unless the app is locked: what every command about entries uses.
    pub fn get(&self) -> Reply<Arc<Companion>> {
        let open = self.open()?;
        if open.is_locked() {
            return Err(companion_core::Error::Locked.into());
        }
        Ok(open)
    }

    /// The open diary even while the app is locked: for Get help, the lock itself and the
    /// work that goes on behind it (reminders, daily backups).
    pub fn open(&self) -> Reply<Arc<Companion>> {
        let mut app = self.app.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(app) = app.as_ref() {
                return app.as_ref().map(Arc::clone).map_err(Clone::clone);
            }
            app = self.opened.wait(app).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// Opens the diary at start. Whatever happens, the commands waiting for it get an answer:
    /// a panic while opening becomes an error the window can show.
    pub fn open_at_start(&self) {
        let dir = self.dir.clone();
        let opened = std::panic::catch_unwind(move || {
            let dir = dir.ok_or_else(|| {
                companion_core::Error::Io(std::io::Error::other(
                    "The app-data folder could not be found.",
                ))
            })?;
            Companion::open_at_start(&dir, Arc::new(SystemClock))
        })
        .unwrap_or_else(|_| {
            Err(companion_core::Error::Io(std::io::Error::other(
                "The diary could not be opened because of an error in the app.",
            )))
        });
        match opened {
            Ok(c) => self.opened(c),
            Err(e) => self.set(Err(e.into())),
        }
    }

    /// Unlocks the app: the open diary after a lock, or an encrypted diary not yet opened.
    pub fn unlock(&self, typed: Passphrase) -> Reply<()> {
        match self.open() {
            Ok(open) => return Ok(open.unlock(typed)?),
            // Not yet opened, or found damaged by a passphrase typed before: this one is tried
            // afresh, so nothing typed earlier can make the app refuse the right one.
            Err(e) if e.kind == ErrorKind::Locked || self.damaged_key().is_some() => {}
            Err(e) => return Err(e),
        }
        match Companion::open_with(
            &self.data_file()?,
            Arc::new(SystemClock),
            Some(typed.clone()),
        ) {
            Ok(opened) => {
                self.opened(opened);
                Ok(())
            }
            // The passphrase was right but the file is damaged: the damaged-file screen takes
            // over, and its backups open with the same passphrase.
            Err(e) if e.kind() == ErrorKind::Damaged => {
                *self.damaged_key.lock().unwrap_or_else(|p| p.into_inner()) = Some(typed);
                self.set(Err(e.into()));
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Restores the backup `name` (made under `earlier`, an earlier passphrase, if it says
    /// so): into the open diary, or in place of one that could not be opened, which is then
    /// opened.
    pub fn restore_backup(&self, name: &str, earlier: Option<Passphrase>) -> Reply<()> {
        match self.get() {
            Ok(open) => return Ok(open.restore_backup(name, earlier).map(|_| ())?),
            Err(e) if e.kind == ErrorKind::Locked => return Err(e),
            Err(_) => {}
        }
        let restored = Companion::restore_over_damaged(
            &self.data_file()?,
            name,
            self.damaged_key(),
            earlier,
            Arc::new(SystemClock),
        )?;
        self.opened(restored);
        Ok(())
    }

    /// Every backup, newest first; also when the diary could not be opened.
    pub fn backups(&self) -> Reply<Vec<BackupInfo>> {
        match self.get() {
            Ok(open) => Ok(open.backups()?),
            Err(e) if e.kind == ErrorKind::Locked => Err(e),
            Err(_) => Ok(diary::backups_of(
                &self.data_file()?,
                self.damaged_key().as_ref(),
            )?),
        }
    }

    /// What the diary that could not be opened still shows of its entries; `None` when it
    /// cannot be read at all.
    pub fn damaged_counts(&self) -> Reply<Option<EntryCounts>> {
        Ok(diary::damaged_counts(
            &self.data_file()?,
            self.damaged_key().as_ref(),
        ))
    }

    /// A diary just opened: it replaces whatever was there, and is told of.
    fn opened(&self, opened: Companion) {
        let opened = Arc::new(opened);
        *self.damaged_key.lock().unwrap_or_else(|p| p.into_inner()) = None;
        self.set(Ok(opened.clone()));
        (self.on_open)(&opened);
    }

    /// Sets the diary (or why it could not be opened) and wakes the commands waiting for it.
    fn set(&self, app: Reply<Arc<Companion>>) {
        *self.app.lock().unwrap_or_else(|p| p.into_inner()) = Some(app);
        self.opened.notify_all();
    }

    fn damaged_key(&self) -> Option<Passphrase> {
        self.damaged_key
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The data file, whether or not it could be opened.
    fn data_file(&self) -> Reply<PathBuf> {
        self.dir
            .as_ref()
            .map(|d| d.join(companion_core::DATA_FILE))
            .ok_or_else(|| {
                companion_core::Error::Io(std::io::Error::other("no app-data folder")).into()
            })
    }
}
