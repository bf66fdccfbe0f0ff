//! The core's use cases against a real SQLite file: saving, editing, undoing, paging the
//! history, relaunching, refusing bad input without changing anything, and surviving a kill.

use std::path::Path;
use std::sync::Arc;

use chrono::Duration;
use chrono_tz::{America::New_York, Europe::Berlin};
use companion_core::*;

use crate::common::at;

struct Fixture {
    dir: tempfile::TempDir,
    clock: Arc<FakeClock>,
    app: Companion,
}

impl Fixture {
    /// 2026-11-25 09:00 in Berlin.
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let clock = Arc::new(FakeClock::new(at("2026-11-25T08:00:00Z"), Berlin));
        let app = Companion::open_in(dir.path(), clock.clone()).expect("open");
        Fixture { dir, clock, app }
    }

    fn reopen(self) -> Self {
        let Fixture { dir, clock, app } = self;
        drop(app);
        let app = Companion::open_in(dir.path(), clock.clone()).expect("reopen");
        Fixture { dir, clock, app }
    }

    fn db_path(&self) -> std::path::PathBuf {
        self.dir.path().join(DATA_FILE)
    }
}

fn sleep() -> SleepInput {
    SleepInput {
        bed_time: "22:40".into(),
        lights_off: "23:00".into(),
        latency_min: Some(30),
        awakenings: Some(2),
        awake_min: Some(20),
        final_wake: "06:30".into(),
        out_of_bed: "06:50".into(),
        quality: Some(3),
    }
}

fn checkin(day: &str, with_sleep: bool) -> CheckinInput {
    CheckinInput {
        day: day.into(),
        mood: Some(5),
        craving: Some(6),
        note: "Shaky morning, better after a walk.".into(),
        sleep: with_sleep.then(sleep),
    }
}

fn craving(at: Option<&str>, intensity: i64) -> CravingInput {
    CravingInput {
        at: at.map(str::to_owned),
        intensity: Some(intensity),
        context: "After dinner".into(),
    }
}

/// Every row of both tables, as text: "nothing changed" means this is identical.
fn dump(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).expect("open for dump");
    let mut out = String::new();
    for table in ["checkins", "cravings"] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
            .expect("prepare");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get_ref(i).map(|v| format!("{v:?}")))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .expect("query");
        for row in rows {
            out.push_str(&format!("{table}: {}\n", row.expect("row").join(" | ")));
        }
    }
    out
}

#[test]
fn a_check_in_with_sleep_is_saved_with_its_figures() {
    let f = Fixture::new();
    let v = f
        .app
        .save_checkin(None, &checkin("2026-11-25", true))
        .expect("save");
    assert_eq!((v.mood, v.craving), (5, Some(6)));
    assert_eq!(v.recorded_at, "2026-11-25T09:00");
    assert_eq!(v.time_zone, "Europe/Berlin");
    let s = v.sleep.expect("sleep");
    assert_eq!(s.summary.bed_at, "2026-11-24T22:40");
    assert_eq!(s.summary.time_in_bed_min, 490);
    // 23:00 → 06:30 = 450 min, less 30 to fall asleep and 20 awake.
    assert_eq!(s.summary.total_sleep_min, 400);
    assert_eq!(s.summary.efficiency_pct, 81.6);
    assert_eq!(s.input, sleep());
}

#[test]
fn everything_is_there_after_a_relaunch() {
    let f = Fixture::new();
    f.app
        .save_checkin(None, &checkin("2026-11-25", true))
        .expect("save");
    f.app
        .save_craving(None, &craving(None, 8))
        .expect("craving");
    let before = f.app.history(None, 30).expect("history");
    let f = f.reopen();
    assert_eq!(f.app.history(None, 30).expect("history"), before);
    assert_eq!(before.days.len(), 1);
    assert_eq!(before.days[0].entries.len(), 2);
}

