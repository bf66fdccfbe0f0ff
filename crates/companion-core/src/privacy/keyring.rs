//! "Remember on this computer": the passphrase kept in the operating system's keyring (the
//! Secret Service on Linux, the Keychain on macOS, the Credential Manager on Windows, through
//! the `keyring` crate), never in a file. Without a keyring the option says why it is
//! unavailable, and nothing falls back to a file.
//!
//! Every call is bounded in time: a keyring that waits for a prompt nobody answers, or a
//! service that never starts, must not hold the app.

use std::path::Path;
use std::sync::mpsc;
use std::sync::OnceLock;
use std::time::Duration;

use crate::store::cipher::Passphrase;

/// The keyring's name for what the app keeps there; the account is the data file's path, so
/// each diary (and the tests' throwaway ones) has its own entry.
const SERVICE: &str = "org.kratomrecovery.companion";
const WAIT: Duration = Duration::from_secs(5);

/// Runs `f` on a helper thread and waits at most [`WAIT`] for it.
fn bounded<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("keyring".into())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .map_err(|e| e.to_string())?;
    rx.recv_timeout(WAIT)
        .map_err(|_| "the keyring did not answer within 5 seconds".to_owned())?
}

fn entry(data_file: &Path) -> Result<::keyring::Entry, String> {
    ::keyring::Entry::new(SERVICE, &data_file.to_string_lossy()).map_err(|e| e.to_string())
}

/// Why this computer's keyring cannot be used, if it cannot: found once per run.
pub fn problem() -> Option<String> {
    static FOUND: OnceLock<Option<String>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            bounded(|| {
                // Reading an entry that is not there shows the service answers.
                match entry(Path::new("availability check"))?.get_password() {
                    Ok(_) | Err(::keyring::Error::NoEntry) => Ok(()),
                    Err(e) => Err(e.to_string()),
                }
            })
            .err()
            .map(|detail| {
                format!("This computer has no keyring the app can use just now ({detail}).")
            })
        })
        .clone()
}

/// Keeps the passphrase of the diary at `data_file` in the keyring.
pub(crate) fn remember(data_file: &Path, key: &Passphrase) -> Result<(), String> {
    let (path, secret) = (data_file.to_owned(), key.clone());
    bounded(move || {
        entry(&path)?
            .set_password(secret.expose())
            .map_err(|e| e.to_string())
    })
}

/// The passphrase kept for the diary at `data_file`, if any.
pub fn recall(data_file: &Path) -> Option<Passphrase> {
    let path = data_file.to_owned();
    bounded(move || entry(&path)?.get_password().map_err(|e| e.to_string()))
        .ok()
        .and_then(|p| Passphrase::typed(p).ok())
}

/// Removes what the keyring keeps for the diary at `data_file`; nothing kept is no error.
pub(crate) fn forget(data_file: &Path) -> Result<(), String> {
    let path = data_file.to_owned();
    bounded(move || match entry(&path)?.delete_credential() {
        Ok(()) | Err(::keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(e.to_string()),
    })
}
