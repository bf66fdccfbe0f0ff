//! The IPC commands: each turns its arguments into one core call. No SQL and no rules here.

use companion_core::{
    export, ChartKind, CheckinInput, CheckinView, Companion, CravingInput, CravingView, Dashboard,
    EntryKind, ErrorBody, ExportFormat, HistoryPage, Range, SleepInput, SleepSummary, Theme, Today,
};
use tauri::{AppHandle, State};

/// The core, or why it could not be opened (shown by the UI instead of the app).
pub struct Backend(pub Result<Companion, ErrorBody>);

impl Backend {
    fn get(&self) -> Result<&Companion, ErrorBody> {
        self.0.as_ref().map_err(Clone::clone)
    }
}

type Reply<T> = Result<T, ErrorBody>;

#[tauri::command]
pub async fn app_status(backend: State<'_, Backend>) -> Reply<Today> {
    Ok(backend.get()?.today())
}

#[tauri::command]
pub async fn save_checkin(
    backend: State<'_, Backend>,
    id: Option<i64>,
    input: CheckinInput,
) -> Reply<CheckinView> {
    Ok(backend.get()?.save_checkin(id, &input)?)
}

#[tauri::command]
pub async fn preview_sleep(
    backend: State<'_, Backend>,
    day: String,
    input: SleepInput,
) -> Reply<SleepSummary> {
    Ok(backend.get()?.preview_sleep(&day, &input)?)
}

#[tauri::command]
pub async fn save_craving(
    backend: State<'_, Backend>,
    id: Option<i64>,
    input: CravingInput,
) -> Reply<CravingView> {
    Ok(backend.get()?.save_craving(id, &input)?)
}

#[tauri::command]
pub async fn delete_entry(backend: State<'_, Backend>, kind: EntryKind, id: i64) -> Reply<()> {
    Ok(backend.get()?.delete(kind, id)?)
}

#[tauri::command]
pub async fn restore_entry(backend: State<'_, Backend>, kind: EntryKind, id: i64) -> Reply<()> {
    Ok(backend.get()?.restore(kind, id)?)
}

#[tauri::command]
pub async fn history(
    backend: State<'_, Backend>,
    before: Option<String>,
    days: u32,
) -> Reply<HistoryPage> {
    Ok(backend.get()?.history(before.as_deref(), days)?)
}

#[tauri::command]
pub async fn dashboard(
    backend: State<'_, Backend>,
    range: Range,
    theme: Theme,
) -> Reply<Dashboard> {
    Ok(backend.get()?.dashboard(range, theme)?)
}

/// Saves one chart where the person chooses; `None` when they cancel the dialog. An SVG is
/// drawn again by the core; a PNG comes rasterised from the web view and is checked first.
#[tauri::command]
pub async fn export_chart(
    app: AppHandle,
    backend: State<'_, Backend>,
    chart: ChartKind,
    range: Range,
    theme: Theme,
    format: ExportFormat,
    png: Option<Vec<u8>>,
) -> Reply<Option<String>> {
    let (stem, svg) = backend.get()?.chart_svg(chart, range, theme)?;
    let bytes = match format {
        ExportFormat::Svg => svg.into_bytes(),
        ExportFormat::Png => png.unwrap_or_default(),
    };
    if format == ExportFormat::Png {
        export::check_png(&bytes)?;
    }
    let Some(path) = crate::save_dialog::choose(&app, &stem, format) else {
        return Ok(None);
    };
    export::write_atomically(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}
