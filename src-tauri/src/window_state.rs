//! The main window opens at the size and place the person left it, maximised if it was (the
//! core keeps the state in the data folder). It is written a moment after the window stops
//! moving or resizing, so even an app that was killed opens where it was. The window is
//! created hidden and appears once its page has loaded.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use companion_core::window_state::WindowState;
use tauri::{LogicalPosition, LogicalSize, Manager, WebviewWindow, WindowEvent};

/// Whether the window has been shown since the app started: the first showing is once only.
static SHOWN: AtomicBool = AtomicBool::new(false);
/// If the page has not loaded by then, the window appears anyway.
const SHOW_ANYWAY_AFTER: Duration = Duration::from_millis(1500);

/// Shows the window (`show`) the first time this is called; later calls do nothing, so a
/// window the person has since closed to the tray stays there.
pub fn show_first(show: impl FnOnce()) {
    if !SHOWN.swap(true, Ordering::SeqCst) {
        show();
    }
}

/// Counts a showing from elsewhere (the tray, a second launch) as the first.
pub fn shown() {
    SHOWN.store(true, Ordering::SeqCst);
}

/// The window is created hidden (tauri.conf.json) and shown when its page has loaded
/// (`show_first`, from the page-load handler), not before. Under WebKitGTK, a window drawn
/// while its page is still loading can wait up to 500 ms for the page's first picture, while the
/// page waits on the same thread for its own files: that cost about one start in five half
/// a second when WebKit draws without compositing (BENCHMARKS.md). Shown after the load, it never
/// did. Should the page never finish loading, the window appears anyway after
/// `SHOW_ANYWAY_AFTER`, so that it is never lost.
pub fn show_anyway_later(window: &WebviewWindow) {
    let app = window.app_handle().clone();
    let _ = std::thread::Builder::new()
        .name("show-window".into())
        .spawn(move || {
            std::thread::sleep(SHOW_ANYWAY_AFTER);
            let main = app.clone();
            let _ = app.run_on_main_thread(move || {
                if let Some(w) = main.get_webview_window("main") {
                    show_first(|| {
                        let _ = w.show();
                    });
                }
            });
        });
}

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
