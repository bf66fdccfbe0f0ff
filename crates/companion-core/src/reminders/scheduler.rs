//! The thread that shows reminders on time. It sleeps until the next due moment, but never
//! longer than [`MAX_SLEEP`], so that after a suspend or a clock change it looks again soon;
//! it never polls every second. A change to any reminder wakes it at once.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use super::Firing;
use crate::Companion;

/// The longest sleep: a monotonic sleep does not count time spent suspended, and the wall
/// clock can be changed under it, so the scheduler checks the wall clock at least this often.
pub const MAX_SLEEP: Duration = Duration::from_secs(60);

/// A running scheduler. Dropping every [`Waker`] and this handle stops the thread.
#[derive(Debug)]
pub struct Scheduler {
    waker: Waker,
    _thread: JoinHandle<()>,
}

/// Wakes the scheduler so it re-reads the reminders now.
#[derive(Debug, Clone)]
pub struct Waker(Sender<()>);

impl Waker {
    pub fn wake(&self) {
        let _ = self.0.send(());
    }
}

impl Scheduler {
    /// Starts the thread; `deliver` is called with the reminders due, off the UI thread.
    pub fn spawn(
        app: Arc<Companion>,
        deliver: impl Fn(Vec<Firing>) + Send + 'static,
    ) -> std::io::Result<Scheduler> {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("reminders".into())
            .spawn(move || loop {
                let wait = match app.due_reminders() {
                    Ok(tick) => {
                        if !tick.due.is_empty() {
                            deliver(tick.due);
                        }
                        tick.next
                            .and_then(|n| (n - app.clock.now()).to_std().ok())
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
        Ok(Scheduler {
            waker: Waker(tx),
            _thread: thread,
        })
    }

    pub fn waker(&self) -> Waker {
        self.waker.clone()
    }
}
