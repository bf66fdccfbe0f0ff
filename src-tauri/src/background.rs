//! What keeps running with the window closed: the reminder scheduler, desktop notifications
//! (with an in-app fallback when the desktop has none), the tray icon, and hiding the window
//! instead of quitting when it is closed.

use std::sync::{Arc, Mutex};

use companion_core::reminders::notify::{self, Action, DesktopStatus, Identity};
use companion_core::reminders::scheduler::Scheduler;
use companion_core::ReminderEvent as UiEvent;
use companion_core::{Companion, Firing, Pause};
use tauri::ipc::Channel;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, WindowEvent, Wry};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, ShortcutState};

/// Shared state of the background work.
pub struct Background {
    /// The last thing learnt about desktop notifications.
    desktop: Mutex<Option<DesktopStatus>>,
    pause_item: Mutex<Option<MenuItem<Wry>>>,
    open_item: Mutex<Option<MenuItem<Wry>>>,
    ui: Mutex<Option<Channel<UiEvent>>>,
    scheduler: Mutex<Option<Scheduler>>,
}

impl Background {
    pub fn desktop_status(&self) -> DesktopStatus {
        let known = self
            .desktop
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        known.unwrap_or_else(|| {
            let s = DesktopStatus::from(notify::status());
            self.remember(s.clone());
            s
        })
    }

    fn remember(&self, s: DesktopStatus) {
        *self.desktop.lock().unwrap_or_else(|p| p.into_inner()) = Some(s);
    }

    pub fn watch(&self, channel: Channel<UiEvent>) {
        *self.ui.lock().unwrap_or_else(|p| p.into_inner()) = Some(channel);
    }

    pub(crate) fn tell(&self, event: UiEvent) {
        if let Some(c) = &*self.ui.lock().unwrap_or_else(|p| p.into_inner()) {
            let _ = c.send(event);
        }
    }

    /// Labels the tray's pause item for the current state.
    pub fn refresh_tray(&self, app: &Companion) {
        let paused = app.all_paused().unwrap_or(false);
        if let Some(item) = &*self.pause_item.lock().unwrap_or_else(|p| p.into_inner()) {
            let _ = item.set_text(if paused {
                "Resume reminders"
            } else {
                "Pause reminders for an hour"
            });
        }
    }
}

fn identity(app: &AppHandle) -> Identity {
    Identity {
        name: app.package_info().name.clone(),
        id: app.config().identifier.clone(),
    }
}

/// Shows one reminder: on the desktop if it can, else inside the app.
pub fn deliver(handle: &AppHandle, companion: &Arc<Companion>, firing: &Firing) -> DesktopStatus {
    let h = handle.clone();
    let c = companion.clone();
    let id = firing.reminder_id;
    let shown = notify::show(&identity(handle), firing, move |action| {
        on_action(&h, &c, id, action)
    });
    let status = match shown {
        Ok(()) => DesktopStatus::from(notify::status()),
        Err(why) => DesktopStatus::from(Err(why)),
    };
    if let Some(bg) = handle.try_state::<Background>() {
        if !status.available {
            bg.tell(UiEvent::InApp {
                firing: firing.clone(),
            });
        }
        bg.remember(status.clone());
    }
    status
}

fn on_action(handle: &AppHandle, companion: &Companion, id: i64, action: Action) {
    let _ = match action {
        Action::Open => {
            crate::show_main_window(handle);
            Ok(())
        }
        Action::DrankWater => companion.log_water().map(|_| ()),
        Action::Snooze(minutes) => companion.snooze_reminder(id, minutes).map(|_| ()),
    };
    if let Some(bg) = handle.try_state::<Background>() {
        bg.tell(UiEvent::Changed);
    }
}

/// Starts the tray and the daily backups as the app starts; the reminders start with [`attach`]
/// once the diary is open.
pub fn start(handle: &AppHandle) -> tauri::Result<()> {
    handle.manage(Background {
        desktop: Mutex::new(None),
        pause_item: Mutex::new(None),
        open_item: Mutex::new(None),
        ui: Mutex::new(None),
        scheduler: Mutex::new(None),
    });
    // A desktop without a tray (no StatusNotifier host, no appindicator library) still gets
    // the app: the window comes back by launching it again, and it can quit from its screen.
    if let Err(e) = tray(handle) {
        eprintln!("recovery-companion: no tray icon ({e})");
    }
    keep_daily_backups(handle);
    Ok(())
}

