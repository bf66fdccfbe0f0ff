//! The Tauri shell: one window, one instance, the data folder, the command adapters, and the
//! background work (reminders, tray) that goes on while the window is closed.

mod background;
mod commands;
// Read by build.rs too (permissions, the handler list); here only the tests need it.
#[cfg(test)]
mod ipc;
mod save_dialog;
mod session;
mod sync;
mod window_state;

use std::path::{Path, PathBuf};

use tauri::webview::PageLoadEvent;
use tauri::Manager;

pub use save_dialog::TestSeams;
use session::Session;

/// Where the data file lives: the OS's app-data folder for this app. Debug builds use a
/// sibling folder so that trying things out never touches someone's real entries.
fn data_dir(app: &tauri::AppHandle) -> tauri::Result<PathBuf> {
    // On Windows the local folder: the roaming one can be copied to other machines.
    #[cfg(windows)]
    let dir = app.path().app_local_data_dir()?;
    #[cfg(not(windows))]
    let dir = app.path().app_data_dir()?;
    Ok(if cfg!(debug_assertions) {
        dev_sibling(&dir)
    } else {
        dir
    })
}

/// `…/org.example.app` → `…/org.example.app-dev`.
fn dev_sibling(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| format!("{}-dev", n.to_string_lossy()))
        .unwrap_or_else(|| "dev".into());
    dir.with_file_name(name)
}

pub(crate) fn show_main_window(app: &tauri::AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        window_state::shown();
        // Best effort: a window manager may refuse focus; the window is shown either way.
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

/// The argument a start at login passes: open in the tray, without the window.
const HIDDEN_ARG: &str = "--hidden";

fn started_hidden() -> bool {
    std::env::args().any(|a| a == HIDDEN_ARG)
}

/// The page's scripts run in JavaScriptCore's interpreter, without its JIT compilers. They are
/// small and mostly run once, so the compilers bought nothing: without them the web process
/// uses about 10 MB less, start-up and the charts are as quick (BENCHMARKS.md), and no machine
/// code is generated at run time in the process that shows the diary. WebKitGTK's web process
/// inherits the app's environment, where JavaScriptCore reads its options; `run` calls this
/// first, from `main`, before any thread exists. A `JSC_useJIT` already set (to compare, say) is kept.
fn interpreted_scripts() {
    #[cfg(all(unix, not(target_os = "macos")))]
    if std::env::var_os("JSC_useJIT").is_none() {
        std::env::set_var("JSC_useJIT", "false");
    }
}

/// The app for the end-to-end tests (`examples/e2e.rs`): the same app, with the native file
/// dialogs replaced by `seams`. Built by `cargo test` beside the tests, so it shares their
/// compiled shell instead of needing a build of its own.
#[doc(hidden)]
pub fn run_end_to_end(seams: TestSeams) {
    save_dialog::set_test_seams(seams);
    run();
}

pub fn run() {
    interpreted_scripts();
    tauri::Builder::default()
        // A second launch brings the open window forward instead of opening the file twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            show_main_window(app);
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(background::lock_shortcut())
        // Opt-in from the reminders screen; a login start opens hidden, in the tray.
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec![HIDDEN_ARG]),
        ))
        .setup(|app| {
            let dir = data_dir(app.handle()).ok();
            // The diary opens on a thread of its own while the window loads (measured: the
            // main thread spent about 50 ms on it before the page could start); the commands
            // wait for it. Each diary the session opens starts the reminders and the tray.
            let handle = app.handle().clone();
            app.manage(sync::SyncWorker::default());
            app.manage(Session::opening(dir.clone(), move |opened| {
                background::attach(&handle, opened);
                sync::attach(&handle, opened);
            }));
            app.manage(commands::data::ImportChoice::default());
            if let Some(w) = app.get_webview_window("main") {
                if let Some(dir) = dir.as_deref() {
                    window_state::restore(&w, dir);
                    window_state::watch(&w, dir.to_path_buf());
                }
                if !started_hidden() {
                    window_state::show_anyway_later(&w);
                }
            }
            background::start(app.handle())?;
            let handle = app.handle().clone();
            std::thread::Builder::new()
                .name("open-diary".into())
                .spawn(move || handle.state::<Session>().open_at_start())?;
            Ok(())
        })
        // The window was created hidden; it appears once its page has loaded, unless the
        // app started in the tray (window_state::show_anyway_later says why).
        .on_page_load(|webview, load| {
            if load.event() == PageLoadEvent::Finished && !started_hidden() {
                window_state::show_first(|| {
                    let _ = webview.window().show();
                });
            }
        })
        .on_window_event(background::on_window_event)
        // The list of every `#[tauri::command]` in commands/, made by build.rs.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handlers.rs")))
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}

#[cfg(test)]
mod tests;
