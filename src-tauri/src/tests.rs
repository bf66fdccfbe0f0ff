//! Checks of the shell's promises that do not need a window: least privilege, a strict CSP,
//! and dev builds kept away from real data.

use std::path::Path;

use serde_json::Value;

use super::ipc;

/// The files of `commands/`, as build.rs reads them.
fn sources() -> Vec<(String, String)> {
    ipc::sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands"))
}

/// The command names, from their one source.
fn command_names() -> Vec<String> {
    ipc::all(&sources()).into_iter().map(|c| c.name).collect()
}

fn json(file: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).expect("config file");
    serde_json::from_str(&text).expect("valid JSON")
}

#[test]
fn the_window_is_granted_exactly_the_apps_commands() {
    let cap = json("capabilities/main.json");
    let mut granted: Vec<&str> = cap["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("plain permission names, no scopes"))
        .collect();
    let mut wanted: Vec<String> = command_names()
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    // One permission of Tauri's own: the zoom keys (Ctrl+= / Ctrl+- / Ctrl+0) call it, and
    // only while the window has them turned on.
    let zoom = json("tauri.conf.json")["app"]["windows"][0]["zoomHotkeysEnabled"] == true;
    if zoom {
        wanted.push("core:webview:allow-set-webview-zoom".to_owned());
    }
    granted.sort_unstable();
    wanted.sort_unstable();
    assert_eq!(granted, wanted, "no fs:, shell: or other permission");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(
        cap.get("remote").is_none(),
        "no remote origin may call commands"
    );
}

/// The window cannot be made smaller than the layout is made for, and the kept window state
/// (core) uses the same minimum.
#[test]
fn the_window_minimum_is_the_layouts() {
    use companion_core::window_state::{MIN_HEIGHT, MIN_WIDTH};
    let conf = json("tauri.conf.json");
    let window = &conf["app"]["windows"][0];
    assert_eq!(window["minWidth"].as_f64(), Some(MIN_WIDTH));
    assert_eq!(window["minHeight"].as_f64(), Some(MIN_HEIGHT));
}

#[test]
fn the_csp_allows_nothing_remote_and_no_inline_script() {
    let conf = json("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"]
        .as_object()
        .expect("csp as directives");
    let allowed = ["'self'", "'none'", "data:", "ipc:", "http://ipc.localhost"];
    for (directive, sources) in csp {
        for source in sources.as_str().expect("sources").split_whitespace() {
            assert!(
                allowed.contains(&source),
                "{directive} allows {source}: only the app itself may be a source"
            );
        }
    }
    for needed in [
        "default-src",
        "script-src",
        "style-src",
        "object-src",
        "base-uri",
    ] {
        assert!(csp.contains_key(needed), "{needed} is set explicitly");
    }
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(conf["app"]["withGlobalTauri"], false);
}

#[test]
fn dev_builds_use_a_folder_beside_the_real_one() {
    let real = Path::new("/home/a/.local/share/org.kratomrecovery.companion");
    assert_eq!(
        super::dev_sibling(real),
        Path::new("/home/a/.local/share/org.kratomrecovery.companion-dev")
    );
}

/// The app people run never lets the environment choose where an export goes.
#[test]
fn the_release_app_ignores_the_end_to_end_save_folder() {
    std::env::set_var("RECOVERY_COMPANION_E2E_SAVE_DIR", "/tmp/elsewhere");
    assert_eq!(crate::save_dialog::test_save_dir(), None);
}

/// Every `#[tauri::command]` is read, none twice, and the count matches the `async fn`s that
/// carry the attribute: a command written in a shape the reader does not know fails here.
#[test]
fn every_command_is_read_from_its_one_source() {
    let sources = sources();
    let names = command_names();
    let attributes: usize = sources
        .iter()
        .map(|(_, text)| text.matches("#[tauri::command]").count())
        .sum();
    assert_eq!(names.len(), attributes);
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "a command named twice");
    assert!(names.len() > 40, "{names:?}");
    let export = ipc::all(&sources)
        .into_iter()
        .find(|c| c.name == "export_chart")
        .expect("export_chart");
    // The app handle and state are Tauri's to inject, not the web view's to send.
    let args: Vec<&str> = export.args.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(args, ["chart", "range", "theme", "format"]);
    assert_eq!(export.reply, "Option<String>");
}

/// The web view's functions are generated from the Rust signatures: names, argument names
/// (camelCase, as Tauri reads them) and types cannot drift.
#[test]
fn the_typescript_commands_match_the_rust_ones() {
    let generated = ipc::typescript(&ipc::all(&sources()));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/commands.ts");
    if std::env::var_os("UPDATE_IPC").is_some() {
        std::fs::write(&path, &generated).expect("write commands.ts");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/lib/commands.ts is out of date: run UPDATE_IPC=1 cargo test --profile quick -p recovery-companion --features custom-protocol typescript_commands"
    );
    assert!(generated.contains(
        "  saveCheckin: (id: number | null, input: CheckinInput) => call<CheckinView>('save_checkin', { id, input }),"
    ));
    assert!(generated.contains("  watchReminders: (onEvent: Channel<ReminderEvent>) => call<null>('watch_reminders', { onEvent }),"));
}

/// The permission files tauri-build writes are exactly the commands: a renamed or removed
/// command leaves no stale file behind to mislead a reader.
#[test]
fn the_permission_files_are_exactly_the_commands() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("permissions/autogenerated");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("permissions")
        .map(|e| {
            e.expect("entry")
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".toml")
                .to_owned()
        })
        .collect();
    let mut names = command_names();
    files.sort();
    names.sort();
    assert_eq!(files, names);
}

/// The shell's imports point down too: the commands use the session and the background; the
/// background uses the session; the session, which alone opens the diary, uses neither.
#[test]
fn nothing_imports_the_commands_and_the_session_imports_nothing_of_the_shell() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let code = |file: &str| {
        let text = std::fs::read_to_string(src.join(file)).expect(file);
        text.split("#[cfg(test)]")
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    for file in [
        "session.rs",
        "background.rs",
        "window_state.rs",
        "save_dialog.rs",
    ] {
        assert!(
            !code(file).contains("crate::commands"),
            "{file} imports the commands"
        );
    }
    let session = code("session.rs");
    for other in [
        "crate::background",
        "crate::save_dialog",
        "crate::window_state",
        "tauri::",
    ] {
        assert!(!session.contains(other), "the session names {other}");
    }
}
