//! The app on the desktop: starting at login and quitting.

use super::*;

#[tauri::command]
pub async fn start_at_login(app: AppHandle) -> Reply<bool> {
    Ok(app.autolaunch().is_enabled().unwrap_or(false))
}

#[tauri::command]
pub async fn set_start_at_login(app: AppHandle, enabled: bool) -> Reply<bool> {
    let launcher = app.autolaunch();
    let done = if enabled {
        launcher.enable()
    } else {
        launcher.disable()
    };
    done.map_err(|e| ErrorBody {
        kind: companion_core::ErrorKind::Storage,
        message: format!("Starting at login could not be changed ({e})."),
        field: Some("startAtLogin".into()),
    })?;
    Ok(launcher.is_enabled().unwrap_or(enabled))
}

/// Quits for real (closing the window only hides it).
#[tauri::command]
pub async fn quit_app(app: AppHandle) -> Reply<()> {
    app.exit(0);
    Ok(())
}
