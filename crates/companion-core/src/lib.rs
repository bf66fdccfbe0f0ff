//! The Kratom Recovery Companion's core: validated check-ins, cravings and sleep diaries, kept
//! in a SQLite file that survives crashes, and the history built from them. It knows nothing
//! of Tauri or the web view; the shell calls the use cases on [`Companion`].

pub mod charts;
pub mod checkups;
pub mod clock;
pub mod diary;
pub mod entries;
pub mod error;
pub mod export;
pub mod help;
pub mod history;
pub mod journey;
pub mod model;
pub mod privacy;
pub mod reminders;
pub mod report;
pub mod stats;
pub mod store;
pub mod sync;
pub mod synthetic;
pub mod trends;
pub mod window_state;

mod facade;

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod layers;
#[cfg(test)]
mod live_views;

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;

pub use charts::{ChartView, Theme};
pub use clock::{Clock, FakeClock, SystemClock};
pub use entries::UNDO_WINDOW;
pub use error::{Error, ErrorBody, ErrorKind, Result};
pub use export::{ChartKind, ExportFormat};
pub use history::{DayEntries, Entry, HistoryPage};
pub use model::checkin::{Checkin, CheckinInput, CheckinView};
pub use model::craving::{Craving, CravingInput, CravingView};
pub use model::sleep::{SleepDiary, SleepInput, SleepSummary, SleepView};
pub use model::EntryKind;
pub use privacy::{EncryptionInput, LockInput, PrivacyView};
pub use reminders::{
    Firing, Pause, ReminderEvent, ReminderInput, ReminderKind, ReminderSettings, ReminderView,
    RemindersView, Tick, WaterToday,
};
pub use stats::insights::Insight;
pub use stats::{CravingDay, MoodDay, Range, SleepNight};
pub use store::cipher::Passphrase;
pub use trends::{Dashboard, TrendDays};

/// The file name of the data file inside the app-data folder.
pub const DATA_FILE: &str = "companion.sqlite3";

/// What the UI needs to set sensible defaults and say where the data lives.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Today {
    /// "YYYY-MM-DD" in the user's zone.
    pub day: String,
    /// Local "YYYY-MM-DDTHH:MM".
    pub now: String,
    pub time_zone: String,
    /// Where the data file is, to say so plainly in the app.
    pub data_file: String,
}

/// The open data file and the clock: every use case of the app.
#[derive(Debug)]
pub struct Companion {
    conn: Mutex<Connection>,
    clock: Arc<dyn Clock>,
    path: PathBuf,
    /// Who hears of every committed change (the reminder scheduler); see [`Companion::notify_changes`].
    listeners: Mutex<Vec<Sender<()>>>,
    /// The passphrase in force and the app lock, which only `privacy` changes.
    guard: privacy::Guard,
    /// What the lock screen's crisis-number file was last made to hold (`None` inside: no
    /// file), so a save that changed no contact costs no file access.
    help_numbers: Mutex<Option<Option<help::Numbers>>>,
}

impl Companion {
    /// Opens the data file in `dir` (created if need be). An encrypted one is
    /// [`Error::Locked`] until opened with [`Companion::open_in_with`].
    pub fn open_in(dir: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        Self::open_in_with(dir, clock, None)
    }

    /// Opens the data file in `dir` with the passphrase `key` (`None` for a plain diary).
    pub fn open_in_with(
        dir: &Path,
        clock: Arc<dyn Clock>,
        key: Option<Passphrase>,
    ) -> Result<Self> {
        store::private_dir(dir)?;
        Self::open_with(&dir.join(DATA_FILE), clock, key)
    }

