//! The report for the clinician and the printed plan.

use super::*;

#[tauri::command]
pub async fn report_options(session: State<'_, Session>) -> Reply<ReportOptions> {
    Ok(session.get()?.report_options()?)
}

/// Makes the clinician report, then asks where to save it; `None` when they cancel.
#[tauri::command]
pub async fn save_report(
    app: AppHandle,
    session: State<'_, Session>,
    input: ReportInput,
) -> Reply<Option<ReportSaved>> {
    let companion = session.get()?;
    let report = companion.clinician_report(&input)?;
    let file = Companion::report_file_name(&input);
    let Some(path) = save_dialog::choose(&app, "Save report", &file, "PDF document", "pdf") else {
        return Ok(None);
    };
    Ok(Some(companion.write_report(&report, input.csv, &path)?))
}

/// Saves the safety plan as a one-page PDF; `None` when they cancel.
#[tauri::command]
pub async fn save_plan_pdf(app: AppHandle, session: State<'_, Session>) -> Reply<Option<String>> {
    let companion = session.get()?;
    let pdf = companion.plan_pdf()?;
    let file = "my-plan-for-hard-moments.pdf";
    let Some(path) = save_dialog::choose(&app, "Save my plan", file, "PDF document", "pdf") else {
        return Ok(None);
    };
    export::write_atomically(&path, &pdf)?;
    Ok(Some(path.display().to_string()))
}