/// Starts the reminders of an open diary: at start, or once a backup has been restored over
/// one that could not be opened.
pub fn attach(handle: &AppHandle, companion: &Arc<Companion>) {
    let h = handle.clone();
    let c2 = companion.clone();
    let scheduler = companion
        .start_reminders(move |due| {
            for f in &due {
                deliver(&h, &c2, f);
            }
            if let Some(bg) = h.try_state::<Background>() {
                bg.tell(UiEvent::Changed);
            }
        })
        .ok();
    if let Some(bg) = handle.try_state::<Background>() {
        *bg.scheduler.lock().unwrap_or_else(|p| p.into_inner()) = scheduler;
        if let Some(item) = &*bg.pause_item.lock().unwrap_or_else(|p| p.into_inner()) {
            let _ = item.set_enabled(true);
        }
        bg.refresh_tray(companion);
    }
    // The window title and the tray follow discreet mode, whatever changes it (the reminders
    // screen, an import, a restore), and the lock's shortcut follows encryption.
    let mut shown = companion.discreet().unwrap_or(false);
    apply_discreet(handle, shown);
    let mut encrypted = companion.encrypted();
    follow_encryption(handle, encrypted);
    let (tx, rx) = std::sync::mpsc::channel();
    companion.notify_changes(tx);
    let (h, c) = (handle.clone(), companion.clone());
    let _ = std::thread::Builder::new()
        .name("discreet".into())
        .spawn(move || {
            for () in rx {
                // Most changes are entries: the window is retitled only when the mode changes.
                let now = c.discreet().unwrap_or(false);
                if now != shown {
                    apply_discreet(&h, now);
                    shown = now;
                }
                if c.encrypted() != encrypted {
                    encrypted = !encrypted;
                    follow_encryption(&h, encrypted);
                }
            }
        });
}

/// What the window title, the tray's tooltip and its first item say: no word of recovery in
/// discreet mode.
fn apply_discreet(handle: &AppHandle, on: bool) {
    let name = if on {
        "Companion"
    } else {
        "Recovery Companion"
    };
    if let Some(w) = handle.get_webview_window("main") {
        let _ = w.set_title(name);
    }
    if let Some(tray) = handle.tray_by_id("main") {
        let _ = tray.set_tooltip(Some(name));
    }
    if let Some(bg) = handle.try_state::<Background>() {
        if let Some(item) = &*bg.open_item.lock().unwrap_or_else(|p| p.into_inner()) {
            let _ = item.set_text(if on {
                "Open".to_owned()
            } else {
                format!("Open {name}")
            });
        }
    }
}

/// The day's backup, checked for every hour the app runs (a laptop asleep at midnight still
/// gets one when it wakes). A failed backup is tried again the next hour.
fn keep_daily_backups(handle: &AppHandle) {
    let h = handle.clone();
    let _ = std::thread::Builder::new()
        .name("backups".into())
        .spawn(move || {
            // Not in the way of the first screen.
            std::thread::sleep(std::time::Duration::from_secs(30));
            loop {
                // Backups go on while the app is locked.
                let open = h
                    .try_state::<crate::session::Session>()
                    .and_then(|b| b.open().ok());
                if let Some(app) = open {
                    if let Err(e) = app.back_up_if_due() {
                        eprintln!("recovery-companion: the daily backup could not be made ({e})");
                    }
                }
                std::thread::sleep(std::time::Duration::from_secs(3600));
            }
        });
}

