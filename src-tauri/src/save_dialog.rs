//! Where an export goes and what an import reads: the native file dialogs, opened by Rust so
//! the web view needs no file or dialog permission at all.

use std::path::PathBuf;

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

/// The file the end-to-end tests "choose" to open: the path written in the file this names,
/// read when the dialog would open, since each test picks another. See [`test_save_dir`].
#[cfg(feature = "e2e")]
fn test_open_file() -> Option<PathBuf> {
    let from = std::env::var_os("RECOVERY_COMPANION_E2E_OPEN_FROM")?;
    let path = std::fs::read_to_string(from).ok()?;
    Some(PathBuf::from(path.trim()))
}

#[cfg(not(feature = "e2e"))]
fn test_open_file() -> Option<PathBuf> {
    None
}

/// Asks where to save `file` (a name with its `extension`); `None` if the person cancels.
pub fn choose(
    app: &AppHandle,
    title: &str,
    file: &str,
    description: &str,
    extension: &str,
) -> Option<PathBuf> {
    if let Some(dir) = test_save_dir() {
        return Some(dir.join(file));
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(description, &[extension])
        .set_file_name(file)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks which file to open; `None` if the person cancels.
pub fn open(
    app: &AppHandle,
    title: &str,
    description: &str,
    extensions: &[&str],
) -> Option<PathBuf> {
    if let Some(file) = test_open_file() {
        return Some(file);
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(description, extensions)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}
