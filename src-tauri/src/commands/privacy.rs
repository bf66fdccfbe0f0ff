//! Lock, unlock and encryption.

use super::*;

/// Unlocks the app: the open diary after a lock, or an encrypted diary not yet opened.
#[tauri::command]
pub async fn unlock(session: State<'_, Session>, passphrase: String) -> Reply<()> {
    session.unlock(Passphrase::typed(passphrase)?)
}

/// Locks the app now (the lock button, the idle timer).
#[tauri::command]
pub async fn lock_now(session: State<'_, Session>) -> Reply<()> {
    Ok(session.open()?.lock_now()?)
}

#[tauri::command]
pub async fn privacy(session: State<'_, Session>) -> Reply<PrivacyView> {
    Ok(session.get()?.privacy()?)
}

/// Turns encryption on or off or changes the passphrase; the diary and its backups are
/// rewritten, which takes a second or two.
#[tauri::command]
pub async fn set_encryption(
    session: State<'_, Session>,
    input: EncryptionInput,
) -> Reply<PrivacyView> {
    Ok(session.get()?.set_encryption(input)?)
}

/// Keeps the passphrase in this computer's keyring, or removes it from there.
#[tauri::command]
pub async fn set_remembered(session: State<'_, Session>, remember: bool) -> Reply<PrivacyView> {
    Ok(session.get()?.set_remembered(remember)?)
}

#[tauri::command]
pub async fn set_lock_options(session: State<'_, Session>, input: LockInput) -> Reply<PrivacyView> {
    Ok(session.get()?.set_lock_options(&input)?)
}
