//! The window's size, position and maximised state, kept between runs in a small file beside
//! the diary (`window-state`), so the app opens where the person left it. Not part of the
//! diary: never exported, and a missing or damaged file only means the default window.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Result;

/// The file's name in the data folder.
pub const FILE: &str = "window-state";

/// The smallest window the layout is made for, in logical pixels (the navigation fits one
/// row from here up). The shell's configuration says the same.
pub const MIN_WIDTH: f64 = 800.0;
pub const MIN_HEIGHT: f64 = 600.0;
/// Anything larger than this is not a window size but a damaged file.
const MAX_SIDE: f64 = 16_384.0;

/// Logical pixels; the position is the window's outer top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WindowState {
    pub width: f64,
    pub height: f64,
    pub x: f64,
    pub y: f64,
    pub maximized: bool,
}

impl WindowState {
    /// The state kept in `dir`, if there is a sensible one.
    pub fn load(dir: &Path) -> Option<WindowState> {
        let text = std::fs::read_to_string(dir.join(FILE)).ok()?;
        serde_json::from_str::<WindowState>(&text).ok()?.checked()
    }

    /// Keeps the state in `dir`, written whole or not at all.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let Some(state) = self.checked() else {
            return Ok(());
        };
        let json = serde_json::to_vec(&state).unwrap_or_default();
        crate::export::write_atomically(&dir.join(FILE), &json)
    }

    /// The state with its size at least the minimum, or `None` when a number is not a
    /// window's (NaN, infinite, absurdly large).
    fn checked(self) -> Option<WindowState> {
        let sane = |v: f64| v.is_finite() && v.abs() <= MAX_SIDE;
        if !(sane(self.width) && sane(self.height) && sane(self.x) && sane(self.y)) {
            return None;
        }
        Some(WindowState {
            width: self.width.max(MIN_WIDTH),
            height: self.height.max(MIN_HEIGHT),
            ..self
        })
    }

    /// Whether the window's top-left corner, with room to grab its title bar, lies on one of
    /// the `screens` (each x, y, width, height, logical): a monitor unplugged since must not
    /// leave the window out of reach.
    pub fn visible_on(&self, screens: &[(f64, f64, f64, f64)]) -> bool {
        screens.iter().any(|&(sx, sy, sw, sh)| {
            self.x + 100.0 >= sx
                && self.x + 100.0 <= sx + sw
                && self.y >= sy
                && self.y + 40.0 <= sy + sh
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(width: f64, height: f64, x: f64, y: f64) -> WindowState {
        WindowState {
            width,
            height,
            x,
            y,
            maximized: false,
        }
    }

    #[test]
    fn a_kept_state_comes_back_and_a_damaged_one_is_ignored() {
        let dir = tempfile::tempdir().expect("dir");
        assert_eq!(WindowState::load(dir.path()), None);
        let s = state(1200.0, 900.0, 40.0, 30.0);
        s.save(dir.path()).expect("save");
        assert_eq!(WindowState::load(dir.path()), Some(s));
        for bad in [
            "",
            "{",
            "[]",
            r#"{"width":"wide"}"#,
            r#"{"width":1e308,"height":600,"x":0,"y":0,"maximized":false}"#,
        ] {
            std::fs::write(dir.path().join(FILE), bad).expect("write");
            assert_eq!(WindowState::load(dir.path()), None, "{bad}");
        }
        // Smaller than the layout is made for: the minimum.
        state(300.0, 200.0, 0.0, 0.0)
            .save(dir.path())
            .expect("save");
        let back = WindowState::load(dir.path()).expect("kept");
        assert_eq!((back.width, back.height), (MIN_WIDTH, MIN_HEIGHT));
    }

    #[test]
    fn a_window_left_on_a_screen_that_is_gone_is_not_restored_there() {
        let screens = [(0.0, 0.0, 1920.0, 1080.0)];
        assert!(state(1000.0, 700.0, 100.0, 50.0).visible_on(&screens));
        assert!(
            !state(1000.0, 700.0, 2500.0, 50.0).visible_on(&screens),
            "on a second monitor, unplugged"
        );
        assert!(!state(1000.0, 700.0, -900.0, 50.0).visible_on(&screens));
        assert!(
            !state(1000.0, 700.0, 100.0, 1070.0).visible_on(&screens),
            "title bar below the screen"
        );
        let two = [(0.0, 0.0, 1920.0, 1080.0), (1920.0, 0.0, 2560.0, 1440.0)];
        assert!(state(1000.0, 700.0, 2500.0, 50.0).visible_on(&two));
    }
}
