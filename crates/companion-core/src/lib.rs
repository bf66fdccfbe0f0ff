//! The Kratom Recovery Companion's core: validated check-ins, cravings and sleep diaries, kept
//! in a SQLite file that survives crashes, and the history built from them. It knows nothing
//! of Tauri or the web view; the shell calls the use cases on [`Companion`].

pub mod charts;
pub mod checkups;
pub mod clock;
pub mod diary;
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
pub mod synthetic;
pub mod window_state;

mod facade;

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod layers;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::Duration;
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;

pub use charts::{ChartView, Theme};
pub use clock::{Clock, FakeClock, SystemClock};
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

/// The file name of the data file inside the app-data folder.
pub const DATA_FILE: &str = "companion.sqlite3";

/// How long a deleted entry can still be brought back. Older deletions are purged for good.
pub const UNDO_WINDOW: Duration = Duration::minutes(10);

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

/// The trends screen: the charts and the insights. The same figures day by day come apart
/// ([`TrendDays`]), when a table is opened: ten years of them are most of the bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Dashboard {
    pub range: Range,
    /// First and last day shown, "YYYY-MM-DD".
    pub from: String,
    pub to: String,
    pub craving: ChartView,
    pub sleep: ChartView,
    pub mood: ChartView,
    /// PHQ-9 and GAD-7 scores over the range, and the check-ups themselves for its table.
    pub checkups: ChartView,
    pub checkup_rows: Vec<checkups::CheckupView>,
    pub insights: Vec<Insight>,
}

/// The figures of the trend charts day by day, for their tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TrendDays {
    pub range: Range,
    pub from: String,
    pub to: String,
    pub craving_days: Vec<CravingDay>,
    pub sleep_nights: Vec<SleepNight>,
    pub mood_days: Vec<MoodDay>,
}

