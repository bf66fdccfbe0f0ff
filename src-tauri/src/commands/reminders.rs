//! Reminders and the desktop notifications that deliver them.

use super::*;

/// Opens the channel on which the web view hears of in-app reminders and outside changes.
#[tauri::command]
pub async fn watch_reminders(
    bg: State<'_, Background>,
    on_event: tauri::ipc::Channel<companion_core::ReminderEvent>,
) -> Reply<()> {
    bg.watch(on_event);
    Ok(())
}

#[tauri::command]
pub async fn reminders(session: State<'_, Session>) -> Reply<RemindersView> {
    Ok(session.get()?.reminders()?)
}

#[tauri::command]
pub async fn save_reminder(
    session: State<'_, Session>,
    id: Option<i64>,
    input: ReminderInput,
) -> Reply<ReminderView> {
    Ok(session.get()?.save_reminder(id, &input)?)
}

#[tauri::command]
pub async fn delete_reminder(session: State<'_, Session>, id: i64) -> Reply<()> {
    Ok(session.get()?.delete_reminder(id)?)
}

#[tauri::command]
pub async fn snooze_reminder(
    session: State<'_, Session>,
    id: i64,
    minutes: u32,
) -> Reply<ReminderView> {
    Ok(session.get()?.snooze_reminder(id, minutes)?)
}

#[tauri::command]
pub async fn pause_reminder(
    session: State<'_, Session>,
    id: i64,
    pause: Pause,
) -> Reply<ReminderView> {
    Ok(session.get()?.pause_reminder(id, pause)?)
}

#[tauri::command]
pub async fn pause_all_reminders(
    session: State<'_, Session>,
    bg: State<'_, Background>,
    pause: Pause,
) -> Reply<RemindersView> {
    let app = session.get()?;
    let view = app.pause_all(pause);
    bg.refresh_tray(&app);
    Ok(view?)
}

#[tauri::command]
pub async fn save_reminder_settings(
    session: State<'_, Session>,
    settings: ReminderSettings,
) -> Reply<RemindersView> {
    Ok(session.get()?.save_reminder_settings(&settings)?)
}

#[tauri::command]
pub async fn notification_status(bg: State<'_, Background>) -> Reply<DesktopStatus> {
    Ok(bg.desktop_status())
}

/// Shows a sample reminder now, the way real ones come, so a person can see that they work.
#[tauri::command]
pub async fn test_notification(
    app: AppHandle,
    session: State<'_, Session>,
) -> Reply<DesktopStatus> {
    let companion = session.get()?;
    // Neutral words either way; in discreet mode, from the neutral sender too.
    let sample = Firing {
        reminder_id: 0,
        kind: ReminderKind::Custom,
        title: "Reminders are working".into(),
        body: "This is how a reminder will look. You can change or pause any of them.".into(),
        snoozed: false,
        discreet: companion.discreet()?,
    };
    Ok(crate::background::deliver(&app, &companion, &sample))
}