#[test]
fn edits_replace_the_entry_and_keep_its_zone() {
    let f = Fixture::new();
    let v = f
        .app
        .save_checkin(None, &checkin("2026-11-25", false))
        .expect("save");
    // The person has travelled; the entry still reads in the zone it was recorded in.
    f.clock.set_zone(New_York);
    let edited = CheckinInput {
        mood: Some(8),
        sleep: Some(sleep()),
        ..checkin("2026-11-25", false)
    };
    let e = f.app.save_checkin(Some(v.id), &edited).expect("edit");
    assert_eq!(e.id, v.id);
    assert_eq!(e.mood, 8);
    assert_eq!(e.time_zone, "Europe/Berlin");
    assert_eq!(e.sleep.expect("sleep").summary.bed_at, "2026-11-24T22:40");
    let page = f.app.history(None, 30).expect("history");
    assert_eq!(
        page.days[0].entries.len(),
        1,
        "an edit does not add an entry"
    );
}

#[test]
fn invalid_input_changes_nothing() {
    let f = Fixture::new();
    f.app
        .save_checkin(None, &checkin("2026-11-24", true))
        .expect("save");
    let c = f
        .app
        .save_craving(None, &craving(None, 4))
        .expect("craving");
    let before = dump(&f.db_path());

    let bad_checkins = [
        CheckinInput {
            mood: Some(11),
            ..checkin("2026-11-25", false)
        },
        CheckinInput {
            mood: None,
            ..checkin("2026-11-25", false)
        },
        checkin("2026-11-26", false),
        CheckinInput {
            note: "x".repeat(1 << 20),
            ..checkin("2026-11-25", false)
        },
        CheckinInput {
            sleep: Some(SleepInput {
                final_wake: "22:00".into(),
                out_of_bed: "22:10".into(),
                ..sleep()
            }),
            ..checkin("2026-11-25", false)
        },
    ];
    for bad in &bad_checkins {
        let e = f.app.save_checkin(None, bad).expect_err("invalid");
        assert_eq!(e.kind(), ErrorKind::Invalid, "{e}");
        assert!(e.field().is_some());
    }
    // The same rules hold for edits.
    let id = f.app.history(None, 1).expect("h").days[0]
        .entries
        .iter()
        .find_map(|e| match e {
            Entry::Checkin(v) => Some(v.id),
            _ => None,
        });
    let e = f
        .app
        .save_checkin(id, &bad_checkins[0])
        .expect_err("invalid edit");
    assert_eq!(e.field(), Some("mood"));
    let e = f
        .app
        .save_craving(Some(c.id), &craving(None, 42))
        .expect_err("invalid craving");
    assert_eq!(e.field(), Some("intensity"));
    assert_eq!(
        f.app
            .save_checkin(Some(9999), &checkin("2026-11-25", false))
            .expect_err("x")
            .kind(),
        ErrorKind::NotFound
    );

    assert_eq!(dump(&f.db_path()), before);
}

#[test]
fn one_sleep_diary_per_night() {
    let f = Fixture::new();
    let first = f
        .app
        .save_checkin(None, &checkin("2026-11-25", true))
        .expect("first");
    let e = f
        .app
        .save_checkin(None, &checkin("2026-11-25", true))
        .expect_err("second diary");
    assert_eq!(e.field(), Some("sleep"));
    // A second check-in that day without sleep is welcome: mood changes during a day.
    f.app
        .save_checkin(None, &checkin("2026-11-25", false))
        .expect("no sleep");
    // Once the first is deleted, the night is free again; undoing it then is refused kindly.
    f.app.delete(EntryKind::Checkin, first.id).expect("delete");
    let second = f
        .app
        .save_checkin(None, &checkin("2026-11-25", true))
        .expect("now free");
    let e = f
        .app
        .restore(EntryKind::Checkin, first.id)
        .expect_err("collides");
    assert_eq!(e.kind(), ErrorKind::Invalid);
    f.app
        .delete(EntryKind::Checkin, second.id)
        .expect("delete second");
    f.app
        .restore(EntryKind::Checkin, first.id)
        .expect("restore first");
}

