//! Keeping in step (issue 30) on real diary files: two computers, each with its own data
//! folder and clock, and one shared folder between them (as a sync engine would keep it; the
//! Syncthing test puts a real one in between). Every comparison is of the two diaries'
//! exports, the app's own canonical form.

use std::path::Path;
use std::sync::Arc;

use chrono::Duration;
use chrono_tz::Europe::Berlin;
use companion_core::diary::sync::{Step, SyncView, Syncer};
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
    fn step(&mut self) -> Step {
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

    /// The "Keep in step" card after `step`.
    fn card(&self, step: Step) -> SyncView {
        self.app
            .sync_view(Some(&self.app.sync_outcome(Ok(step))))
            .expect("view")
    }

    /// An hour later, a check-in for `day` saying `note`.
    fn write(&mut self, day: &str, note: &str) {
        self.clock.advance(Duration::hours(1));
        self.app
            .save_checkin(None, &checkin(day, 6, note))
            .expect("save");
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
    let code = share(&mut a, &mut b, folder, ["Home laptop", "Work laptop"]);
    (a, b, code)
}

/// A starts a shared diary in `folder`, B joins it with the recovery code, and both settle:
/// the code.
fn share(a: &mut Computer, b: &mut Computer, folder: &Path, names: [&str; 2]) -> String {
    let code = a.app.sync_start(folder, names[0], None).expect("start");
    a.step();
    b.app.sync_join(folder, names[1], &code).expect("join");
    settle(a, b);
    code
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
    // The card lists both computers, this one first, and says where the last change came from.
    let step = a.step();
    let view = a.card(step);
    let names: Vec<(&str, bool)> = view
        .computers
        .iter()
        .map(|c| (c.name.as_str(), c.this))
        .collect();
    assert_eq!(names, [("Home laptop", true), ("Work laptop", false)]);
    assert!(
        view.computers.iter().all(|c| c.last_change.is_some()),
        "{view:?}"
    );
    assert!(
        view.status.contains("Kept in step with 1 other computer; the last change from another came from Work laptop on 2026-11-20 09:00."),
        "{}",
        view.status
    );
    assert!(!view.trouble);

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
    share(&mut a, &mut b, shared.path(), ["Home", "Work"]);
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

/// A file of the other computer's that arrives cut short changes nothing here, and the card
/// says whose it was; once the whole file is back, the change comes in.
#[test]
fn a_damaged_file_changes_nothing_and_the_card_names_its_computer() {
    let shared = tempfile::tempdir().expect("folder");
    let (mut a, mut b, _) = pair(shared.path());
    b.clock.advance(Duration::hours(1));
    b.app
        .save_checkin(None, &checkin("2026-11-20", 6, "Work laptop, a new day."))
        .expect("save");
    let before: std::collections::BTreeSet<_> = walk(shared.path()).into_iter().collect();
    b.step();
    let new: Vec<_> = walk(shared.path())
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    let [file] = new.as_slice() else {
        panic!("one new file: {new:?}")
    };
    let whole = std::fs::read(file).expect("read");
    let them = computer_id(&a, "Work laptop").expect("listed");
    assert!(file.parent().expect("dir").ends_with(&them), "{file:?}");
    std::fs::write(file, &whole[..whole.len() / 2]).expect("cut");

    let held = a.dump();
    let step = a.step();
    assert_eq!((step.files_left, step.placed), (1, 0), "{step:?}");
    assert_eq!(a.dump(), held);
    let view = a.card(step);
    assert!(view.trouble);
    assert_eq!(
        view.status.split(" could not").next(),
        Some("Up to date at 09:00, but 1 file from \u{2018}Work laptop\u{2019}"),
        "{}",
        view.status
    );

    std::fs::write(file, &whole).expect("whole again");
    let step = a.step();
    assert_eq!((step.files_left, step.placed), (0, 1), "{step:?}");
    assert_eq!(a.dump(), b.dump());
}

#[test]
fn a_wrong_recovery_code_joins_nothing() {
    let shared = tempfile::tempdir().expect("folder");
    let mut a = computer("2026-11-20T08:00:00Z");
    let b = computer("2026-11-20T08:00:00Z");
    let code = a
        .app
        .sync_start(shared.path(), "Home", None)
        .expect("start");
    a.step();
    let wrong = vault_code_changed(&code);
    let e = b
        .app
        .sync_join(shared.path(), "Work", &wrong)
        .expect_err("wrong code");
    assert_eq!(e.field(), Some("recoveryCode"), "{e}");
    assert!(b.app.syncer().expect("load").is_none());
    let e = b
        .app
        .sync_start(shared.path(), "Work", None)
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

/// Where the shared folder of a version is kept, as a later version must still read it: 1,
/// the first; 2, with a passphrase and a computer removed (a second key).
fn fixture(version: u32) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/sync-v{version}"))
}

/// The passphrase of the version 2 fixture.
const FIXTURE_PASSPHRASE: &str = "a walk by the river at dawn";

/// The diary the fixture's folder holds, as a computer joining it must end with.
fn fixture_diary(c: &Computer) {
    let spec = companion_core::synthetic::Spec {
        first_day: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("day"),
        days: 14,
        zone: Berlin,
        moved_to: chrono_tz::America::New_York,
        seed: 30,
    };
    companion_core::synthetic::fill(&c.app, &spec).expect("fill");
    c.app
        .save_checkin(
            None,
            &checkin(
                "2026-11-19",
                7,
                "Ünïcödé, \"quotes\", a tab\tand a new\nline 🌱",
            ),
        )
        .expect("save");
    let mut settings = c.app.reminders().expect("view").settings;
    settings.water_goal = 9;
    settings.quiet_end = "07:30".into();
    c.app.save_reminder_settings(&settings).expect("settings");
    c.app.set_quick_checkups(true).expect("quick");
}

/// Makes this version's fixture again (not a test: only when asked, `MAKE_SYNC_FIXTURE=1`
/// and `--ignored`); a landed fixture is the record of what its version wrote and is never
/// made again.
#[test]
#[ignore = "makes tests/fixtures/sync-v2 again"]
fn make_the_shared_folder_fixture() {
    if std::env::var_os("MAKE_SYNC_FIXTURE").is_none() {
        return;
    }
    let dir = fixture(2);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let mut a = computer("2026-11-20T08:00:00Z");
    fixture_diary(&a);
    let code = a
        .app
        .sync_start(&dir, "Fixture", Some(FIXTURE_PASSPHRASE))
        .expect("start");
    a.step();
    let mut gone = computer("2026-11-20T08:00:00Z");
    gone.app.sync_join(&dir, "Removed", &code).expect("join");
    step_all(&mut [&mut gone, &mut a]);
    let id = computer_id(&a, "Removed").expect("listed");
    a.app.sync_remove(&id, &code).expect("remove");
    a.step();
    a.app
        .save_checkin(
            None,
            &checkin("2026-11-20", 4, "Sealed under the second key."),
        )
        .expect("save");
    a.step();
    std::fs::write(dir.join("recovery-code.txt"), format!("{code}\n")).expect("code");
    let expected = serde_json::to_string_pretty(&a.dump()).expect("json");
    std::fs::write(dir.join("expected-diary.json"), expected).expect("expected");
}

/// A computer joining a copy of a version's fixture folder, with `secret`.
fn join_fixture(version: u32, secret: &str) -> (Computer, Value) {
    let copy = tempfile::tempdir().expect("copy");
    let from = fixture(version).join("Recovery Companion diary");
    let to = copy.path().join("Recovery Companion diary");
    for entry in walk(&from) {
        let target = to.join(entry.strip_prefix(&from).expect("inside"));
        std::fs::create_dir_all(target.parent().expect("parent")).expect("dir");
        std::fs::copy(&entry, &target).expect("copy");
    }
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture(version).join("expected-diary.json")).expect("expected"),
    )
    .expect("json");
    let mut b = computer("2026-12-04T08:00:00Z");
    b.app
        .sync_join(copy.path(), "Later version", secret)
        .expect("join");
    let step = b.step();
    assert_eq!((step.files_left, step.rows_left), (0, 0), "{step:?}");
    assert!(step.placed > 20, "{step:?}");
    (b, expected)
}

