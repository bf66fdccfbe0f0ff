//! Keeping in step (issue 30) on real diary files: two computers, each with its own data
//! folder and clock, and one shared folder between them (as a sync engine would keep it; the
//! Syncthing test puts a real one in between). Every comparison is of the two diaries'
//! exports, the app's own canonical form.

use std::path::Path;
use std::sync::Arc;

use chrono::Duration;
use chrono_tz::Europe::Berlin;
use companion_core::diary::sync::Syncer;
use companion_core::diary::{DayRange, DiaryFormat};
use companion_core::*;
use serde_json::Value;

use crate::common::at;

struct Computer {
    _dir: tempfile::TempDir,
    clock: Arc<FakeClock>,
    app: Companion,
    syncer: Option<Syncer>,
}

fn computer(now: &str) -> Computer {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FakeClock::new(at(now), Berlin));
    let app = Companion::open_in(dir.path(), clock.clone()).expect("open");
    Computer {
        _dir: dir,
        clock,
        app,
        syncer: None,
    }
}

impl Computer {
    fn step(&mut self) -> companion_core::diary::sync::Step {
        if self.syncer.is_none() {
            self.syncer = self.app.syncer().expect("load");
        }
        let syncer = self.syncer.as_mut().expect("set up");
        self.app.sync_step(syncer).expect("step")
    }

    /// The diary as its export says, without what belongs to this computer or this moment, each
    /// list in one order.
    fn dump(&self) -> Value {
        let file = self._dir.path().join("dump.json");
        self.app
            .export_diary(&file, DiaryFormat::Json, &DayRange::default(), false)
            .expect("export");
        let mut doc: Value =
            serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("json");
        let top = doc.as_object_mut().expect("object");
        top.remove("exportedAt");
        top.remove("reminders");
        // Each computer lists rows in the order it came to hold them.
        for list in top.values_mut().filter_map(Value::as_array_mut) {
            list.sort_by_key(|row| row.to_string());
        }
        doc
    }

    /// Restarts the app (the trash is emptied then) and reloads its side of the folder.
    fn restart(&mut self) {
        let path = self._dir.path().to_owned();
        self.syncer = None;
        self.app = Companion::open_in(&path, self.clock.clone()).expect("reopen");
    }
}

fn checkin(day: &str, mood: i64, note: &str) -> CheckinInput {
    CheckinInput {
        day: day.into(),
        mood: Some(mood),
        craving: Some(4),
        note: note.into(),
        sleep: None,
    }
}

