//! Check-ins, cravings, water and the history: the day's entries.

use super::*;

#[tauri::command]
pub async fn app_status(session: State<'_, Session>) -> Reply<Today> {
    Ok(session.get()?.today())
}

#[tauri::command]
pub async fn save_checkin(
    session: State<'_, Session>,
    id: Option<i64>,
    input: CheckinInput,
) -> Reply<CheckinView> {
    Ok(session.get()?.save_checkin(id, &input)?)
}

#[tauri::command]
pub async fn preview_sleep(
    session: State<'_, Session>,
    day: String,
    input: SleepInput,
) -> Reply<SleepSummary> {
    Ok(session.get()?.preview_sleep(&day, &input)?)
}

#[tauri::command]
pub async fn save_craving(
    session: State<'_, Session>,
    id: Option<i64>,
    input: CravingInput,
) -> Reply<CravingView> {
    Ok(session.get()?.save_craving(id, &input)?)
}

#[tauri::command]
pub async fn delete_entry(session: State<'_, Session>, kind: EntryKind, id: i64) -> Reply<()> {
    Ok(session.get()?.delete(kind, id)?)
}

#[tauri::command]
pub async fn restore_entry(session: State<'_, Session>, kind: EntryKind, id: i64) -> Reply<()> {
    Ok(session.get()?.restore(kind, id)?)
}

#[tauri::command]
pub async fn history(
    session: State<'_, Session>,
    before: Option<String>,
    days: u32,
) -> Reply<HistoryPage> {
    Ok(session.get()?.history(before.as_deref(), days)?)
}

#[tauri::command]
pub async fn log_water(session: State<'_, Session>) -> Reply<WaterToday> {
    Ok(session.get()?.log_water()?)
}

#[tauri::command]
pub async fn undo_water(session: State<'_, Session>) -> Reply<WaterToday> {
    Ok(session.get()?.undo_water()?)
}