/// Shared folders written by earlier versions (committed in `tests/fixtures/sync-v*`) are
/// joined and read whole by this and every later version: the first version's, and the
/// second's with its passphrase and the key a removal made.
#[test]
fn a_shared_folder_from_each_version_stays_readable() {
    let code = |v| std::fs::read_to_string(fixture(v).join("recovery-code.txt")).expect("code");
    for (version, secret) in [
        (1, code(1)),
        (2, code(2)),
        (2, FIXTURE_PASSPHRASE.to_owned()),
    ] {
        let (b, expected) = join_fixture(version, secret.trim());
        assert_eq!(b.dump(), expected, "version {version}");
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).expect("read").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// (Run as a child by the kill test; does nothing otherwise.) On computer A's diary: saves a
/// craving, says so, and takes a step, again and again until it is killed.
#[test]
fn sync_child_writer() {
    let Some(dir) = std::env::var_os("COMPANION_SYNC_CHILD_DIR") else {
        return;
    };
    let round: i64 = std::env::var("COMPANION_SYNC_ROUND")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    let app = Companion::open_in(Path::new(&dir), Arc::new(SystemClock)).expect("open");
    let mut syncer = app.syncer().expect("load").expect("set up");
    for n in 0.. {
        app.save_craving(
            None,
            &CravingInput {
                at: None,
                intensity: Some(n % 11),
                context: format!("round {round}, craving {n}"),
            },
        )
        .expect("save");
        println!("saved round {round}, craving {n}");
        app.sync_step(&mut syncer).expect("step");
    }
}

/// Computer A is killed (SIGKILL) at moments spread over its steps — while it writes a file,
/// folds its files into a snapshot (past 32), or takes in B's — five times; B writes between.
/// After restarts every craving A acknowledged is on both, the two diaries are one, and B
/// finds no file of A's it cannot take.
#[test]
fn a_computer_killed_at_any_moment_of_its_steps_loses_nothing() {
    let shared = tempfile::tempdir().expect("folder");
    let (mut a, mut b, _) = pair(shared.path());
    let mut acked: Vec<String> = vec![];
    for round in 0..5u64 {
        let (mut child, lines) = crate::common::child(
            "sync::sync_child_writer",
            &[
                ("COMPANION_SYNC_CHILD_DIR", a._dir.path().as_os_str()),
                (
                    "COMPANION_SYNC_ROUND",
                    std::ffi::OsStr::new(&round.to_string()),
                ),
            ],
        );
        let wanted = 9 + round as usize * 5;
        let mut here = 0;
        for line in lines {
            let line = line.expect("line");
            if let Some(what) = line.strip_prefix("saved ") {
                acked.push(what.to_owned());
                here += 1;
                if here % 4 == 0 {
                    // Something for A to take in while it runs.
                    b.clock.advance(Duration::minutes(1));
                    b.app
                        .save_checkin(
                            None,
                            &checkin(
                                &format!("2026-10-{:02}", 1 + acked.len() % 28),
                                4,
                                &format!("B during round {round}"),
                            ),
                        )
                        .ok();
                    b.step();
                }
                if here == wanted {
                    break;
                }
            }
        }
        // Somewhere inside the step after the last save.
        std::thread::sleep(std::time::Duration::from_millis(round * 7 % 23));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        a.restart();
    }
    settle(&mut a, &mut b);
    let contexts = |c: &Computer| -> std::collections::BTreeSet<String> {
        c.dump()["cravings"]
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|r| r["context"].as_str().map(str::to_owned))
            .collect()
    };
    let (on_a, on_b) = (contexts(&a), contexts(&b));
    for what in &acked {
        assert!(on_a.contains(what), "A lost {what}");
        assert!(on_b.contains(what), "B never got {what}");
    }
    assert_eq!(a.dump(), b.dump());
    let step = b.step();
    assert_eq!(step.files_left, 0, "{step:?}");
    let own = std::fs::read_dir(shared.path().join("Recovery Companion diary"))
        .expect("folder")
        .flatten()
        .map(|d| std::fs::read_dir(d.path()).map_or(0, |f| f.count()))
        .max()
        .unwrap_or(0);
    assert!(
        own <= 40,
        "a computer keeps at most a snapshot and 32 files: {own}"
    );
}

