//! What the use-case tests share: instants from text and a fresh data file on a fake clock.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use companion_core::{Companion, FakeClock};

/// An instant from RFC 3339 text.
pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("test instant")
        .with_timezone(&Utc)
}

/// A new data file in a temporary folder, on a fake clock set to `now` in `zone`.
pub fn open(now: &str, zone: Tz) -> (tempfile::TempDir, Arc<FakeClock>, Companion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FakeClock::new(at(now), zone));
    let app = Companion::open_in(dir.path(), clock.clone()).expect("open");
    (dir, clock, app)
}

/// Starts this test binary again as a child that runs only the test `name` (one that does
/// nothing unless `env` is set), with its printed lines to read. The kill tests use it.
pub fn child(
    name: &str,
    env: &[(&str, &std::ffi::OsStr)],
) -> (
    std::process::Child,
    std::io::Lines<std::io::BufReader<std::process::ChildStdout>>,
) {
    use std::io::BufRead;
    let mut command = std::process::Command::new(std::env::current_exe().expect("test binary"));
    command
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("spawn child");
    let lines = std::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
    (child, lines)
}