#[test]
fn delete_can_be_undone_until_the_app_restarts() {
    let f = Fixture::new();
    let c = f
        .app
        .save_craving(None, &craving(None, 6))
        .expect("craving");
    f.app.delete(EntryKind::Craving, c.id).expect("delete");
    assert!(f.app.history(None, 30).expect("h").days.is_empty());
    assert_eq!(
        f.app
            .delete(EntryKind::Craving, c.id)
            .expect_err("twice")
            .kind(),
        ErrorKind::NotFound
    );
    f.app.restore(EntryKind::Craving, c.id).expect("undo");
    assert_eq!(f.app.history(None, 30).expect("h").days.len(), 1);
    assert_eq!(
        f.app
            .restore(EntryKind::Craving, c.id)
            .expect_err("not deleted")
            .kind(),
        ErrorKind::NotFound
    );

    f.app
        .delete(EntryKind::Craving, c.id)
        .expect("delete again");
    let f = f.reopen();
    assert_eq!(
        f.app
            .restore(EntryKind::Craving, c.id)
            .expect_err("purged")
            .kind(),
        ErrorKind::NotFound
    );
    let conn = rusqlite::Connection::open(f.db_path()).expect("open");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM cravings", [], |r| r.get(0))
        .expect("count");
    assert_eq!(n, 0, "the deleted craving is gone from the file");
}

#[test]
fn deletions_older_than_the_undo_window_are_purged() {
    let f = Fixture::new();
    let a = f.app.save_craving(None, &craving(None, 6)).expect("a");
    let b = f.app.save_craving(None, &craving(None, 7)).expect("b");
    f.app.delete(EntryKind::Craving, a.id).expect("delete a");
    f.clock.advance(UNDO_WINDOW + Duration::minutes(1));
    f.app.delete(EntryKind::Craving, b.id).expect("delete b");
    assert_eq!(
        f.app
            .restore(EntryKind::Craving, a.id)
            .expect_err("expired")
            .kind(),
        ErrorKind::NotFound
    );
    f.app
        .restore(EntryKind::Craving, b.id)
        .expect("b is still in its window");
}

#[test]
fn history_groups_by_local_day_newest_first_and_pages() {
    let f = Fixture::new();
    // 23:30 UTC on the 24th is 00:30 on the 25th in Berlin: it belongs to the 25th.
    f.clock.set(at("2026-11-24T23:30:00Z"));
    f.app
        .save_craving(None, &craving(None, 9))
        .expect("late craving");
    f.clock.set(at("2026-11-25T08:00:00Z"));
    f.app
        .save_craving(None, &craving(Some("2026-11-25T07:15"), 5))
        .expect("morning craving");
    f.app
        .save_checkin(None, &checkin("2026-11-25", true))
        .expect("today");
    f.app
        .save_checkin(None, &checkin("2026-11-23", false))
        .expect("backdated");
    for d in 1..=9 {
        f.app
            .save_checkin(None, &checkin(&format!("2026-11-{:02}", d + 10), false))
            .expect("older");
    }

    let page = f.app.history(None, 3).expect("page 1");
    let days: Vec<&str> = page.days.iter().map(|d| d.day.as_str()).collect();
    assert_eq!(days, ["2026-11-25", "2026-11-23", "2026-11-19"]);
    assert!(page.more);
    let today: Vec<String> = page.days[0]
        .entries
        .iter()
        .map(|e| match e {
            Entry::Checkin(c) => format!("checkin {}", c.recorded_at),
            Entry::Craving(c) => format!("craving {}", c.at),
            Entry::Dose(d) => format!("dose {}", d.at),
        })
        .collect();
    assert_eq!(
        today,
        [
            "checkin 2026-11-25T09:00",
            "craving 2026-11-25T07:15",
            "craving 2026-11-25T00:30"
        ]
    );

    let mut seen = days.len();
    let mut before = page.days.last().map(|d| d.day.clone());
    loop {
        let p = f.app.history(before.as_deref(), 3).expect("next page");
        seen += p.days.len();
        before = p.days.last().map(|d| d.day.clone());
        if !p.more {
            break;
        }
    }
    assert_eq!(seen, 2 + 9);
}