/// The version that lost (the earlier edit) is shown on both computers as "also edited on"
/// the computer that made it; taking it makes it the one shown everywhere, and keeping the
/// shown one lets it go everywhere. Nothing the person wrote disappears without their say.
#[test]
fn the_other_version_of_an_entry_edited_on_both_is_shown_and_can_be_taken_or_let_go() {
    let shared = tempfile::tempdir().expect("folder");
    let (mut a, mut b, _) = pair(shared.path());
    let edit_both = |a: &mut Computer, b: &mut Computer, day: &str, n: i64| {
        let (ia, ib) = (checkin_id(a, day), checkin_id(b, day));
        a.clock.advance(Duration::minutes(5));
        b.clock.advance(Duration::minutes(9));
        a.app
            .save_checkin(Some(ia), &checkin(day, 6, &format!("Home's words {n}.")))
            .expect("edit a");
        b.app
            .save_checkin(Some(ib), &checkin(day, 2, &format!("Work's words {n}.")))
            .expect("edit b");
        settle(a, b);
    };
    edit_both(&mut a, &mut b, "2026-11-19", 1);
    for c in [&a, &b] {
        let others = c.app.other_versions().expect("versions");
        assert_eq!(others.len(), 1, "{others:?}");
        let v = &others[0];
        assert_eq!(
            (v.what.as_str(), v.computer.as_str()),
            ("Check-in of 2026-11-19", "Home laptop")
        );
        let fields: Vec<(&str, &str, &str)> = v
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.shown.as_str(), f.other.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("mood", "2", "6"),
                ("note", "Work's words 1.", "Home's words 1.")
            ]
        );
    }
    // On the work laptop, the person takes the home laptop's version.
    let v = b.app.other_versions().expect("versions").remove(0);
    let left = b.app.take_version(&v.kind, &v.row, &v.node).expect("take");
    assert!(left.is_empty(), "{left:?}");
    settle(&mut a, &mut b);
    assert_eq!(a.dump(), b.dump());
    assert!(notes(&a).contains(&"2026-11-19 Home's words 1.".to_owned()));
    assert!(a.app.other_versions().expect("versions").is_empty());

    // Again, and this time the shown one is kept.
    edit_both(&mut a, &mut b, "2026-11-18", 2);
    let v = a.app.other_versions().expect("versions").remove(0);
    assert_eq!(v.computer, "Home laptop");
    assert!(a
        .app
        .keep_version(&v.kind, &v.row)
        .expect("keep")
        .is_empty());
    settle(&mut a, &mut b);
    assert_eq!(a.dump(), b.dump());
    assert!(notes(&b).contains(&"2026-11-18 Work's words 2.".to_owned()));
    assert!(b.app.other_versions().expect("versions").is_empty());
    let gone = b
        .app
        .take_version(&v.kind, &v.row, &v.node)
        .expect_err("gone");
    assert_eq!(gone.field(), Some("version"));
}

