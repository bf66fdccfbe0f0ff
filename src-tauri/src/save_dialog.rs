//! Where an export goes and what an import reads: the native file dialogs, opened by Rust so
//! the web view needs no file or dialog permission at all.

use std::path::PathBuf;
use std::sync::OnceLock;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Where the end-to-end tests' build sends what a dialog would ask for: they cannot click
/// through a native dialog. Set only by [`crate::run_end_to_end`], which only that build's
/// entry point (`examples/e2e.rs`) calls; the app people run never sets it and reads nothing
/// from the environment, so it cannot be steered this way.
static SEAMS: OnceLock<TestSeams> = OnceLock::new();

/// The end-to-end tests' stand-ins for the native file dialogs.
#[derive(Debug)]
pub struct TestSeams {
    /// Exports go straight into this folder, under their suggested names.
    pub save_dir: Option<PathBuf>,
    /// The file to "choose" in an open dialog is the path written in this file, read when
    /// the dialog would open, since each test picks another.
    pub open_from: Option<PathBuf>,
}

pub(crate) fn set_test_seams(seams: TestSeams) {
    // Set once, before the window opens; a second call changes nothing.
    let _ = SEAMS.set(seams);
}

pub(crate) fn test_save_dir() -> Option<PathBuf> {
    SEAMS.get()?.save_dir.clone()
}

fn test_open_file() -> Option<PathBuf> {
    let from = SEAMS.get()?.open_from.as_ref()?;
    let path = std::fs::read_to_string(from).ok()?;
    Some(PathBuf::from(path.trim()))
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

/// Asks which folder to use; `None` if the person cancels. (The tests' stand-in is the same
/// file as for [`open`].)
pub fn folder(app: &AppHandle, title: &str) -> Option<PathBuf> {
    if let Some(dir) = test_open_file() {
        return Some(dir);
    }
    app.dialog()
        .file()
        .set_title(title)
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
}
