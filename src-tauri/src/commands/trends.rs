//! The trends screen and saving its charts.

use super::*;

#[tauri::command]
pub async fn dashboard(
    session: State<'_, Session>,
    range: Range,
    theme: Theme,
) -> Reply<Dashboard> {
    Ok(session.get()?.dashboard(range, theme)?)
}

#[tauri::command]
pub async fn trend_days(session: State<'_, Session>, range: Range) -> Reply<TrendDays> {
    Ok(session.get()?.trend_days(range)?)
}

/// Saves one chart where the person chooses, drawn by the core as an SVG or a PNG; `None`
/// when they cancel the dialog.
#[tauri::command]
pub async fn export_chart(
    app: AppHandle,
    session: State<'_, Session>,
    chart: ChartKind,
    range: Range,
    theme: Theme,
    format: ExportFormat,
) -> Reply<Option<String>> {
    let (file, bytes) = session.get()?.chart_file(chart, range, theme, format)?;
    let Some(path) = save_dialog::choose(
        &app,
        "Save chart",
        &file,
        format.description(),
        format.extension(),
    ) else {
        return Ok(None);
    };
    export::write_atomically(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}