/// Deleting everything on a computer that keeps in step removes its diary only: the sync
/// thread's next step brings nothing back into the new empty diary, and the other computer
/// keeps every entry.
#[test]
fn delete_everything_leaves_the_shared_diary_and_brings_nothing_back() {
    let shared = tempfile::tempdir().expect("folder");
    let (mut a, mut b, _) = pair(shared.path());
    let syncer = a.syncer.as_mut().expect("running");
    a.app.delete_everything("DELETE", false).expect("delete");
    let e = a.app.sync_step(syncer).expect_err("left");
    assert_eq!(e.field(), Some("sync"), "{e}");
    assert!(a.app.syncer().expect("load").is_none());
    assert!(notes(&a).is_empty(), "{:?}", notes(&a));
    b.step();
    assert_eq!(notes(&b).len(), 2);
}

#[test]
fn a_passphrase_is_a_second_way_in_and_a_short_one_is_refused() {
    let shared = tempfile::tempdir().expect("folder");
    let mut a = computer("2026-11-20T08:00:00Z");
    let mut b = computer("2026-11-20T08:00:00Z");
    a.app
        .save_checkin(None, &checkin("2026-11-19", 5, "Home."))
        .expect("save");
    let e = a
        .app
        .sync_start(shared.path(), "Home", Some("river"))
        .expect_err("too short");
    assert_eq!(e.field(), Some("passphrase"), "{e}");
    assert!(a.app.syncer().expect("load").is_none(), "nothing changed");
    assert!(!shared.path().join("Recovery Companion diary").exists());
    a.app
        .sync_start(
            shared.path(),
            "Home",
            Some("  a walk by the river at dawn "),
        )
        .expect("start");
    a.step();
    let e = b
        .app
        .sync_join(shared.path(), "Work", "a walk by the river at dusk")
        .expect_err("wrong passphrase");
    assert_eq!(e.field(), Some("recoveryCode"), "{e}");
    b.app
        .sync_join(shared.path(), "Work", "a walk by the river at dawn")
        .expect("the passphrase opens it");
    settle(&mut a, &mut b);
    assert_eq!(notes(&b), vec!["2026-11-19 Home."]);
    assert_eq!(a.dump(), b.dump());
}

