//! The façade's use cases, one line or three each: a method of `Companion` takes what it
//! owns (the connection or a transaction, now, the zone, today) and hands it to a function of
//! the feature, which never sees the façade. Features move here one at a time; those still
//! adding methods to `Companion` in their own folders are the layer test's debt (`layers.rs`).

use crate::checkups::{self, CheckupInput, CheckupView, CheckupsView};
use crate::error::Result;
use crate::Companion;

/// Mood and anxiety check-ups.
impl Companion {
    /// The questionnaires, the last year's check-ups and which are due.
    pub fn checkups(&self) -> Result<CheckupsView> {
        checkups::overview(&self.lock(), self.local_today())
    }

    /// Turns the two-question screens with the daily check-in on or off.
    pub fn set_quick_checkups(&self, on: bool) -> Result<CheckupsView> {
        self.write(|tx, _| checkups::set_quick(tx, on))?;
        self.checkups()
    }

    /// Scores and saves a check-up taken now.
    pub fn save_checkup(&self, input: &CheckupInput) -> Result<CheckupView> {
        let scored = checkups::score(input)?;
        let (day, zone) = (self.local_today(), self.clock.zone());
        self.write(|tx, now| checkups::save(tx, &scored, now, day, zone.name()))
    }
}
