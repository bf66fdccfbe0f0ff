//! Generates one permission per app command, so the capability file can grant exactly these.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_status",
        "save_checkin",
        "preview_sleep",
        "save_craving",
        "delete_entry",
        "restore_entry",
        "history",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed: check tauri.conf.json and capabilities/");
}