fn step_all(cs: &mut [&mut Computer]) {
    for _ in 0..3 {
        for c in cs.iter_mut() {
            c.step();
        }
    }
}

/// The id, as the card lists it, of the computer named `name`.
fn computer_id(c: &Computer, name: &str) -> Option<String> {
    let view = c.app.sync_view(None).expect("view");
    view.computers
        .iter()
        .find(|v| v.name == name)
        .map(|v| v.id.clone())
}

/// A lost laptop removed with the recovery code receives nothing written afterwards, what it
/// writes reaches no one, and the computers that stay — and one that joins later — keep in
/// step with each other.
#[test]
fn a_removed_computer_gets_nothing_new_and_the_others_keep_in_step() {
    let shared = tempfile::tempdir().expect("folder");
    let (mut a, mut b, code) = pair(shared.path());
    let mut lost = computer("2026-11-20T08:00:00Z");
    lost.app
        .save_checkin(
            None,
            &checkin("2026-11-16", 4, "Written before it was lost."),
        )
        .expect("save");
    lost.app
        .sync_join(shared.path(), "Old laptop", &code)
        .expect("join");
    step_all(&mut [&mut a, &mut b, &mut lost]);
    assert!(notes(&b).contains(&"2026-11-16 Written before it was lost.".to_owned()));
    assert_eq!(a.dump(), lost.dump());
    let lost_id = computer_id(&a, "Old laptop").expect("listed");
    let a_id = computer_id(&a, "Home laptop").expect("listed");

    // Not with a wrong code, and not this computer itself.
    let wrong = vault_code_changed(&code);
    let e = a.app.sync_remove(&lost_id, &wrong).expect_err("wrong code");
    assert_eq!(e.field(), Some("recoveryCode"), "{e}");
    let e = a.app.sync_remove(&a_id, &code).expect_err("itself");
    assert_eq!(e.field(), Some("computer"), "{e}");
    a.app.sync_remove(&lost_id, &code).expect("removed");
    step_all(&mut [&mut a, &mut b]);
    assert_eq!(computer_id(&a, "Old laptop"), None, "no longer listed");
    assert_eq!(computer_id(&b, "Old laptop"), None, "nor on the other");

    a.write("2026-11-20", "Written after the removal.");
    lost.app
        .save_checkin(
            None,
            &checkin("2026-11-17", 1, "Written on the lost laptop."),
        )
        .expect("save");
    step_all(&mut [&mut a, &mut b, &mut lost]);
    assert_eq!(a.dump(), b.dump());
    assert!(notes(&b).contains(&"2026-11-20 Written after the removal.".to_owned()));
    assert!(!notes(&a).iter().any(|n| n.contains("lost laptop")));
    assert!(!notes(&lost).iter().any(|n| n.contains("after the removal")));
    let step = lost.step();
    assert!(step.removed_here, "{step:?}");
    let view = lost.card(step);
    assert!(
        view.trouble && view.status.contains("removed this one"),
        "{view:?}"
    );
    // The lost laptop's files are left aside quietly on the others: no alarm every minute.
    let step = b.step();
    assert_eq!(step.files_left, 0, "{step:?}");
    assert!(!step.key_missed && !step.removed_here, "{step:?}");

    // Whoever joins later, with the code, reads everything, old keys and new.
    let mut later = computer("2026-11-22T08:00:00Z");
    later
        .app
        .sync_join(shared.path(), "New laptop", &code)
        .expect("join");
    step_all(&mut [&mut later, &mut a, &mut b]);
    // What the lost laptop wrote before it was lost stays, for those who join later too.
    assert!(notes(&later).contains(&"2026-11-16 Written before it was lost.".to_owned()));
    assert_eq!(later.dump(), a.dump());
    let step = later.step();
    assert_eq!(step.files_left, 0, "{step:?}");
    // Whoever holds the lost laptop, without the code, cannot remove the others in turn.
    let e = lost.app.sync_remove(&a_id, &wrong).expect_err("no code");
    assert_eq!(e.field(), Some("recoveryCode"), "{e}");
}

