//! Showing a reminder as a desktop notification with notify-rust, with the app's identity on
//! each platform and, where the desktop supports them, buttons to record a glass of water or
//! snooze. A missing notification service is reported at once, never waited on.

use std::sync::mpsc;
use std::time::Duration;

use super::{Firing, ReminderKind};

/// How long to wait for the notification service before giving up on it.
pub const TIMEOUT: Duration = Duration::from_secs(5);

/// Who the notification comes from.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The name people see, e.g. "Recovery Companion".
    pub name: String,
    /// The reverse-DNS identifier: desktop entry on Linux, bundle id on macOS, app id on Windows.
    pub id: String,
}

/// What the person chose on a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Clicked the notification itself.
    Open,
    DrankWater,
    Snooze(u32),
}

/// Why desktop notifications cannot be shown, in words for the settings screen.
pub type Unavailable = String;

/// Whether reminders can appear on the desktop, for the reminders screen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DesktopStatus {
    pub available: bool,
    /// The server's name, or why there is none.
    pub detail: String,
}

impl From<Result<String, Unavailable>> for DesktopStatus {
    fn from(r: Result<String, Unavailable>) -> Self {
        match r {
            Ok(detail) => DesktopStatus {
                available: true,
                detail,
            },
            Err(detail) => DesktopStatus {
                available: false,
                detail,
            },
        }
    }
}

/// Runs `f` on a helper thread and gives up after [`TIMEOUT`]: a notification service that
/// hangs must not hold up the scheduler.
fn bounded<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, notify_rust::error::Error> + Send + 'static,
) -> Result<T, Unavailable> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(TIMEOUT) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(explain(&e.to_string())),
        Err(_) => Err("the notification service did not answer within 5 seconds".into()),
    }
}

fn explain(detail: &str) -> Unavailable {
    let lower = detail.to_lowercase();
    if lower.contains("serviceunknown") || lower.contains("not provided by any .service") {
        format!("no notification service is running on this desktop ({detail})")
    } else if lower.contains("address")
        || lower.contains("dbus_session_bus")
        || lower.contains("no such file")
        || lower.contains("connection refused")
    {
        format!("there is no desktop session bus to send them through ({detail})")
    } else {
        format!("the desktop refused them ({detail})")
    }
}

/// The sender a discreet reminder shows, where the system lets a notification name its own:
/// Linux's notification servers show the name given. Windows heads a toast with the name of
/// the shortcut its app id belongs to, and macOS with the app's: there only the words are
/// neutral.
pub fn discreet_sender() -> Option<&'static str> {
    if cfg!(all(unix, not(target_os = "macos"))) {
        Some(super::DISCREET_NAME)
    } else {
        None
    }
}

/// The notification server's name, or why there is none.
pub fn status() -> Result<String, Unavailable> {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        bounded(|| {
            notify_rust::get_server_information().map(|i| format!("{} {}", i.name, i.version))
        })
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        Ok("the system's notification centre".into())
    }
}

/// Shows `firing`; `on_action` is called (on another thread) if the person acts on it.
pub fn show(
    identity: &Identity,
    firing: &Firing,
    on_action: impl FnOnce(Action) + Send + 'static,
) -> Result<(), Unavailable> {
    let mut n = notify_rust::Notification::new();
    let summary = if firing.snoozed {
        format!("{} (snoozed)", firing.title)
    } else {
        firing.title.clone()
    };
    // Discreet: a neutral sender, and no icon, desktop entry or category that would name the
    // app on a lock screen.
    n.summary(&summary)
        .body(&firing.body)
        .appname(if firing.discreet {
            super::DISCREET_NAME
        } else {
            &identity.name
        });

    #[cfg(all(unix, not(target_os = "macos")))]
    {
        use notify_rust::Hint;
        if !firing.discreet {
            n.icon(&identity.id)
                .hint(Hint::DesktopEntry(identity.id.clone()))
                .hint(Hint::Category("x-recovery-companion.reminder".into()));
        }
        let actions = bounded(notify_rust::get_capabilities)
            .map(|caps| caps.iter().any(|c| c == "actions"))
            .unwrap_or(false);
        if actions {
            n.action("default", "Open");
            if firing.kind == ReminderKind::Hydration {
                n.action("drank", "I drank water");
            }
            n.action("snooze10", "Snooze 10 min");
            n.action("snooze30", "Snooze 30 min");
        }
        let handle = bounded(move || n.show())?;
        if actions {
            std::thread::spawn(move || {
                handle.wait_for_action(|a| {
                    let action = match a {
                        "default" => Some(Action::Open),
                        "drank" => Some(Action::DrankWater),
                        "snooze10" => Some(Action::Snooze(10)),
                        "snooze30" => Some(Action::Snooze(30)),
                        _ => None,
                    };
                    if let Some(action) = action {
                        on_action(action);
                    }
                });
            });
        }
        Ok(())
    }
    #[cfg(target_os = "macos")]
    {
        let _ = (on_action, ReminderKind::Hydration);
        let id = identity.id.clone();
        bounded(move || {
            let _ = notify_rust::set_application(&id);
            n.show().map(|_| ())
        })
    }
    #[cfg(target_os = "windows")]
    {
        let _ = (on_action, ReminderKind::Hydration);
        n.app_id(&identity.id);
        bounded(move || n.show().map(|_| ()))
    }
}