#[test]
fn a_craving_logged_while_travelling_keeps_its_local_day() {
    let f = Fixture::new();
    f.clock.set_zone(New_York);
    // 08:00 UTC is 03:00 in New York: still the 25th there.
    let c = f
        .app
        .save_craving(None, &craving(None, 3))
        .expect("craving");
    assert_eq!(c.at, "2026-11-25T03:00");
    assert_eq!(c.time_zone, "America/New_York");
}

#[test]
fn preview_gives_the_same_figures_as_saving() {
    let f = Fixture::new();
    let p = f
        .app
        .preview_sleep("2026-11-25", &sleep())
        .expect("preview");
    let v = f
        .app
        .save_checkin(None, &checkin("2026-11-25", true))
        .expect("save");
    assert_eq!(Some(p), v.sleep.map(|s| s.summary));
    let e = f
        .app
        .preview_sleep(
            "2026-11-25",
            &SleepInput {
                quality: None,
                ..sleep()
            },
        )
        .expect_err("x");
    assert_eq!(e.field(), Some("sleep.quality"));
}

#[test]
fn errors_cross_ipc_as_kind_message_and_field() {
    let f = Fixture::new();
    let e = f
        .app
        .save_checkin(
            None,
            &CheckinInput {
                mood: Some(12),
                ..checkin("2026-11-25", false)
            },
        )
        .expect_err("x");
    let json = serde_json::to_value(&e).expect("json");
    assert_eq!(json["kind"], "invalid");
    assert_eq!(json["field"], "mood");
    assert_eq!(json["message"], "Your mood must be between 0 and 10.");
    let body: ErrorBody = e.into();
    assert_eq!(serde_json::to_value(&body).expect("json"), json);
}

/// Run by `an_acknowledged_entry_survives_a_kill` in a child process: saves cravings one by one
/// and prints each id only after `save_craving` has returned.
#[test]
fn child_writer() {
    let Some(dir) = std::env::var_os("COMPANION_CHILD_DIR") else {
        return;
    };
    let app = Companion::open_in(Path::new(&dir), Arc::new(SystemClock)).expect("child open");
    for i in 0.. {
        let c = app
            .save_craving(
                None,
                &CravingInput {
                    at: None,
                    intensity: Some(i % 11),
                    context: format!("entry {i}"),
                },
            )
            .expect("child save");
        println!("saved {}", c.id);
    }
}

#[test]
fn an_acknowledged_entry_survives_a_kill() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut child, lines) = crate::common::child(
        "diary::child_writer",
        &[("COMPANION_CHILD_DIR", dir.path().as_os_str())],
    );
    let mut acked = Vec::new();
    for line in lines {
        let line = line.expect("line");
        if let Some(id) = line.strip_prefix("saved ") {
            acked.push(id.parse::<i64>().expect("id"));
            if acked.len() == 200 {
                break;
            }
        }
    }
    child.kill().expect("SIGKILL the writer mid-stream");
    child.wait().expect("reap");
    assert_eq!(acked.len(), 200, "the child acknowledged 200 saves");

    let app = Companion::open_in(dir.path(), Arc::new(SystemClock)).expect("reopen after kill");
    let mut stored = std::collections::HashSet::new();
    let mut before: Option<String> = None;
    loop {
        let page = app.history(before.as_deref(), 366).expect("history");
        for d in &page.days {
            for e in &d.entries {
                if let Entry::Craving(c) = e {
                    stored.insert(c.id);
                }
            }
        }
        before = page.days.last().map(|d| d.day.clone());
        if !page.more {
            break;
        }
    }
    let lost: Vec<_> = acked.iter().filter(|id| !stored.contains(id)).collect();
    assert!(
        lost.is_empty(),
        "acknowledged entries lost after a kill: {lost:?}"
    );
}

