//! The thread that shows reminders on time. It sleeps until the next due moment, but never
//! longer than [`MAX_SLEEP`], so that after a suspend or a clock change it looks again soon;
//! it never polls every second. Any committed change to the diary wakes it at once (the core
//! announces it on `changes`): reminders, water, check-ins, cravings and symptom checks all
//! feed what is due, so it simply looks again. It knows only its step and its clock, which the
//! façade hands it (`Companion::start_reminders`).

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{Firing, Tick};
use crate::error::Result;

/// The longest sleep: a monotonic sleep does not count time spent suspended, and the wall
/// clock can be changed under it, so the scheduler checks the wall clock at least this often.
pub const MAX_SLEEP: Duration = Duration::from_secs(60);

/// A running scheduler. It runs until `changes` has no sender left.
#[derive(Debug)]
pub struct Scheduler {
    _thread: JoinHandle<()>,
}

impl Scheduler {
    /// Starts the thread: `step` is one step of the scheduler, `now` the clock it reads the
    /// wait from, `changes` wakes it, and `deliver` is called with the reminders due, off the
    /// UI thread.
    pub fn spawn(
        step: impl Fn() -> Result<Tick> + Send + 'static,
        now: impl Fn() -> DateTime<Utc> + Send + 'static,
        changes: Receiver<()>,
        deliver: impl Fn(Vec<Firing>) + Send + 'static,
    ) -> std::io::Result<Scheduler> {
        let rx = changes;
        let thread = std::thread::Builder::new()
            .name("reminders".into())
            .spawn(move || loop {
                let wait = match step() {
                    Ok(tick) => {
                        if !tick.due.is_empty() {
                            deliver(tick.due);
                        }
                        tick.next
                            .and_then(|n| (n - now()).to_std().ok())
                            // Wake just after the moment, not a hair before it.
                            .map_or(MAX_SLEEP, |d| d + Duration::from_millis(20))
                            .min(MAX_SLEEP)
                    }
                    // The data file is unreadable for now: try again later, quietly.
                    Err(_) => MAX_SLEEP,
                };
                match rx.recv_timeout(wait) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            })?;
        Ok(Scheduler { _thread: thread })
    }
}
