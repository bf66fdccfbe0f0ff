//! The desktop binary: everything happens in the library's `run`.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    recovery_companion::run();
}
