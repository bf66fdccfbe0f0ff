//! Get help, which answers with or without the diary.

use super::*;

/// Help answers even when the diary could not be opened.
#[tauri::command]
pub async fn help_view(session: State<'_, Session>) -> Reply<HelpView> {
    if session.open().is_err_and(|e| e.kind == ErrorKind::Locked) {
        return Ok(HelpView::while_locked(session.dir()));
    }
    Ok(HelpView::of(session.open().ok().as_deref(), session.dir()))
}

#[tauri::command]
pub async fn set_crisis_region(session: State<'_, Session>, region: String) -> Reply<HelpView> {
    Ok(HelpView::choose(
        session.open().ok().as_deref(),
        session.dir(),
        &region,
    )?)
}
