//! What the app hands to the desktop session: reminders delivered to a real notification server,
//! and the passphrase kept in a real keyring (the Secret Service of gnome-keyring). These need a
//! prepared session and are run by `tests/notifications/run.sh` (a private D-Bus session bus
//! with `dunst` on Xvfb, watched by `dbus-monitor`, and `gnome-keyring-daemon` unlocked with a
//! throwaway password); plain `cargo test` skips them.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Berlin;
use companion_core::reminders::notify::{self, Identity};
use companion_core::*;

fn identity() -> Identity {
    Identity {
        name: "Recovery Companion".into(),
        id: "org.kratomrecovery.companion".into(),
    }
}

/// A data file whose hydration reminder is due now (09:00 in Berlin).
fn due_hydration() -> (tempfile::TempDir, Vec<Firing>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let now = |s: &str| -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("instant")
            .with_timezone(&Utc)
    };
    let clock = Arc::new(FakeClock::new(now("2026-06-10T06:55:00Z"), Berlin));
    let app = Companion::open_in(dir.path(), clock.clone()).expect("open");
    let r = app
        .reminders()
        .expect("view")
        .reminders
        .into_iter()
        .find(|r| r.kind == ReminderKind::Hydration)
        .expect("hydration");
    let input = ReminderInput {
        title: r.title,
        message: r.message,
        enabled: true,
        at: None,
        before_min: None,
        every_min: r.every_min.map(Into::into),
        from: r.from,
        to: r.to,
    };
    app.save_reminder(Some(r.id), &input).expect("enable");
    clock.set(now("2026-06-10T07:00:00Z"));
    let due = app.due_reminders().expect("tick").due;
    assert_eq!(due.len(), 1);
    (dir, due)
}