/// Only this account can read the diary: the folder is `0700`, the file and its WAL and
/// shared memory `0600`, and a folder or file left open to others is repaired at the start.
#[cfg(unix)]
#[test]
fn the_data_folder_is_private_and_repaired() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("org.kratomrecovery.companion");
    let clock = Arc::new(FakeClock::new(at("2026-11-25T08:00:00Z"), Berlin));
    let app = Companion::open_in(&dir, clock.clone()).expect("open");
    app.save_checkin(None, &checkin("2026-11-25", false))
        .expect("save");
    let file = dir.join(DATA_FILE);
    assert_eq!(mode(&dir), 0o700);
    for f in [
        file.clone(),
        dir.join("companion.sqlite3-wal"),
        dir.join("companion.sqlite3-shm"),
    ] {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
    drop(app);
    // Opened up by someone or something else: put right at the next start.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let app = Companion::open_in(&dir, clock).expect("reopen");
    assert_eq!((mode(&dir), mode(&file)), (0o700, 0o600));
    assert_eq!(app.history(None, 14).expect("history").days.len(), 1);
}

/// A crash between the schema and its id (possible before this version) no longer locks the
/// person out: the app recognises its own tables and gives the file its id back. Another
/// program's database with a `checkins` table is still refused, unchanged.
#[test]
fn a_diary_without_its_id_is_recognised_and_a_stranger_is_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FakeClock::new(at("2026-11-25T08:00:00Z"), Berlin));
    let app = Companion::open_in(dir.path(), clock.clone()).expect("open");
    app.save_checkin(None, &checkin("2026-11-25", false))
        .expect("save");
    drop(app);
    let path = dir.path().join(DATA_FILE);
    let raw = rusqlite::Connection::open(&path).expect("raw");
    raw.pragma_update(None, "application_id", 0)
        .expect("lose the id");
    drop(raw);
    let app = Companion::open_in(dir.path(), clock.clone()).expect("recognised");
    assert_eq!(
        app.history(None, 14).expect("history").days.len(),
        1,
        "nothing lost"
    );
    drop(app);
    let raw = rusqlite::Connection::open(&path).expect("raw");
    let id: i32 = raw
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .expect("id");
    assert_eq!(id, 0x4B52_4331);
    drop(raw);

    // The id alone, written just before a crash: an empty diary that is still ours.
    let empty = tempfile::tempdir().expect("tempdir");
    let raw = rusqlite::Connection::open(empty.path().join(DATA_FILE)).expect("raw");
    raw.pragma_update(None, "application_id", 0x4B52_4331)
        .expect("id");
    drop(raw);
    Companion::open_in(empty.path(), clock.clone()).expect("an empty diary opens");

    // Someone else's database that happens to have a `checkins` table.
    let other = tempfile::tempdir().expect("tempdir");
    let other_path = other.path().join(DATA_FILE);
    let raw = rusqlite::Connection::open(&other_path).expect("raw");
    raw.execute_batch(
        "CREATE TABLE checkins (id INTEGER PRIMARY KEY, title TEXT);
         CREATE TABLE cravings (id INTEGER PRIMARY KEY);
         PRAGMA user_version = 1;",
    )
    .expect("other");
    drop(raw);
    let before = std::fs::read(&other_path).expect("bytes");
    let e = Companion::open_in(other.path(), clock).expect_err("refused");
    assert!(
        e.to_string()
            .contains("not one written by Recovery Companion"),
        "{e}"
    );
    assert_eq!(std::fs::read(&other_path).expect("bytes"), before);
}