fn tray(handle: &AppHandle) -> tauri::Result<()> {
    let open = MenuItem::with_id(
        handle,
        "open",
        "Open Recovery Companion",
        true,
        None::<&str>,
    )?;
    let pause = MenuItem::with_id(
        handle,
        "pause",
        "Pause reminders for an hour",
        false,
        None::<&str>,
    )?;
    let craving = MenuItem::with_id(handle, "craving", "Craving now", true, None::<&str>)?;
    let lock_item = MenuItem::with_id(handle, "lock", "Lock", true, None::<&str>)?;
    let quit = MenuItem::with_id(handle, "quit", "Quit", true, None::<&str>)?;
    let menu = Menu::with_items(handle, &[&open, &craving, &pause, &lock_item, &quit])?;
    if let Some(bg) = handle.try_state::<Background>() {
        *bg.pause_item.lock().unwrap_or_else(|p| p.into_inner()) = Some(pause);
        *bg.open_item.lock().unwrap_or_else(|p| p.into_inner()) = Some(open.clone());
    }
    let mut builder = TrayIconBuilder::with_id("main")
        .tooltip("Recovery Companion")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(move |app, event| match event.id().as_ref() {
            "open" => crate::show_main_window(app),
            "craving" => {
                crate::show_main_window(app);
                if let Some(bg) = app.try_state::<Background>() {
                    bg.tell(UiEvent::CravingNow);
                }
            }
            "lock" => lock(app),
            "pause" => {
                let open = app
                    .try_state::<crate::session::Session>()
                    .and_then(|b| b.open().ok());
                if let Some(c) = &open {
                    let pause = if c.all_paused().unwrap_or(false) {
                        Pause::Resume
                    } else {
                        Pause::Hour
                    };
                    let _ = c.pause_all(pause);
                    if let Some(bg) = app.try_state::<Background>() {
                        bg.refresh_tray(c);
                        bg.tell(UiEvent::Changed);
                    }
                }
            }
            "quit" => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                crate::show_main_window(tray.app_handle());
            }
        });
    if let Some(icon) = handle.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(handle)?;
    Ok(())
}

/// The shortcut that locks the app from anywhere on the desktop, while the diary is encrypted.
/// Three modifiers, so it takes no combination another program is likely to use.
const LOCK_SHORTCUT: &str = "CommandOrControl+Alt+Shift+L";

/// The global-shortcut plugin, with the lock as what its one shortcut does.
pub fn lock_shortcut() -> tauri::plugin::TauriPlugin<Wry> {
    tauri_plugin_global_shortcut::Builder::new()
        .with_handler(|app, _shortcut, event| {
            if event.state == ShortcutState::Pressed {
                lock(app);
            }
        })
        .build()
}

/// Registers the lock's shortcut while the diary is encrypted, and frees it otherwise. A
/// desktop that refuses it (another program holds it, Wayland) leaves Ctrl+L and the tray.
fn follow_encryption(handle: &AppHandle, encrypted: bool) {
    let shortcuts = handle.global_shortcut();
    let held = shortcuts.is_registered(LOCK_SHORTCUT);
    let done = match (encrypted, held) {
        (true, false) => shortcuts.register(LOCK_SHORTCUT),
        (false, true) => shortcuts.unregister(LOCK_SHORTCUT),
        _ => Ok(()),
    };
    if let Err(e) = done {
        eprintln!("recovery-companion: the lock's shortcut is not available ({e})");
    }
}

/// Locks the app (an encrypted diary only) and tells the web view to show the lock.
fn lock(handle: &AppHandle) {
    let open = handle
        .try_state::<crate::session::Session>()
        .and_then(|b| b.open().ok());
    if let Some(c) = open {
        if c.lock_now().is_ok() {
            if let Some(bg) = handle.try_state::<Background>() {
                bg.tell(UiEvent::Locked);
            }
        }
    }
}

/// Closing the window hides it: reminders keep coming, and the tray brings it back. Hidden,
/// it locks if the person asked for that.
pub fn on_window_event(window: &tauri::Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        api.prevent_close();
        let _ = window.hide();
        let open = window
            .app_handle()
            .try_state::<crate::session::Session>()
            .and_then(|b| b.open().ok());
        let wanted = open
            .as_ref()
            .and_then(|c| c.privacy().ok())
            .is_some_and(|p| p.encrypted && p.lock_when_hidden);
        if wanted {
            lock(window.app_handle());
        }
    }
}