/// Two computers each remove a different one at the same moment: the key then in use was
/// made by one of them for the computer the other removed, which could read on. Both that stay
/// say so; a new key made with the code reaches only them, and neither removed computer reads
/// anything written after it.
#[test]
fn removals_that_cross_ask_for_a_new_key_that_shuts_both_out() {
    let shared = tempfile::tempdir().expect("folder");
    let (mut a, mut b, code) = pair(shared.path());
    let mut c = computer("2026-11-20T08:00:00Z");
    let mut d = computer("2026-11-20T08:00:00Z");
    c.app
        .sync_join(shared.path(), "Old laptop", &code)
        .expect("join");
    d.app
        .sync_join(shared.path(), "Old desk", &code)
        .expect("join");
    step_all(&mut [&mut a, &mut b, &mut c, &mut d]);
    let id = |name| computer_id(&a, name).expect("listed");
    let (a_id, b_id, c_id, d_id) = (
        id("Home laptop"),
        id("Work laptop"),
        id("Old laptop"),
        id("Old desk"),
    );
    // Each removes one before either has seen the other's removal: A's key file has not
    // reached B's copy of the folder yet (one after the other in one folder, the second
    // removal reads the first's file and leaves both computers out).
    a.app.sync_remove(&c_id, &code).expect("A removes C");
    let in_transit = tempfile::tempdir().expect("in transit");
    let keys: Vec<_> = walk(shared.path())
        .into_iter()
        .filter(|p| p.parent().is_some_and(|d| d.ends_with("keys")))
        .collect();
    assert_eq!(keys.len(), 1, "{keys:?}");
    let away = in_transit.path().join("a key");
    std::fs::rename(&keys[0], &away).expect("away");
    b.app.sync_remove(&d_id, &code).expect("B removes D");
    std::fs::rename(&away, &keys[0]).expect("arrives");
    step_all(&mut [&mut a, &mut b, &mut c, &mut d]);
    assert_eq!(computer_id(&a, "Old desk"), None);
    assert_eq!(computer_id(&b, "Old laptop"), None);
    // The later key in order is the one sealed under: B's (for C) or A's (for D).
    let reader = if b_id > a_id { &mut c } else { &mut d };
    a.write("2026-11-20", "Written after both removals.");
    step_all(&mut [&mut a, &mut b, reader]);
    assert!(
        notes(reader).contains(&"2026-11-20 Written after both removals.".to_owned()),
        "the hazard the warning is for: a removed computer still reads"
    );
    for on in [&mut a, &mut b] {
        let step = on.step();
        assert!(step.keys_crossed, "{step:?}");
        let view = on.card(step);
        assert!(view.trouble && view.new_key_needed, "{view:?}");
        assert!(view.status.contains("Make a new key"), "{}", view.status);
    }

    let wrong = vault_code_changed(&code);
    let e = a.app.sync_renew_key(&wrong).expect_err("wrong code");
    assert_eq!(e.field(), Some("recoveryCode"), "{e}");
    a.app.sync_renew_key(&code).expect("a new key");
    step_all(&mut [&mut a, &mut b, &mut c, &mut d]);
    b.write("2026-11-17", "Written after the new key.");
    step_all(&mut [&mut a, &mut b, &mut c, &mut d]);
    assert_eq!(a.dump(), b.dump());
    assert!(notes(&a).contains(&"2026-11-17 Written after the new key.".to_owned()));
    for removed in [&c, &d] {
        assert!(
            !notes(removed)
                .iter()
                .any(|n| n.contains("after the new key")),
            "{:?}",
            notes(removed)
        );
    }
    for on in [&mut a, &mut b] {
        let step = on.step();
        assert!(!step.keys_crossed && !step.key_missed, "{step:?}");
        let view = on.card(step);
        assert!(!view.trouble && !view.new_key_needed, "{view:?}");
    }
}

