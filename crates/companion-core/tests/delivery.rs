//! Real delivery of a reminder to a desktop notification server. These need a prepared session
//! and are run by `tests/notifications/run.sh` (a private D-Bus session bus with `dunst` on
//! Xvfb, watched by `dbus-monitor`); plain `cargo test` skips them.

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