/// The open data file and the clock: every use case of the app.
#[derive(Debug)]
pub struct Companion {
    conn: Mutex<Connection>,
    clock: Arc<dyn Clock>,
    path: PathBuf,
    /// Who hears of every committed change (the reminder scheduler); see [`Companion::notify_changes`].
    listeners: Mutex<Vec<Sender<()>>>,
    /// The passphrase of an encrypted diary, for its backups and conversions; `None` when plain.
    key: Mutex<Option<Passphrase>>,
    /// Whether the person locked the app: the diary stays open (reminders go on, discreetly)
    /// but the shell shows none of it until the passphrase is typed again.
    locked: AtomicBool,
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
            key: Mutex::new(key),
            locked: AtomicBool::new(false),
            help_numbers: Mutex::new(None),
        };
        // An undo does not outlive the app, so whatever was deleted before this start goes now.
        companion.write(|tx, now| store::purge_deleted(tx, now + 1))?;
        Ok(companion)
    }

    /// Today in the person's zone: the one way every feature asks for it.
    pub(crate) fn local_today(&self) -> chrono::NaiveDate {
        self.clock
            .now()
            .with_timezone(&self.clock.zone())
            .date_naive()
    }

    pub fn today(&self) -> Today {
        let zone = self.clock.zone();
        let local = self.clock.now().with_timezone(&zone);
        Today {
            day: local.date_naive().to_string(),
            now: local.format("%Y-%m-%dT%H:%M").to_string(),
            time_zone: zone.name().to_owned(),
            data_file: self.path.display().to_string(),
        }
    }

    /// Saves a new check-in (`id` is `None`) or replaces an existing one.
    pub fn save_checkin(&self, id: Option<i64>, input: &CheckinInput) -> Result<CheckinView> {
        self.write(|tx, now| {
            let zone_name = match id {
                Some(id) => store::zone_of(tx, EntryKind::Checkin, id)?,
                None => self.clock.zone().name().to_owned(),
            };
            let zone = model::stored_zone(&zone_name);
            let checkin = match id {
                // An imported check-in without a craving may stay so when edited.
                Some(id) if store::checkins::craving_unrecorded(tx, id)? => {
                    Checkin::keeping_unrecorded_craving(input, zone, self.clock.now())?
                }
                _ => Checkin::new(input, zone, self.clock.now())?,
            };
            let id = match id {
                Some(id) => {
                    store::checkins::update(tx, id, &checkin, now)?;
                    id
                }
                None => store::checkins::insert(tx, &checkin, &zone_name, now)?,
            };
            store::checkins::get(tx, id)
        })
    }

    /// What a sleep diary adds up to, before it is saved, so the form can show it as it is typed.
    pub fn preview_sleep(&self, day: &str, input: &SleepInput) -> Result<SleepSummary> {
        let zone = self.clock.zone();
        let day = model::parse_day("day", day)?;
        Ok(SleepDiary::new(input, day, zone, self.clock.now())?.summary(zone))
    }

    /// Logs a new craving (`id` is `None`) or replaces an existing one.
    pub fn save_craving(&self, id: Option<i64>, input: &CravingInput) -> Result<CravingView> {
        self.write(|tx, now| {
            let zone_name = match id {
                Some(id) => store::zone_of(tx, EntryKind::Craving, id)?,
                None => self.clock.zone().name().to_owned(),
            };
            let zone = model::stored_zone(&zone_name);
            let craving = Craving::new(input, zone, self.clock.now())?;
            let day = craving.at.with_timezone(&zone).date_naive().to_string();
            let id = match id {
                Some(id) => {
                    store::cravings::update(tx, id, &craving, &day, now)?;
                    id
                }
                None => store::cravings::insert(tx, &craving, &zone_name, &day, now)?,
            };
            store::cravings::get(tx, id)
        })
    }

    /// Deletes an entry so that [`Companion::restore`] can still bring it back for a while.
    pub fn delete(&self, kind: EntryKind, id: i64) -> Result<()> {
        self.write(|tx, now| {
            store::purge_deleted(tx, now - UNDO_WINDOW.num_seconds())?;
            store::set_deleted(tx, kind, id, Some(now))
        })
    }

    /// Undoes a [`Companion::delete`].
    pub fn restore(&self, kind: EntryKind, id: i64) -> Result<()> {
        self.write(|tx, _| store::set_deleted(tx, kind, id, None))
    }

    /// Up to `max_days` days with entries, newest first, before the day `before` (or from today).
    pub fn history(&self, before: Option<&str>, max_days: u32) -> Result<HistoryPage> {
        history::page(&self.lock(), before, max_days)
    }

    /// The series of `range` ending today (`.1`), and a longer one for the insights (`.0`),
    /// which compare this week with last week whatever range is shown.
    fn trend_series(&self, range: Range) -> Result<(stats::Series, stats::Series)> {
        let today = self.local_today();
        let conn = self.lock();
        let from = match range.days() {
            Some(n) => today - Duration::days(n - 1),
            None => stats::first_day(&conn)?.unwrap_or(today).min(today),
        };
        let all = stats::load(&conn, from.min(today - Duration::days(13)), today)?;
        let shown = all.since(from);
        Ok((all, shown))
    }

    /// Charts, tables and insights for `range`, ending today, drawn for `theme`.
    pub fn dashboard(&self, range: Range, theme: Theme) -> Result<Dashboard> {
        let (all, shown) = self.trend_series(range)?;
        let (checkups, checkup_rows) =
            crate::checkups::chart_between(&self.lock(), shown.from, shown.to, theme)?;
        Ok(Dashboard {
            checkups,
            checkup_rows,
            range,
            from: shown.from.to_string(),
            to: shown.to.to_string(),
            craving: charts::craving(&shown, theme)?,
            sleep: charts::sleep(&shown, theme)?,
            mood: charts::mood(&shown, theme)?,
            insights: stats::insights::all(&all),
        })
    }

    /// The figures of [`Companion::dashboard`]'s charts for `range`, day by day.
    pub fn trend_days(&self, range: Range) -> Result<TrendDays> {
        let (_, shown) = self.trend_series(range)?;
        Ok(TrendDays {
            range,
            from: shown.from.to_string(),
            to: shown.to.to_string(),
            craving_days: shown.craving,
            sleep_nights: shown.sleep,
            mood_days: shown.mood,
        })
    }

    /// The suggested file name and the SVG of one chart, as the trends screen shows it.
    pub fn chart_svg(
        &self,
        kind: ChartKind,
        range: Range,
        theme: Theme,
    ) -> Result<(String, String)> {
        let (_, shown) = self.trend_series(range)?;
        let chart = match kind {
            ChartKind::Craving => charts::craving(&shown, theme)?,
            ChartKind::Sleep => charts::sleep(&shown, theme)?,
            ChartKind::Mood => charts::mood(&shown, theme)?,
            ChartKind::Checkups => {
                crate::checkups::chart_between(&self.lock(), shown.from, shown.to, theme)?.0
            }
        };
        let svg = chart.svg.ok_or_else(|| {
            Error::invalid(
                "chart",
                format!("{} There is nothing to save yet.", chart.desc),
            )
        })?;
        Ok((
            format!("{}-{}-to-{}", kind.file_stem(), shown.from, shown.to),
            svg,
        ))
    }

    /// One chart as a file: its suggested name and its bytes, an SVG or a PNG at twice its
    /// size, both drawn by the core, so every export is made the same way.
    pub fn chart_file(
        &self,
        kind: ChartKind,
        range: Range,
        theme: Theme,
        format: ExportFormat,
    ) -> Result<(String, Vec<u8>)> {
        let (stem, svg) = self.chart_svg(kind, range, theme)?;
        let bytes = match format {
            ExportFormat::Svg => svg.into_bytes(),
            ExportFormat::Png => charts::render::png(&svg, 2.0)?,
        };
        Ok((format!("{stem}.{}", format.extension()), bytes))
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
