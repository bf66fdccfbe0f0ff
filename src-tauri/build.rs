//! From the one list of commands, the `#[tauri::command]` functions of `src/commands/`:
//! one permission per command (so the capability file can grant exactly these) and the
//! handler list that `src/lib.rs` includes.

#[path = "src/ipc.rs"]
#[allow(dead_code)]
mod ipc;

fn main() {
    println!("cargo:rerun-if-changed=src/commands");
    println!("cargo:rerun-if-changed=src/ipc.rs");
    let commands = ipc::all(&ipc::sources(std::path::Path::new("src/commands")));
    let handlers: Vec<String> = commands
        .iter()
        .map(|c| format!("commands::{}::{}", c.area, c.name))
        .collect();
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(
        std::path::Path::new(&out).join("handlers.rs"),
        format!("tauri::generate_handler![{}]", handlers.join(", ")),
    )
    .expect("handlers.rs");
    // tauri-build keeps the names for the whole build.
    let names: Vec<&'static str> = commands
        .into_iter()
        .map(|c| &*Box::leak(c.name.into_boxed_str()))
        .collect();
    let manifest = tauri_build::AppManifest::new().commands(Box::leak(names.into_boxed_slice()));
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed: check tauri.conf.json and capabilities/");
}
