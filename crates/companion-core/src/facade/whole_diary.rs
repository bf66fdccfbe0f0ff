//! The façade's use cases for the whole diary: export, import, backups, deleting everything.

use std::path::Path;

use rusqlite::Connection;

use crate::diary::{
    self, bearable, daylio, import, BearableCounts, DayRange, DaylioPreview, DiaryFormat,
    KindCount, LabelValue,
};
use crate::error::Result;
use crate::store::backup::{BackupInfo, Reason};
use crate::store::cipher::Passphrase;
use crate::Companion;

/// The person's ownership of the whole diary: export, import, backups, deleting everything.
impl Companion {
    /// The name an export of today suggests in the save dialog; a `protected` one is a zip.
    pub fn diary_file_name(&self, format: DiaryFormat, protected: bool) -> String {
        diary::file_name(self.local_today(), format, protected)
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
        let (key, m) = (self.key(), self.moment());
        diary::export_to(
            &mut self.lock(),
            path,
            (format, range),
            (protected, key.as_ref()),
            &m,
        )
    }

    /// What importing the export at `path` would add, per kind; nothing is changed.
    pub fn preview_import(&self, path: &Path, take_setup: bool) -> Result<Vec<KindCount>> {
        let bytes = diary::read_export(path, self.key().as_ref())?;
        diary::dry_run(&mut self.lock(), self.clock.now(), |tx, now| {
            import::json(tx, &bytes, take_setup, now)
        })
    }

    /// Imports the export at `path`, all of it or nothing, after a backup of the diary.
    pub fn import_diary(&self, path: &Path, take_setup: bool) -> Result<Vec<KindCount>> {
        let bytes = diary::read_export(path, self.key().as_ref())?;
        self.import_after_backup(|tx, now| import::json(tx, &bytes, take_setup, now))
    }

    /// What the Daylio export at `path` holds, and how many of its entries are new.
    pub fn preview_daylio(&self, path: &Path) -> Result<DaylioPreview> {
        diary::preview_daylio(&mut self.lock(), path, &self.moment())
    }

    /// Imports the Daylio export at `path` with each mood label valued by `values`, all or
    /// nothing, after a backup; returns how many check-ins were added.
    pub fn import_daylio(&self, path: &Path, values: &[LabelValue]) -> Result<u32> {
        let (entries, zone) = (
            daylio::parse(&import::read_limited(path)?)?,
            self.clock.zone(),
        );
        self.import_after_backup(|tx, now| daylio::import(tx, &entries, values, zone, now))
    }

    /// What importing the Bearable export at `path` would add, and what it would skip.
    pub fn preview_bearable(&self, path: &Path) -> Result<BearableCounts> {
        let (bytes, m) = (import::read_limited(path)?, self.moment());
        diary::dry_run(&mut self.lock(), m.now, |tx, now| {
            bearable::import(tx, &bytes, m.zone, now)
        })
    }

    /// Imports the Bearable export at `path`, all or nothing, after a backup.
    pub fn import_bearable(&self, path: &Path) -> Result<BearableCounts> {
        let (bytes, zone) = (import::read_limited(path)?, self.clock.zone());
        self.import_after_backup(|tx, now| bearable::import(tx, &bytes, zone, now))
    }

    fn import_after_backup<T>(&self, import: impl Fn(&Connection, i64) -> Result<T>) -> Result<T> {
        let out =
            diary::import_after_backup(&mut self.lock(), &self.path, self.clock.now(), import)?;
        self.announce();
        Ok(out)
    }

    /// Every backup, newest first, with what each holds (or that it needs an earlier
    /// passphrase, or is damaged).
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        diary::backups(&self.lock(), &self.path)
    }

    /// Makes a backup now, for `reason`.
    pub fn back_up(&self, reason: Reason) -> Result<BackupInfo> {
        diary::back_up(&self.lock(), &self.path, reason, self.clock.now())
    }

    /// Makes the day's backup if there is none yet; `true` when one was made.
    pub fn back_up_if_due(&self) -> Result<bool> {
        if !diary::daily_backup_due(&self.path, self.clock.now())? {
            return Ok(false);
        }
        self.back_up(Reason::Daily).map(|_| true)
    }

    /// Puts the backup `name` in place of the diary; see [`diary::restore_backup`].
    pub fn restore_backup(&self, name: &str, earlier: Option<Passphrase>) -> Result<BackupInfo> {
        let (key, now) = (self.key(), self.clock.now());
        let kept = diary::restore_backup(
            &mut self.lock(),
            &self.path,
            name,
            earlier,
            key.as_ref(),
            now,
        )?;
        self.announce();
        Ok(kept)
    }

    /// Deletes the diary and starts an empty one; see [`diary::delete_everything`].
    pub fn delete_everything(&self, confirmation: &str, with_backups: bool) -> Result<()> {
        let (key, now) = (self.key(), self.clock.now());
        diary::delete_everything(
            &mut self.lock(),
            &self.path,
            confirmation,
            with_backups,
            key.as_ref(),
            now,
        )?;
        *self.help_numbers.lock().unwrap_or_else(|p| p.into_inner()) = None;
        self.announce();
        Ok(())
    }
}
