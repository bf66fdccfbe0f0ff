//! Checks of the shell's promises that do not need a window: least privilege, a strict CSP,
//! and dev builds kept away from real data.

use std::path::Path;

use serde_json::Value;

use super::command_names::COMMANDS;

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
    let mut wanted: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    granted.sort_unstable();
    wanted.sort_unstable();
    assert_eq!(granted, wanted, "no core:, fs:, shell: or other permission");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(
        cap.get("remote").is_none(),
        "no remote origin may call commands"
    );
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
#[cfg(not(feature = "e2e"))]
#[test]
fn the_release_app_ignores_the_end_to_end_save_folder() {
    std::env::set_var("RECOVERY_COMPANION_E2E_SAVE_DIR", "/tmp/elsewhere");
    assert_eq!(crate::save_dialog::test_save_dir(), None);
}
