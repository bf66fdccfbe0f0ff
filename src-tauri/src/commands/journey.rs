//! The detox journey: doses, symptoms, the taper, the plan for hard moments, urge surfing.

use super::*;

#[tauri::command]
pub async fn log_dose(session: State<'_, Session>, input: DoseInput) -> Reply<DoseLogged> {
    Ok(session.get()?.log_dose(&input)?)
}

#[tauri::command]
pub async fn timeline_card(session: State<'_, Session>) -> Reply<TimelineCard> {
    Ok(session.get()?.timeline_card()?)
}

#[tauri::command]
pub async fn symptom_check(session: State<'_, Session>, day: String) -> Reply<SymptomCheck> {
    Ok(session.get()?.symptom_check(&day)?)
}

#[tauri::command]
pub async fn save_symptoms(
    session: State<'_, Session>,
    input: SymptomInput,
) -> Reply<SymptomCheck> {
    // Today's symptoms can change how often water reminders come.
    Ok(session.get()?.save_symptoms(&input)?)
}

#[tauri::command]
pub async fn symptom_trend(
    session: State<'_, Session>,
    shown: Vec<Symptom>,
    axis: SymptomAxis,
    theme: Theme,
) -> Reply<SymptomTrend> {
    Ok(session.get()?.symptom_trend(&shown, axis, theme)?)
}

#[tauri::command]
pub async fn taper(session: State<'_, Session>, theme: Theme) -> Reply<TaperView> {
    Ok(session.get()?.taper(theme)?)
}

#[tauri::command]
pub async fn preview_taper(session: State<'_, Session>, input: TaperInput) -> Reply<TaperPreview> {
    Ok(session.get()?.preview_taper(&input)?)
}

#[tauri::command]
pub async fn save_taper_plan(
    session: State<'_, Session>,
    input: TaperInput,
    theme: Theme,
) -> Reply<TaperView> {
    Ok(session.get()?.save_taper_plan(&input, theme)?)
}

#[tauri::command]
pub async fn hold_taper_step(
    session: State<'_, Session>,
    days: i64,
    theme: Theme,
) -> Reply<TaperView> {
    Ok(session.get()?.hold_taper_step(days, theme)?)
}

#[tauri::command]
pub async fn end_taper_plan(session: State<'_, Session>, theme: Theme) -> Reply<TaperView> {
    Ok(session.get()?.end_taper_plan(theme)?)
}

#[tauri::command]
pub async fn recovery_plan(session: State<'_, Session>) -> Reply<PlanView> {
    Ok(session.get()?.recovery_plan()?)
}

#[tauri::command]
pub async fn save_recovery_plan(
    session: State<'_, Session>,
    input: RecoveryPlan,
) -> Reply<PlanView> {
    Ok(session.get()?.save_recovery_plan(&input)?)
}

#[tauri::command]
pub async fn save_contact(
    session: State<'_, Session>,
    id: Option<i64>,
    input: ContactInput,
) -> Reply<PlanView> {
    Ok(session.get()?.save_contact(id, &input)?)
}

#[tauri::command]
pub async fn delete_contact(session: State<'_, Session>, id: i64) -> Reply<PlanView> {
    Ok(session.get()?.delete_contact(id)?)
}

#[tauri::command]
pub async fn log_urge_surf(
    session: State<'_, Session>,
    input: UrgeSurfInput,
) -> Reply<CravingView> {
    Ok(session.get()?.log_urge_surf(&input)?)
}
