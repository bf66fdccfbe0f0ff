//! A bare Tauri 2 window that shows one of the app's charts and nothing else: the yardstick
//! `scripts/bench-startup.sh` measures the app's start-up and memory against. Not shipped.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| panic!("the bare window could not start: {e}"));
}