    /// Opens the plain data file at `path`; see [`store::open`] for what is refused.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        Self::open_with(path, clock, None)
    }

    /// Opens the data file at `path` with the passphrase `key` (`None` for a plain diary).
    pub fn open_with(path: &Path, clock: Arc<dyn Clock>, key: Option<Passphrase>) -> Result<Self> {
        // A change of passphrase killed half-way is finished, or undone if it had not
        // reached its commit (see `store::conversion`): the diary and its backups are under
        // one key before anything reads them.
        store::conversion::recover(path)?;
        let conn = store::open(path, key.as_ref(), clock.now())?;
        store::conversion::opened(path, key.is_some())?;
        if key.is_some() {
            store::conversion::keep_checks(&conn, path, clock.now())?;
            store::backup::encrypt_plain_leftovers(&conn, &store::backup::dir_of(path))?;
        }
        let companion = Companion {
            conn: Mutex::new(conn),
            clock,
            path: path.to_owned(),
            listeners: Mutex::new(vec![]),
            guard: privacy::Guard::new(key),
            help_numbers: Mutex::new(None),
        };
        // An undo does not outlive the app, so whatever was deleted before this start goes now.
        companion.write(|tx, now| store::purge_deleted(tx, now + 1))?;
        Ok(companion)
    }

    /// Opens the diary in `dir` as the app starts: a plain one as it is; an encrypted one with
    /// the passphrase the person let the keyring remember (then locked at once, if they still
    /// want to be asked), and otherwise [`Error::Locked`] until the passphrase is typed.
    pub fn open_at_start(dir: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        let locked = match Companion::open_in(dir, clock.clone()) {
            Err(e) if e.kind() == ErrorKind::Locked => e,
            other => return other,
        };
        let Some(key) = privacy::keyring::recall(&dir.join(DATA_FILE)) else {
            return Err(locked);
        };
        let app = match Companion::open_in_with(dir, clock, Some(key)) {
            Ok(app) => app,
            // A passphrase the keyring kept from before does not open it: ask the person.
            Err(wrong) if wrong.field() == Some("passphrase") => return Err(locked),
            Err(other) => return Err(other),
        };
        if privacy::lock_on_start(&app.lock())? {
            app.lock_now()?;
        }
        Ok(app)
    }

    /// Restores the backup `name` in place of a data file that could not be opened (the
    /// damaged file is kept in the backups folder) and opens the restored diary; see
    /// [`diary::replace_damaged`].
    pub fn restore_over_damaged(
        data_file: &Path,
        name: &str,
        key: Option<Passphrase>,
        earlier: Option<Passphrase>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        diary::replace_damaged(data_file, name, key.as_ref(), earlier, clock.now())?;
        Companion::open_with(data_file, clock, key)
    }

    /// Today in the person's zone: the one way every feature asks for it.
    pub(crate) fn local_today(&self) -> chrono::NaiveDate {
        self.clock
            .now()
            .with_timezone(&self.clock.zone())
            .date_naive()
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written entry: the transaction
        // rolls back when dropped. So the connection stays usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` in one transaction and, once it has committed, tells every listener that the
    /// diary changed. The core only says that something changed; each listener decides what
    /// that means for it (the scheduler re-reads the reminders, since check-ins, cravings,
    /// symptom checks and water all feed them), so the shell never has to know.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Connection, i64) -> Result<T>) -> Result<T> {
        let out = self.write_quietly(f)?;
        self.announce();
        Ok(out)
    }

    /// Tells every listener that the diary changed, and keeps the lock screen's crisis
    /// numbers up to date.
    fn announce(&self) {
        self.keep_help_numbers();
        self.listeners
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|l| l.send(()).is_ok());
    }

    /// A write no listener hears of: the scheduler's own step, which must not wake itself.
    pub(crate) fn write_quietly<T>(
        &self,
        f: impl FnOnce(&Connection, i64) -> Result<T>,
    ) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, self.clock.now().timestamp())?;
        tx.commit()?;
        Ok(out)
    }

    /// Sends `()` to `to` after every committed change to the diary, until its receiver is gone.
    pub fn notify_changes(&self, to: Sender<()>) {
        self.listeners
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(to);
    }
}