/// A computer that joined just before a removal, before the remover had heard of it, misses
/// the new key and says so; a new key made there with the code brings it back in step (the
/// others' snapshots under the new key carry what was sealed under the one it missed), and the
/// removed computer still gets nothing.
#[test]
fn a_computer_that_missed_a_new_key_makes_one_and_catches_up() {
    let shared = tempfile::tempdir().expect("folder");
    let (mut a, mut b, code) = pair(shared.path());
    let mut lost = computer("2026-11-20T08:00:00Z");
    lost.app
        .sync_join(shared.path(), "Old laptop", &code)
        .expect("join");
    step_all(&mut [&mut a, &mut b, &mut lost]);
    let lost_id = computer_id(&a, "Old laptop").expect("listed");
    let mut x = computer("2026-11-20T08:00:00Z");
    x.app
        .save_checkin(None, &checkin("2026-11-15", 5, "New desk, before joining."))
        .expect("save");
    x.app
        .sync_join(shared.path(), "New desk", &code)
        .expect("join");
    // Removed before the new desk's first file arrives: the key is not made for it.
    a.app.sync_remove(&lost_id, &code).expect("removed");
    a.write("2026-11-20", "Written after the removal.");
    step_all(&mut [&mut a, &mut b, &mut x, &mut lost]);
    assert!(!notes(&x).iter().any(|n| n.contains("after the removal")));
    let step = x.step();
    assert!(step.key_missed && !step.removed_here, "{step:?}");
    let view = x.card(step);
    assert!(view.trouble && view.new_key_needed, "{view:?}");
    assert!(view.status.contains("Make a new key"), "{}", view.status);
    // The removed computer is told it was removed, and offered nothing.
    let step = lost.step();
    let view = lost.card(step);
    assert!(!view.new_key_needed, "{view:?}");

    x.app.sync_renew_key(&code).expect("a new key");
    step_all(&mut [&mut a, &mut b, &mut x, &mut lost]);
    step_all(&mut [&mut a, &mut b, &mut x, &mut lost]);
    assert_eq!(x.dump(), a.dump());
    assert_eq!(a.dump(), b.dump());
    assert!(notes(&x).contains(&"2026-11-20 Written after the removal.".to_owned()));
    assert!(notes(&b).contains(&"2026-11-15 New desk, before joining.".to_owned()));
    assert!(!notes(&lost).iter().any(|n| n.contains("after the removal")));
    for on in [&mut a, &mut b, &mut x] {
        let step = on.step();
        assert_eq!(step.files_left, 0, "{step:?}");
        assert!(!step.key_missed && !step.keys_crossed, "{step:?}");
    }
}

/// The same recovery code with one symbol changed.
fn vault_code_changed(code: &str) -> String {
    let mut wrong: Vec<char> = code.chars().collect();
    let i = wrong
        .iter()
        .position(|c| c.is_ascii_alphanumeric())
        .expect("symbol");
    wrong[i] = if wrong[i] == 'A' { 'B' } else { 'A' };
    wrong.into_iter().collect()
}

fn encryption(current: Option<&str>, new: Option<&str>) -> EncryptionInput {
    EncryptionInput {
        current: current.map(str::to_owned),
        new: new.map(str::to_owned),
        again: new.map(str::to_owned),
    }
}

/// An encrypted diary keeps in step like a plain one: through a change of its passphrase made
/// between steps, and while the app is locked (the diary stays open then, as for reminders).
#[test]
fn an_encrypted_diary_keeps_in_step_through_a_passphrase_change_and_while_locked() {
    const FIRST: &str = "a quiet morning by the lake";
    const SECOND: &str = "another quiet morning, later";
    let shared = tempfile::tempdir().expect("folder");
    let mut a = computer("2026-11-20T08:00:00Z");
    let mut b = computer("2026-11-20T08:00:00Z");
    a.app
        .set_encryption(encryption(None, Some(FIRST)))
        .expect("encrypted");
    a.app
        .save_checkin(None, &checkin("2026-11-19", 5, "Home, encrypted."))
        .expect("save");
    share(&mut a, &mut b, shared.path(), ["Home", "Work"]);
    assert_eq!(notes(&b), vec!["2026-11-19 Home, encrypted."]);

    a.app
        .set_encryption(encryption(Some(FIRST), Some(SECOND)))
        .expect("passphrase changed");
    b.clock.advance(Duration::hours(1));
    b.app
        .save_checkin(
            None,
            &checkin("2026-11-18", 4, "Work, while home changed its passphrase."),
        )
        .expect("save");
    settle(&mut a, &mut b);
    a.app.lock_now().expect("locked");
    assert!(a.app.is_locked());
    b.clock.advance(Duration::hours(1));
    b.app
        .save_craving(
            None,
            &CravingInput {
                at: None,
                intensity: Some(6),
                context: "Arrived while home was locked".into(),
            },
        )
        .expect("craving");
    b.step();
    let step = a.step();
    assert_eq!(step.placed, 1, "taken while locked: {step:?}");
    a.app
        .unlock(Passphrase::typed(SECOND.into()).expect("passphrase"))
        .expect("unlocked");
    assert_eq!(a.dump(), b.dump());
    assert_eq!(
        a.dump()["cravings"][0]["context"],
        "Arrived while home was locked"
    );
    assert!(a.app.encrypted());
}
