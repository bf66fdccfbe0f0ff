//! The person's data: export, import (the app's own files, Daylio and Bearable), backups and deleting everything.

use super::*;

/// The file the person chose to import, kept here so the web view never names a path.
#[derive(Default)]
pub struct ImportChoice(Mutex<Option<PathBuf>>);

impl ImportChoice {
    fn set(&self, path: Option<PathBuf>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = path;
    }
}

/// Asks which file to import (the native dialog) and previews it; keeps the choice for the
/// import. `None` when the person cancels.
#[allow(clippy::too_many_arguments)]
fn choose_file<T>(
    session: &Session,
    choice: &ImportChoice,
    app: &AppHandle,
    what: &str,
    description: &str,
    extensions: &[&str],
    preview: impl FnOnce(&Companion, &Path) -> companion_core::Result<T>,
) -> Reply<Option<T>> {
    let companion = session.get()?;
    let title = format!("Import {what}");
    let Some(path) = save_dialog::open(app, &title, description, extensions) else {
        return Ok(None);
    };
    let previewed = preview(&companion, &path)?;
    choice.set(Some(path));
    Ok(Some(previewed))
}

/// The file chosen for an import.
fn chosen(choice: &ImportChoice) -> Reply<PathBuf> {
    choice
        .0
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .ok_or_else(|| ErrorBody {
            kind: ErrorKind::Invalid,
            message: "Please choose the file to import first.".into(),
            field: Some("file".into()),
        })
}

/// Imports the chosen file with `import`; a done import uses the choice up.
fn import_chosen<T>(
    session: &Session,
    choice: &ImportChoice,
    import: impl FnOnce(&Companion, &Path) -> companion_core::Result<T>,
) -> Reply<T> {
    let companion = session.get()?;
    let done = import(&companion, &chosen(choice)?)?;
    choice.set(None);
    Ok(done)
}

/// Saves the whole diary (or the days of `range`) where the person chooses; `None` when they
/// cancel the dialog.
#[tauri::command]
pub async fn export_diary(
    app: AppHandle,
    session: State<'_, Session>,
    format: DiaryFormat,
    range: DayRange,
    protect: bool,
) -> Reply<Option<String>> {
    let companion = session.get()?;
    let file = companion.diary_file_name(format, protect);
    let (what, ext) = match protect {
        false => (format.description(), format.extension()),
        true => ("Zip protected with your passphrase", "zip"),
    };
    let Some(path) = save_dialog::choose(&app, "Export diary", &file, what, ext) else {
        return Ok(None);
    };
    companion.export_diary(&path, format, &range, protect)?;
    Ok(Some(path.display().to_string()))
}

/// Asks for a diary export to import and previews it; `None` when the person cancels.
#[tauri::command]
pub async fn choose_import(
    app: AppHandle,
    session: State<'_, Session>,
    choice: State<'_, ImportChoice>,
    take_setup: bool,
) -> Reply<Option<Vec<KindCount>>> {
    choose_file(
        &session,
        &choice,
        &app,
        "a diary export",
        "Diary export (JSON, or a protected zip)",
        &["json", "zip"],
        |c, p| c.preview_import(p, take_setup),
    )
}

/// The chosen file's preview again, for another choice about set-up.
#[tauri::command]
pub async fn preview_import(
    session: State<'_, Session>,
    choice: State<'_, ImportChoice>,
    take_setup: bool,
) -> Reply<Vec<KindCount>> {
    Ok(session
        .get()?
        .preview_import(&chosen(&choice)?, take_setup)?)
}

/// Imports the chosen file, all or nothing.
#[tauri::command]
pub async fn import_diary(
    session: State<'_, Session>,
    choice: State<'_, ImportChoice>,
    take_setup: bool,
) -> Reply<Vec<KindCount>> {
    import_chosen(&session, &choice, |c, p| c.import_diary(p, take_setup))
}

/// Asks for a Daylio CSV export and previews it; `None` when the person cancels.
#[tauri::command]
pub async fn choose_daylio(
    app: AppHandle,
    session: State<'_, Session>,
    choice: State<'_, ImportChoice>,
) -> Reply<Option<DaylioPreview>> {
    choose_file(
        &session,
        &choice,
        &app,
        "a Daylio export",
        "Daylio export (CSV)",
        &["csv"],
        |c, p| c.preview_daylio(p),
    )
}

/// Imports the chosen Daylio file with the person's value for each mood label.
#[tauri::command]
pub async fn import_daylio(
    session: State<'_, Session>,
    choice: State<'_, ImportChoice>,
    values: Vec<LabelValue>,
) -> Reply<u32> {
    import_chosen(&session, &choice, |c, p| c.import_daylio(p, &values))
}

/// Asks for a Bearable CSV export and previews it; `None` when the person cancels.
#[tauri::command]
pub async fn choose_bearable(
    app: AppHandle,
    session: State<'_, Session>,
    choice: State<'_, ImportChoice>,
) -> Reply<Option<BearableCounts>> {
    choose_file(
        &session,
        &choice,
        &app,
        "a Bearable export",
        "Bearable export (CSV)",
        &["csv"],
        |c, p| c.preview_bearable(p),
    )
}

/// Imports the chosen Bearable file, all or nothing.
#[tauri::command]
pub async fn import_bearable(
    session: State<'_, Session>,
    choice: State<'_, ImportChoice>,
) -> Reply<BearableCounts> {
    import_chosen(&session, &choice, |c, p| c.import_bearable(p))
}

/// Every backup, newest first; also when the diary could not be opened.
#[tauri::command]
pub async fn backups(session: State<'_, Session>) -> Reply<Vec<BackupInfo>> {
    session.backups()
}

#[tauri::command]
pub async fn back_up_now(session: State<'_, Session>) -> Reply<BackupInfo> {
    Ok(session.get()?.back_up(Reason::Manual)?)
}

/// What the diary that could not be opened still shows of its entries, to compare with a
/// backup before restoring it; `None` when it cannot be read at all.
#[tauri::command]
pub async fn damaged_counts(session: State<'_, Session>) -> Reply<Option<EntryCounts>> {
    session.damaged_counts()
}

/// Restores the backup `name` (made under `earlier`, an earlier passphrase, if it says so):
/// into the open diary, or in place of one that could not be opened.
#[tauri::command]
pub async fn restore_backup(
    session: State<'_, Session>,
    name: String,
    earlier: Option<String>,
) -> Reply<()> {
    let earlier = earlier
        .filter(|e| !e.is_empty())
        .map(Passphrase::typed)
        .transpose()?;
    session.restore_backup(&name, earlier)
}

/// Deletes the diary (and, if chosen, its backups) after the confirmation word.
#[tauri::command]
pub async fn delete_everything(
    session: State<'_, Session>,
    confirmation: String,
    with_backups: bool,
) -> Reply<()> {
    Ok(session
        .get()?
        .delete_everything(&confirmation, with_backups)?)
}
