//! Mood and anxiety check-ups.

use super::*;

/// The mood and anxiety check-ups: the questionnaires, recent scores, which are due.
#[tauri::command]
pub async fn checkups(session: State<'_, Session>) -> Reply<CheckupsView> {
    Ok(session.get()?.checkups()?)
}

#[tauri::command]
pub async fn save_checkup(session: State<'_, Session>, input: CheckupInput) -> Reply<CheckupView> {
    Ok(session.get()?.save_checkup(&input)?)
}

#[tauri::command]
pub async fn set_quick_checkups(session: State<'_, Session>, on: bool) -> Reply<CheckupsView> {
    Ok(session.get()?.set_quick_checkups(on)?)
}
