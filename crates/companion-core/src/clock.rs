//! Where "now" and the user's time zone come from. Injected everywhere time matters, so tests
//! can stand at any instant in any zone without sleeping or touching the machine's clock.

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
    /// The user's IANA time zone at this moment (it changes when they travel).
    fn zone(&self) -> Tz;
}

/// The machine's clock and zone.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn zone(&self) -> Tz {
        system_zone()
    }
}

/// The zone from `TZ` when it names an IANA zone, else the OS setting, else UTC.
pub fn system_zone() -> Tz {
    let from_env = std::env::var("TZ")
        .ok()
        .and_then(|v| v.trim_start_matches(':').parse::<Tz>().ok());
    from_env
        .or_else(|| {
            iana_time_zone::get_timezone()
                .ok()
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(Tz::UTC)
}

/// One reading of the clock: the instant and the person's zone, as a use case gets it from
/// the façade, so a feature never holds the clock itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub now: DateTime<Utc>,
    pub zone: Tz,
}

impl Moment {
    pub fn of(clock: &dyn Clock) -> Moment {
        Moment {
            now: clock.now(),
            zone: clock.zone(),
        }
    }

    /// The person's local day.
    pub fn today(&self) -> chrono::NaiveDate {
        self.now.with_timezone(&self.zone).date_naive()
    }
}

/// A clock that stands still until told to move: for tests and benchmarks.
#[derive(Debug)]
pub struct FakeClock {
    state: Mutex<(DateTime<Utc>, Tz)>,
}

impl FakeClock {
    pub fn new(now: DateTime<Utc>, zone: Tz) -> Self {
        FakeClock {
            state: Mutex::new((now, zone)),
        }
    }

    pub fn set(&self, now: DateTime<Utc>) {
        self.lock().0 = now;
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.lock().0 += by;
    }

    pub fn set_zone(&self, zone: Tz) {
        self.lock().1 = zone;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (DateTime<Utc>, Tz)> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Clock for FakeClock {
    fn now(&self) -> DateTime<Utc> {
        self.lock().0
    }

    fn zone(&self) -> Tz {
        self.lock().1
    }
}
