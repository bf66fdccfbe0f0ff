// The app's IPC commands, by name. Included by build.rs (one permission each) and by the shell's
// tests (the capability must grant exactly these), so the list is written once.

pub const COMMANDS: &[&str] = &[
    "app_status",
    "save_checkin",
    "preview_sleep",
    "save_craving",
    "delete_entry",
    "restore_entry",
    "history",
    "dashboard",
    "export_chart",
    "watch_reminders",
    "reminders",
    "save_reminder",
    "delete_reminder",
    "snooze_reminder",
    "pause_reminder",
    "pause_all_reminders",
    "save_reminder_settings",
    "log_water",
    "undo_water",
    "notification_status",
    "test_notification",
    "start_at_login",
    "set_start_at_login",
    "quit_app",
];