#[test]
#[ignore = "needs a session bus with a notification server: tests/notifications/run.sh"]
fn a_due_reminder_reaches_the_notification_server() {
    let log = std::env::var("NOTIFY_MONITOR_LOG")
        .expect("NOTIFY_MONITOR_LOG names dbus-monitor's output");
    let (_dir, due) = due_hydration();
    println!("server: {:?}", notify::status());
    notify::status().expect("a notification server is running");
    notify::show(&identity(), &due[0], |_| {}).expect("shown");
    let expected = [
        "member=Notify",
        "string \"Recovery Companion\"",
        "string \"Water\"",
        &format!("string \"{}\"", due[0].body),
        "string \"desktop-entry\"",
    ];
    let started = Instant::now();
    loop {
        let seen = std::fs::read_to_string(&log).unwrap_or_default();
        if expected.iter().all(|e| seen.contains(e)) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "dbus-monitor did not see {expected:?} in:\n{seen}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// In discreet mode the server is told only neutral words, from "Reminders", with no icon,
/// desktop entry or category naming the app: what a lock screen could show.
#[test]
#[ignore = "needs a session bus with a notification server: tests/notifications/run.sh"]
fn a_discreet_reminder_reaches_the_server_in_neutral_words() {
    let log = std::env::var("NOTIFY_MONITOR_LOG")
        .expect("NOTIFY_MONITOR_LOG names dbus-monitor's output");
    let (_dir, due) = due_hydration();
    let firing = due[0].clone().shown(true);
    notify::show(&identity(), &firing, |_| {}).expect("shown");
    let started = Instant::now();
    let call = loop {
        let seen = std::fs::read_to_string(&log).unwrap_or_default();
        // The last Notify call in the log is this one.
        let last = seen.rsplit("member=Notify").next().unwrap_or("").to_owned();
        if last.contains("string \"Time for a glass of water\"") {
            break last;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "dbus-monitor did not see the discreet reminder in:\n{seen}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(call.contains("string \"Reminders\""), "{call}");
    assert!(call.contains("string \"A few sips now.\""), "{call}");
    for revealing in [
        "Recovery",
        "recovery",
        "kratomrecovery",
        "desktop-entry",
        "Water\"",
    ] {
        assert!(!call.contains(revealing), "{revealing} in {call}");
    }
}

#[test]
#[ignore = "run by tests/notifications/run.sh with DBUS_SESSION_BUS_ADDRESS pointing nowhere"]
fn without_a_session_bus_delivery_fails_fast_and_says_why() {
    let (_dir, due) = due_hydration();
    let started = Instant::now();
    let why = notify::show(&identity(), &due[0], |_| {}).expect_err("no bus, no notification");
    let took = started.elapsed();
    println!("failed in {took:?}: {why}");
    assert!(why.contains("session bus"), "{why}");
    assert!(took < notify::TIMEOUT, "it waited {took:?}");
    assert!(notify::status().is_err());
}

const PASSPHRASE: &str = "lantern by the back door";

fn encrypted_diary() -> (tempfile::TempDir, Companion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = Companion::open_in(dir.path(), Arc::new(SystemClock)).expect("open");
    app.set_encryption(EncryptionInput {
        current: None,
        new: Some(PASSPHRASE.into()),
        again: Some(PASSPHRASE.into()),
    })
    .expect("encryption on");
    (dir, app)
}

#[test]
#[ignore = "needs a Secret Service on the session bus: tests/notifications/run.sh"]
fn the_passphrase_is_remembered_in_the_keyring_and_goes_with_encryption() {
    use companion_core::privacy::keyring;
    let (dir, app) = encrypted_diary();
    let data_file = dir.path().join(DATA_FILE);
    assert_eq!(app.privacy().expect("view").keyring_problem, None);
    assert!(keyring::recall(&data_file).is_none());
    assert!(app.set_remembered(true).expect("remember").remembered);
    let typed = |t: &str| Passphrase::typed(t.into()).expect("passphrase");
    assert_eq!(keyring::recall(&data_file), Some(typed(PASSPHRASE)));
    drop(app);

    // The next start opens with what the keyring kept (locked, if the person still wants to
    // be asked), and the passphrase is in no file.
    let app = Companion::open_at_start(dir.path(), Arc::new(SystemClock)).expect("open");
    assert!(!app.is_locked());
    app.set_lock_options(&LockInput {
        lock_after_minutes: 0,
        lock_when_hidden: false,
        lock_on_start: true,
    })
    .expect("still ask");
    drop(app);
    let app = Companion::open_at_start(dir.path(), Arc::new(SystemClock)).expect("open");
    assert!(
        app.is_locked(),
        "opened for the reminders, locked for the person"
    );
    for entry in std::fs::read_dir(dir.path()).expect("dir").flatten() {
        if entry.path().is_file() {
            let bytes = std::fs::read(entry.path()).expect("read");
            assert!(!bytes
                .windows(PASSPHRASE.len())
                .any(|w| w == PASSPHRASE.as_bytes()));
        }
    }

    // A new passphrase replaces the kept one; turning encryption off forgets it.
    let other = "moss on the north wall";
    app.set_encryption(EncryptionInput {
        current: Some(PASSPHRASE.into()),
        new: Some(other.into()),
        again: Some(other.into()),
    })
    .expect("changed");
    assert_eq!(keyring::recall(&data_file), Some(typed(other)));
    let off = app
        .set_encryption(EncryptionInput {
            current: Some(other.into()),
            new: None,
            again: None,
        })
        .expect("off");
    assert!(!off.remembered);
    assert!(keyring::recall(&data_file).is_none());
}

#[test]
#[ignore = "run by tests/notifications/run.sh with DBUS_SESSION_BUS_ADDRESS pointing nowhere"]
fn without_a_keyring_remembering_is_unavailable_and_says_why() {
    // A plain diary never asks the keyring (there is nothing to remember), so its view has no
    // problem to tell even here; asked, it would have one (below).
    let plain = tempfile::tempdir().expect("temp dir");
    let app = Companion::open_in(plain.path(), Arc::new(SystemClock)).expect("open");
    assert_eq!(app.privacy().expect("view").keyring_problem, None);
    let (_dir, app) = encrypted_diary();
    let started = Instant::now();
    let view = app.privacy().expect("view");
    println!(
        "keyring: {:?} in {:?}",
        view.keyring_problem,
        started.elapsed()
    );
    assert!(view.keyring_problem.is_some());
    assert!(started.elapsed() < Duration::from_secs(6));
    let e = app.set_remembered(true).expect_err("no keyring");
    assert_eq!(e.field(), Some("remember"), "{e}");
    assert!(!app.privacy().expect("view").remembered);
}
