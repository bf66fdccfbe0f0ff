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
];
