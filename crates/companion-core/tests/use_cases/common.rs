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
