//! The façade's use cases for encryption at rest and the app lock.

use crate::error::Error;
use crate::error::Result;
use crate::privacy::{self, EncryptionInput, LockInput, PrivacyView};
use crate::store::cipher::Passphrase;
use crate::store::conversion::Step;
use crate::Companion;

/// Encryption at rest and the app lock: `privacy` changes the guard, the façade tells the
/// listeners.
impl Companion {
    /// The passphrase of an encrypted diary.
    pub(crate) fn key(&self) -> Option<Passphrase> {
        self.guard.key()
    }

    pub fn encrypted(&self) -> bool {
        self.guard.encrypted()
    }

    pub fn is_locked(&self) -> bool {
        self.guard.is_locked()
    }

    pub fn privacy(&self) -> Result<PrivacyView> {
        let problem = privacy::keyring_problem(&self.guard);
        privacy::view(&self.guard, &self.lock(), problem)
    }

    pub fn set_lock_options(&self, input: &LockInput) -> Result<PrivacyView> {
        self.write(|tx, _| privacy::set_lock_options(tx, input))?;
        self.privacy()
    }

    /// Keeps the passphrase in this computer's keyring (`true`), so the app opens without it,
    /// or removes it from there (`false`).
    pub fn set_remembered(&self, remember: bool) -> Result<PrivacyView> {
        privacy::remember(&self.guard, &self.path, remember)?;
        self.write(|tx, _| privacy::note_remembered(tx, remember))?;
        self.privacy()
    }

    /// Turns encryption on, changes the passphrase, or turns it off; see [`privacy::change_key`].
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
        go_on: &mut dyn FnMut(Step) -> bool,
    ) -> Result<Option<PrivacyView>> {
        let now = self.clock.now();
        let changed =
            privacy::change_key(&self.guard, &mut self.lock(), &self.path, now, input, go_on)?;
        let Some(new) = changed else { return Ok(None) };
        let remembered = privacy::remembered(&self.lock())?;
        if remembered && !privacy::keep_remembered(&self.path, new.as_ref()) {
            self.write_quietly(|tx, _| privacy::note_remembered(tx, false))?;
        }
        self.announce();
        self.privacy().map(Some)
    }

    /// Locks the app now. Only an encrypted diary has a passphrase to unlock it with.
    pub fn lock_now(&self) -> Result<()> {
        self.guard.lock_now()?;
        self.announce();
        Ok(())
    }

    /// Unlocks the app with the passphrase, checked against the file itself.
    pub fn unlock(&self, typed: Passphrase) -> Result<()> {
        if privacy::unlock(&self.guard, &self.path, typed, self.clock.now())? {
            self.announce();
        }
        Ok(())
    }
}