fn notes(c: &Computer) -> Vec<String> {
    let doc = c.dump();
    doc["checkins"]
        .as_array()
        .expect("checkins")
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["day"].as_str().unwrap_or(""),
                r["note"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// The id, on this computer, of the check-in of `day`.
fn checkin_id(c: &Computer, day: &str) -> i64 {
    let page = c.app.history(None, 30).expect("history");
    for d in page.days.iter().filter(|d| d.day == day) {
        for e in &d.entries {
            if let history::Entry::Checkin(v) = e {
                return v.id;
            }
        }
    }
    panic!("no check-in on {day}")
}

/// Steps both computers until neither takes anything more (a few rounds at most).
fn settle(a: &mut Computer, b: &mut Computer) {
    for _ in 0..4 {
        a.step();
        b.step();
    }
}

fn pair(folder: &Path) -> (Computer, Computer, String) {
    let mut a = computer("2026-11-20T08:00:00Z");
    let mut b = computer("2026-11-20T08:00:00Z");
    a.app
        .save_checkin(None, &checkin("2026-11-19", 5, "Home, first day."))
        .expect("save");
    b.app
        .save_checkin(
            None,
            &checkin("2026-11-18", 3, "Work laptop, before joining."),
        )
        .expect("save");
    let code = a.app.sync_start(folder, "Home laptop").expect("start");
    a.step();
    b.app.sync_join(folder, "Work laptop", &code).expect("join");
    settle(&mut a, &mut b);
    (a, b, code)
}

#[test]
fn entries_of_both_computers_end_on_both_and_new_ones_follow() {
    let shared = tempfile::tempdir().expect("folder");
    let (mut a, mut b, _) = pair(shared.path());
    assert_eq!(
        notes(&a),
        vec![
            "2026-11-18 Work laptop, before joining.",
            "2026-11-19 Home, first day."
        ],
        "the joining computer's entries are kept and sent"
    );
    assert_eq!(a.dump(), b.dump());

    a.clock.advance(Duration::hours(1));
    b.clock.advance(Duration::hours(1));
    a.app
        .save_craving(
            None,
            &CravingInput {
                at: None,
                intensity: Some(7),
                context: "After a call".into(),
            },
        )
        .expect("craving");
    let step = a.step();
    assert!(step.recorded > 0, "{step:?}");
    let step = b.step();
    assert_eq!(step.placed, 1, "{step:?}");
    assert_eq!(a.dump(), b.dump());
    assert_eq!(b.dump()["cravings"][0]["context"], "After a call");
}

#[test]
fn a_joining_computer_takes_the_shared_settings_not_its_own_defaults() {
    let shared = tempfile::tempdir().expect("folder");
    let mut a = computer("2026-11-20T08:00:00Z");
    let mut b = computer("2026-11-20T09:00:00Z");
    a.app.set_quick_checkups(true).expect("quick on");
    let mut settings = a.app.reminders().expect("view").settings;
    settings.water_goal = 11;
    settings.quiet_start = "21:30".into();
    a.app.save_reminder_settings(&settings).expect("settings");
    let code = a.app.sync_start(shared.path(), "Home").expect("start");
    a.step();
    b.app.sync_join(shared.path(), "Work", &code).expect("join");
    settle(&mut a, &mut b);
    assert!(
        b.app.checkups().expect("view").quick_on,
        "B took A's setting"
    );
    assert_eq!(b.app.reminders().expect("view").settings, settings);
    assert_eq!(a.app.reminders().expect("view").settings, settings);
    assert_eq!(a.dump(), b.dump());
}

#[test]
fn an_entry_edited_on_both_while_apart_keeps_the_later_edit_on_both() {
    let shared = tempfile::tempdir().expect("folder");
    let (mut a, mut b, _) = pair(shared.path());
    let (ia, ib) = (checkin_id(&a, "2026-11-19"), checkin_id(&b, "2026-11-19"));
    a.clock.advance(Duration::minutes(5));
    b.clock.advance(Duration::minutes(9));
    a.app
        .save_checkin(Some(ia), &checkin("2026-11-19", 6, "Edited at home."))
        .expect("edit a");
    b.app
        .save_checkin(
            Some(ib),
            &checkin("2026-11-19", 2, "Edited at work, later."),
        )
        .expect("edit b");
    settle(&mut a, &mut b);
    assert_eq!(a.dump(), b.dump());
    let day = a.dump()["checkins"]
        .as_array()
        .expect("list")
        .iter()
        .find(|r| r["day"] == "2026-11-19")
        .cloned()
        .expect("the entry");
    assert_eq!(day["note"], "Edited at work, later.");
    assert_eq!(day["mood"], 2);
}

#[test]
fn a_deletion_travels_and_an_emptied_entry_never_comes_back() {
    let shared = tempfile::tempdir().expect("folder");
    let (mut a, mut b, _) = pair(shared.path());
    let old = shared.path().join("old export.json");
    b.app
        .export_diary(&old, DiaryFormat::Json, &DayRange::default(), false)
        .expect("export");
    let first = checkin_id(&a, "2026-11-19");
    a.app.delete(EntryKind::Checkin, first).expect("delete");
    settle(&mut a, &mut b);
    assert_eq!(notes(&b), vec!["2026-11-18 Work laptop, before joining."]);
    // A restart empties the trash: final everywhere.
    a.restart();
    settle(&mut a, &mut b);
    assert_eq!(a.dump(), b.dump());
    // An old export, from before, imported on B does not bring it back.
    b.app.import_diary(&old, false).expect("import");
    settle(&mut a, &mut b);
    assert_eq!(notes(&a), vec!["2026-11-18 Work laptop, before joining."]);
    assert_eq!(a.dump(), b.dump());
}

#[test]
fn a_restarted_computer_goes_on_where_it_was() {
    let shared = tempfile::tempdir().expect("folder");
    let (mut a, mut b, _) = pair(shared.path());
    for i in 0..3 {
        a.clock.advance(Duration::days(1));
        a.app
            .save_checkin(
                None,
                &checkin(&format!("2026-11-2{}", i), 5, "Another day."),
            )
            .expect("save");
        a.step();
        a.restart();
    }
    settle(&mut a, &mut b);
    assert_eq!(a.dump(), b.dump());
    assert_eq!(notes(&b).len(), 5);
    let step = b.step();
    assert_eq!(
        (step.files_left, step.recorded, step.placed),
        (0, 0, 0),
        "{step:?}"
    );
}

#[test]
fn a_wrong_recovery_code_joins_nothing() {
    let shared = tempfile::tempdir().expect("folder");
    let mut a = computer("2026-11-20T08:00:00Z");
    let b = computer("2026-11-20T08:00:00Z");
    let code = a.app.sync_start(shared.path(), "Home").expect("start");
    a.step();
    let mut wrong: Vec<char> = code.chars().collect();
    let i = wrong
        .iter()
        .position(|c| c.is_ascii_alphanumeric())
        .expect("symbol");
    wrong[i] = if wrong[i] == 'A' { 'B' } else { 'A' };
    let wrong: String = wrong.into_iter().collect();
    let e = b
        .app
        .sync_join(shared.path(), "Work", &wrong)
        .expect_err("wrong code");
    assert_eq!(e.field(), Some("recoveryCode"), "{e}");
    assert!(b.app.syncer().expect("load").is_none());
    let e = b
        .app
        .sync_start(shared.path(), "Work")
        .expect_err("a second diary in the same folder");
    assert_eq!(e.field(), Some("folder"), "{e}");
}

/// A computer stopped at each point of a step — after recording (its file sealed, not yet
/// written) and after writing its file but before noting so — goes on after a restart with
/// nothing lost, and the other computer never finds two different files for one place in its
/// history.
#[test]
fn a_computer_stopped_between_the_parts_of_a_step_loses_nothing_and_confuses_no_one() {
    let shared = tempfile::tempdir().expect("folder");
    let (mut a, mut b, _) = pair(shared.path());
    for (i, stop_after_write) in [false, true, false, true].into_iter().enumerate() {
        a.clock.advance(Duration::hours(2));
        a.app
            .save_craving(
                None,
                &CravingInput {
                    at: None,
                    intensity: Some(3 + i as i64),
                    context: format!("Craving {i}"),
                },
            )
            .expect("craving");
        // The step's parts, as `sync_step` runs them, stopped part-way: the syncer in memory
        // is dropped (the process ends) and what the diary committed is all that is left.
        let mut syncer = a.app.syncer().expect("load").expect("set up");
        let pulled = syncer.read_folder(0);
        a.app
            .sync_record_for_tests(&mut syncer, pulled)
            .expect("record");
        if stop_after_write {
            assert_eq!(syncer.write_folder(), Some(true));
        }
        drop(syncer);
        a.restart();
        // B reads the folder in between, whatever state it was left in.
        let step = b.step();
        assert_eq!(step.files_left, 0, "{step:?}");
    }
    settle(&mut a, &mut b);
    assert_eq!(a.dump(), b.dump());
    let contexts: Vec<String> = b.dump()["cravings"]
        .as_array()
        .expect("list")
        .iter()
        .map(|c| c["context"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(
        contexts,
        ["Craving 0", "Craving 1", "Craving 2", "Craving 3"]
    );
    let step = b.step();
    assert_eq!((step.files_left, step.files_taken), (0, 0), "{step:?}");
}
