//! Where an export goes: the native save dialog, opened by Rust so the web view needs no file
//! or dialog permission at all.

use std::path::PathBuf;

use companion_core::ExportFormat;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Set only by the end-to-end tests, which cannot click through a native dialog: exports then
/// go straight into this folder under their suggested names. Only a build made for those
/// tests (the `e2e` feature) has this code; the app people run cannot be steered by it.
#[cfg(feature = "e2e")]
pub(crate) fn test_save_dir() -> Option<PathBuf> {
    std::env::var_os("RECOVERY_COMPANION_E2E_SAVE_DIR").map(PathBuf::from)
}

#[cfg(not(feature = "e2e"))]
pub(crate) fn test_save_dir() -> Option<PathBuf> {
    None
}

/// Asks where to save `stem.ext`; `None` if the person cancels.
pub fn choose(app: &AppHandle, stem: &str, format: ExportFormat) -> Option<PathBuf> {
    let file = format!("{stem}.{}", format.extension());
    if let Some(dir) = test_save_dir() {
        return Some(dir.join(file));
    }
    app.dialog()
        .file()
        .set_title("Save chart")
        .add_filter(format.description(), &[format.extension()])
        .set_file_name(&file)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}
