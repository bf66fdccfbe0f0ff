//! Keeping in step runs here, never on the window's thread: one thread for the open diary
//! takes a step when the diary changed or the shared folder sends a file event (once things
//! have been quiet for two seconds), and every minute anyway — polling, for folders that send
//! no events (network ones). It keeps running while the app is locked, as the reminders do.

use std::path::Path;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use companion_core::diary::sync::{Outcome, SyncView, Syncer};
use companion_core::{Companion, ReminderEvent};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use tauri::{AppHandle, Manager};

use crate::background::Background;

/// How often the folder is looked at when nothing changed here.
const EVERY: Duration = Duration::from_secs(60);
/// How long the person pauses (or the folder is quiet) before a step.
const PAUSE: Duration = Duration::from_secs(2);
/// A folder busy for longer than this (another program's files arriving) gets a step anyway.
const LONGEST_WAIT: Duration = Duration::from_secs(10);

/// How the last step went, and which diary the thread serves.
#[derive(Default)]
pub struct SyncWorker {
    last: Mutex<Option<Outcome>>,
    serving: Mutex<Option<Weak<Companion>>>,
}

impl SyncWorker {
    /// The "Keep in step" card.
    pub fn view(&self, companion: &Companion) -> companion_core::Result<SyncView> {
        let last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        companion.sync_view(last.as_ref())
    }
}

/// Starts keeping `companion` in step when it is set up to and no thread serves it yet: as
/// the diary opens, and once the person starts or joins a shared diary.
pub fn attach(handle: &AppHandle, companion: &Arc<Companion>) {
    let Some(worker) = handle.try_state::<SyncWorker>() else {
        return;
    };
    // Loading the syncer folds its journal (half a second on ten years): on the thread, so
    // the diary opening at start never waits for it.
    if !companion.keeps_in_step().unwrap_or(false) {
        return;
    }
    {
        let mut serving = worker.serving.lock().unwrap_or_else(|p| p.into_inner());
        let same = serving
            .as_ref()
            .and_then(Weak::upgrade)
            .is_some_and(|s| Arc::ptr_eq(&s, companion));
        if same {
            return;
        }
        *serving = Some(Arc::downgrade(companion));
    }
    let (tx, rx) = channel();
    companion.notify_changes(tx.clone());
    let (h, diary) = (handle.clone(), Arc::downgrade(companion));
    let _ = std::thread::Builder::new()
        .name("sync".into())
        .spawn(move || {
            let loaded = diary.upgrade().map(|c| c.syncer());
            let Some(Ok(Some(mut syncer))) = loaded else {
                return;
            };
            // Held for the thread's life; without it, the minute's look remains.
            let _watcher = watch(&syncer.folder(), tx);
            run(&h, &diary, &mut syncer, &rx);
        });
}

/// Wakes the sync thread on every file event in the shared folder (reads aside).
fn watch(folder: &Path, wake: Sender<()>) -> Option<RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
        if e.is_ok_and(|e| !e.kind.is_access()) {
            let _ = wake.send(());
        }
    })
    .ok()?;
    watcher.watch(folder, RecursiveMode::Recursive).ok()?;
    Some(watcher)
}

fn run(h: &AppHandle, diary: &Weak<Companion>, syncer: &mut Syncer, rx: &Receiver<()>) {
    loop {
        // A diary closed or replaced (a backup restored over a damaged one) ends it.
        let Some(c) = diary.upgrade() else { break };
        let step = c.sync_step(syncer);
        if step.is_err() {
            // What was merged in memory is read again from the diary; a diary that left the
            // shared one (deleted and started empty) ends the thread.
            match c.syncer() {
                Ok(Some(again)) => *syncer = again,
                Ok(None) => {
                    if let Some(w) = h.try_state::<SyncWorker>() {
                        *w.serving.lock().unwrap_or_else(|p| p.into_inner()) = None;
                        *w.last.lock().unwrap_or_else(|p| p.into_inner()) = None;
                    }
                    break;
                }
                Err(_) => {}
            }
        }
        let placed = step.as_ref().is_ok_and(|s| s.placed > 0);
        let outcome = c.sync_outcome(step);
        drop(c);
        if let Some(w) = h.try_state::<SyncWorker>() {
            *w.last.lock().unwrap_or_else(|p| p.into_inner()) = Some(outcome);
        }
        if placed {
            if let Some(bg) = h.try_state::<Background>() {
                bg.tell(ReminderEvent::Synced);
            }
        }
        match rx.recv_timeout(EVERY) {
            Ok(()) => {
                let until = Instant::now() + LONGEST_WAIT;
                while Instant::now() < until && rx.recv_timeout(PAUSE).is_ok() {}
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
}
