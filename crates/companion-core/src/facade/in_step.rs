//! The façade's use cases for keeping the diary in step with the person's other computers.

use std::path::Path;

use crate::diary::sync::{
    self, OtherVersion, Outcome as SyncOutcome, Step as SyncStep, SyncView, Syncer,
};
use crate::error::Result;
use crate::store::backup::Reason;
use crate::Companion;

/// Keeping the diary in step with the person's other computers through a folder (issue 30).
impl Companion {
    /// Starts a shared diary in the folder `chosen`: the recovery code to write down.
    pub fn sync_start(
        &self,
        chosen: &Path,
        name: &str,
        passphrase: Option<&str>,
    ) -> Result<String> {
        sync::start(&mut self.lock(), chosen, name, passphrase)
    }

    /// Joins the shared diary in `chosen` with its recovery code or passphrase, after a backup
    /// (the first step merges this diary with the others').
    pub fn sync_join(&self, chosen: &Path, name: &str, code: &str) -> Result<()> {
        self.back_up(Reason::BeforeImport)?;
        sync::join(&mut self.lock(), chosen, name, code)
    }

    /// Removes another computer (by its id, as the card lists it) from the shared diary, with
    /// the recovery code or passphrase: the diary is held only while reading which one.
    pub fn sync_remove(&self, node: &str, typed: &str) -> Result<()> {
        let removal = sync::Removal::prepare(&self.lock(), node)?;
        removal.finish(typed)
    }

    /// Makes a new key for the computers that stay, with the recovery code or passphrase, when
    /// two removals crossed (a removed computer holds the key in use) or this computer missed
    /// one.
    pub fn sync_renew_key(&self, typed: &str) -> Result<()> {
        let renewal = sync::Removal::renew(&self.lock())?;
        renewal.finish(typed)
    }

    /// Now, in the sync engine's unit.
    fn now_ms(&self) -> u64 {
        u64::try_from(self.clock.now().timestamp_millis()).unwrap_or(0)
    }

    /// The "Keep in step" card, from how the sync thread's last step went.
    pub fn sync_view(&self, last: Option<&SyncOutcome>) -> Result<SyncView> {
        sync::view(&self.lock(), last, self.clock.zone())
    }

    /// Entries with a version made on another computer at the same time as the one shown.
    pub fn other_versions(&self) -> Result<Vec<OtherVersion>> {
        sync::other_versions(&self.lock(), self.clock.zone())
    }

    /// Takes the version another computer made of a row in place of the one shown.
    pub fn take_version(&self, kind: &str, row: &str, node: &str) -> Result<Vec<OtherVersion>> {
        self.write(|tx, _| sync::take_version(tx, kind, row, node))?;
        self.other_versions()
    }

    /// Keeps the version shown of a row, and lets the others go on every computer.
    pub fn keep_version(&self, kind: &str, row: &str) -> Result<Vec<OtherVersion>> {
        self.write(|tx, _| sync::keep_version(tx, kind, row))?;
        self.other_versions()
    }

    /// How a step went, stamped with the local time, for [`Companion::sync_view`].
    pub fn sync_outcome(&self, step: Result<SyncStep>) -> SyncOutcome {
        SyncOutcome {
            at: self
                .clock
                .now()
                .with_timezone(&self.clock.zone())
                .format("%H:%M")
                .to_string(),
            step: step.map_err(|e| e.to_string()),
        }
    }

    /// Whether the diary keeps in step with a folder (one row read: cheap enough for start-up,
    /// where loading the syncer is not).
    pub fn keeps_in_step(&self) -> Result<bool> {
        sync::is_set_up(&self.lock())
    }

    /// This computer's side of the shared diary, for the sync thread; `None` when the diary
    /// does not sync.
    pub fn syncer(&self) -> Result<Option<Syncer>> {
        Syncer::load(&self.lock())
    }

    /// One step of keeping in step; the diary is held only while it is written, never while
    /// the folder is read or written.
    pub fn sync_step(&self, syncer: &mut Syncer) -> Result<SyncStep> {
        let now_ms = self.now_ms();
        let pulled = syncer.read_folder(now_ms);
        let mut step = syncer.record(&mut self.lock(), pulled, now_ms)?;
        if let Some(written) = syncer.write_folder() {
            step.unreachable |= !written;
            syncer.save(&self.lock())?;
        }
        if step.placed > 0 {
            self.announce();
        }
        Ok(step)
    }

    /// The middle part of [`Companion::sync_step`] alone, for tests that stop a step part-way.
    #[doc(hidden)]
    pub fn sync_record_for_tests(
        &self,
        syncer: &mut Syncer,
        pulled: sync::Pulled,
    ) -> Result<SyncStep> {
        let now_ms = self.now_ms();
        syncer.record(&mut self.lock(), pulled, now_ms)
    }
}
