//! Keeping the diary in step with the person's other computers through a folder they already
//! sync; the folder is chosen in a native dialog, the work is the core's, the steps run on the
//! sync thread (`crate::sync`).

use super::*;

/// The "Keep in step" card.
#[tauri::command]
pub async fn sync_status(
    session: State<'_, Session>,
    worker: State<'_, SyncWorker>,
) -> Reply<SyncView> {
    let companion = session.get()?;
    Ok(worker.view(&companion)?)
}

/// Asks for a folder and starts a shared diary there with this computer as its first, and a
/// passphrase as a second way in if one is given; the answer carries the recovery code, shown
/// once. `None` when the person cancels.
#[tauri::command]
pub async fn start_sync(
    app: AppHandle,
    session: State<'_, Session>,
    worker: State<'_, SyncWorker>,
    name: String,
    passphrase: Option<String>,
) -> Reply<Option<SyncView>> {
    let companion = session.get()?;
    let Some(folder) = save_dialog::folder(&app, "Choose a folder you keep in step") else {
        return Ok(None);
    };
    let code = companion.sync_start(&folder, &name, passphrase.as_deref())?;
    crate::sync::attach(&app, &companion);
    let mut view = worker.view(&companion)?;
    view.recovery_code = Some(code);
    Ok(Some(view))
}

/// Asks for the folder that holds a shared diary and joins it with its recovery code or
/// passphrase, after a backup. `None` when the person cancels.
#[tauri::command]
pub async fn join_sync(
    app: AppHandle,
    session: State<'_, Session>,
    worker: State<'_, SyncWorker>,
    name: String,
    code: String,
) -> Reply<Option<SyncView>> {
    let companion = session.get()?;
    let Some(folder) = save_dialog::folder(&app, "Choose the folder your diary is kept in") else {
        return Ok(None);
    };
    companion.sync_join(&folder, &name, &code)?;
    crate::sync::attach(&app, &companion);
    Ok(Some(worker.view(&companion)?))
}

/// Removes another computer (a lost laptop) from the shared diary, with the recovery code or
/// passphrase; the card shows it gone once the sync thread has taken the new key.
#[tauri::command]
pub async fn remove_computer(
    session: State<'_, Session>,
    worker: State<'_, SyncWorker>,
    computer: String,
    code: String,
) -> Reply<SyncView> {
    let companion = session.get()?;
    companion.sync_remove(&computer, &code)?;
    Ok(worker.view(&companion)?)
}

/// Makes a new key for the computers that stay, with the recovery code or passphrase, when
/// two removals crossed or this computer missed one.
#[tauri::command]
pub async fn renew_sync_key(
    session: State<'_, Session>,
    worker: State<'_, SyncWorker>,
    code: String,
) -> Reply<SyncView> {
    let companion = session.get()?;
    companion.sync_renew_key(&code)?;
    Ok(worker.view(&companion)?)
}

/// Entries with a version made on another computer at the same time as the one shown.
#[tauri::command]
pub async fn other_versions(session: State<'_, Session>) -> Reply<Vec<OtherVersion>> {
    Ok(session.get()?.other_versions()?)
}

/// Takes the other computer's version of an entry in place of the one shown.
#[tauri::command]
pub async fn take_version(
    session: State<'_, Session>,
    kind: String,
    row: String,
    node: String,
) -> Reply<Vec<OtherVersion>> {
    Ok(session.get()?.take_version(&kind, &row, &node)?)
}

/// Keeps the version shown of an entry, and lets the other go.
#[tauri::command]
pub async fn keep_version(
    session: State<'_, Session>,
    kind: String,
    row: String,
) -> Reply<Vec<OtherVersion>> {
    Ok(session.get()?.keep_version(&kind, &row)?)
}
