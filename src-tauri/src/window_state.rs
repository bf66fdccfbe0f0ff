//! The main window opens at the size and place the person left it, maximised if it was (the
//! core keeps the state in the data folder). It is written a moment after the window stops
//! moving or resizing, so even an app that was killed opens where it was.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use companion_core::window_state::WindowState;
use tauri::{LogicalPosition, LogicalSize, WebviewWindow, WindowEvent};

/// Puts the window where the kept state says, if there is one and it is on a screen now.
pub fn restore(window: &WebviewWindow, dir: &Path) {
    let Some(state) = WindowState::load(dir) else {
        return;
    };
    let _ = window.set_size(LogicalSize::new(state.width, state.height));
    let screens: Vec<(f64, f64, f64, f64)> = window
        .available_monitors()
        .unwrap_or_default()
        .iter()
        .map(|m| {
            let scale = m.scale_factor();
            let at = m.position().to_logical::<f64>(scale);
            let size = m.size().to_logical::<f64>(scale);
            (at.x, at.y, size.width, size.height)
        })
        .collect();
    if state.visible_on(&screens) {
        let _ = window.set_position(LogicalPosition::new(state.x, state.y));
    }
    if state.maximized {
        let _ = window.maximize();
    }
}

/// Writes the state once the window has been still for 400 ms after a move or a resize.
pub fn watch(window: &WebviewWindow, dir: PathBuf) {
    let (tx, rx) = mpsc::channel::<()>();
    let w = window.clone();
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            while rx.recv_timeout(Duration::from_millis(400)).is_ok() {}
            if let Some(state) = current(&w, &dir) {
                // Best effort: a window in its default place is no loss.
                let _ = state.save(&dir);
            }
        }
    });
    window.on_window_event(move |e| {
        if matches!(e, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
            let _ = tx.send(());
        }
    });
}

fn current(w: &WebviewWindow, dir: &Path) -> Option<WindowState> {
    if !w.is_visible().ok()? || w.is_minimized().ok()? {
        return None;
    }
    if w.is_maximized().ok()? {
        // The size and place from before it was maximised stay, for when it is restored.
        let mut kept = WindowState::load(dir)?;
        kept.maximized = true;
        return Some(kept);
    }
    let scale = w.scale_factor().ok()?;
    let size = w.inner_size().ok()?.to_logical::<f64>(scale);
    let at = w.outer_position().ok()?.to_logical::<f64>(scale);
    Some(WindowState {
        width: size.width,
        height: size.height,
        x: at.x,
        y: at.y,
        maximized: false,
    })
}
