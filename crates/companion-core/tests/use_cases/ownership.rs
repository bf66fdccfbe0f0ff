//! The person's ownership of their diary, against real files: backups (made, checked, kept in
//! rotation, restored, made before a migration from every earlier schema), deleting
//! everything, and export and import.

use std::path::Path;
use std::sync::Arc;

use chrono_tz::Europe::Berlin;
use companion_core::store::backup::Reason;
use companion_core::*;

use crate::common::at;

/// Every table's rows as text, identifiers left out and rows sorted, so two diaries with the
/// same content give the same dump however their rows were numbered. Written in SQL from the
/// schema, not from the export code.
pub fn canonical_dump(path: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open for dump");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("names");
    let mut out = String::new();
    for table in tables {
        // Row ids differ between diaries; children name their parent by its day instead.
        let sql = match table.as_str() {
            "symptom_scores" => "SELECT c.day, s.symptom, s.score FROM symptom_scores s JOIN symptom_checks c ON c.id = s.check_id".to_owned(),
            "taper_holds" => "SELECT p.start_day, h.day, h.days, h.created_at FROM taper_holds h JOIN taper_plans p ON p.id = h.plan_id".to_owned(),
            "reminders" => "SELECT kind, title, message, enabled, at_time, before_min, every_min, window_start, window_end FROM reminders".to_owned(),
            _ => format!("SELECT * FROM {table}"),
        };
        let mut stmt = conn.prepare(&sql).expect("prepare");
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok(names
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| {
                        n.as_str() != "id" && n.as_str() != "updated_at" || table == "settings"
                    })
                    .map(|(i, n)| format!("{n}={}", cell(r.get_ref(i).expect("cell"))))
                    .collect::<Vec<_>>()
                    .join(" "))
            })
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("collect");
        rows.sort();
        for row in rows {
            out.push_str(&format!("{table}: {row}\n"));
        }
    }
    out
}

fn cell(v: rusqlite::types::ValueRef<'_>) -> String {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => "null".into(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => format!("blob{b:?}"),
    }
}

fn open_at(dir: &Path, now: &str) -> (Arc<FakeClock>, Companion) {
    let clock = Arc::new(FakeClock::new(at(now), Berlin));
    let app = Companion::open_in(dir, clock.clone()).expect("open");
    (clock, app)
}

fn note(app: &Companion, day: &str, note: &str) {
    app.save_checkin(
        None,
        &CheckinInput {
            day: day.into(),
            mood: Some(5),
            craving: Some(4),
            note: note.into(),
            sleep: None,
        },
    )
    .expect("save");
}

#[test]
fn a_backup_is_checked_private_and_restores_the_diary_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (clock, app) = open_at(dir.path(), "2026-11-25T08:00:00Z");
    note(&app, "2026-11-24", "before the backup");
    // Uncheckpointed writes live in the WAL; the backup must still hold them.
    let made = app.back_up(Reason::Daily).expect("backup");
    assert_eq!(made.counts.as_ref().expect("checked").checkins, 1);
    let backup_file = dir.path().join("backups").join(&made.name);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&backup_file), 0o600);
        assert_eq!(mode(&dir.path().join("backups")), 0o700);
    }
    let backed_up = canonical_dump(&backup_file);
    assert!(backed_up.contains("before the backup"), "{backed_up}");

    clock.set(at("2026-11-25T09:00:00Z"));
    note(&app, "2026-11-25", "after the backup");
    let kept = app.restore_backup(&made.name).expect("restore");
    assert_eq!(kept.reason, Reason::BeforeRestore);
    let page = app.history(None, 14).expect("history");
    assert_eq!(page.days.len(), 1, "the diary is as the backup was");
    assert_eq!(page.days[0].day, "2026-11-24");
    // Nothing is lost by a restore: the state before it is one more backup.
    let before = canonical_dump(&dir.path().join("backups").join(&kept.name));
    assert!(before.contains("after the backup"));
    // And the restored diary keeps working, across a relaunch.
    note(&app, "2026-11-25", "after the restore");
    drop(app);
    let (_, app) = open_at(dir.path(), "2026-11-25T10:00:00Z");
    assert_eq!(app.history(None, 14).expect("history").days.len(), 2);
    let listed = app.backups().expect("list");
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed.iter().all(|b| b.counts.is_some()));
}

#[test]
fn a_daily_backup_is_made_once_a_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (clock, app) = open_at(dir.path(), "2026-11-25T08:00:00Z");
    assert!(app.back_up_if_due().expect("first"));
    assert!(!app.back_up_if_due().expect("same day"));
    clock.set(at("2026-11-26T08:00:00Z"));
    assert!(app.back_up_if_due().expect("next day"));
    assert_eq!(app.backups().expect("list").len(), 2);
}

#[test]
fn a_damaged_or_foreign_backup_is_never_restored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, app) = open_at(dir.path(), "2026-11-25T08:00:00Z");
    note(&app, "2026-11-24", "mine");
    let made = app.back_up(Reason::Daily).expect("backup");
    let path = dir.path().join("backups").join(&made.name);
    let mut bytes = std::fs::read(&path).expect("read");
    let n = bytes.len();
    bytes.truncate(n / 2);
    std::fs::write(&path, &bytes).expect("truncate");
    let before = canonical_dump(&dir.path().join(DATA_FILE));
    for name in [
        made.name.as_str(),
        "../companion.sqlite3",
        "diary-x.sqlite3",
    ] {
        let e = app.restore_backup(name).expect_err("refused");
        assert_eq!(e.kind(), ErrorKind::Invalid, "{e}");
    }
    assert_eq!(canonical_dump(&dir.path().join(DATA_FILE)), before);
    assert!(app.backups().expect("list")[0].counts.is_none());
}

/// A diary from every earlier schema version, as that version wrote it, opens with every
/// entry, every entry gets a distinct identifier, and the file as it was is kept first.
#[test]
fn a_migration_from_every_earlier_schema_keeps_every_entry_and_a_backup() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for version in 1.. {
        let fixture = fixtures.join(format!("schema-v{version}.sqlite3"));
        if !fixture.exists() {
            break;
        }
        seen += 1;
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::copy(&fixture, dir.path().join(DATA_FILE)).expect("copy");
        let old = canonical_dump(&fixture);
        let (_, app) = open_at(dir.path(), "2026-11-25T08:00:00Z");
        let page = app.history(None, 400).expect("history");
        let checkins = page
            .days
            .iter()
            .flat_map(|d| &d.entries)
            .filter(|e| matches!(e, Entry::Checkin(_)))
            .count();
        assert_eq!(checkins, 3, "v{version}");
        let backups = app.backups().expect("list");
        assert_eq!(backups.len(), 1, "v{version}: {backups:?}");
        assert_eq!(backups[0].reason, Reason::BeforeUpdate);
        let kept = dir.path().join("backups").join(&backups[0].name);
        assert_eq!(
            canonical_dump(&kept),
            old,
            "v{version}: the backup is the old file"
        );
        drop(app);
        // Every old value is still there, each row now with a uuid of its own.
        let new = canonical_dump(&dir.path().join(DATA_FILE));
        for line in old.lines() {
            let (table, row) = line.split_once(": ").expect("line");
            let found = new.lines().any(|l| {
                l.starts_with(&format!("{table}: ")) && row.split(' ').all(|cell| l.contains(cell))
            });
            assert!(found, "v{version}: lost {line}\nin\n{new}");
        }
        let conn = rusqlite::Connection::open(dir.path().join(DATA_FILE)).expect("raw");
        for table in [
            "checkins",
            "cravings",
            "doses",
            "water",
            "contacts",
            "reminders",
            "taper_plans",
        ] {
            let (rows, distinct): (i64, i64) = conn
                .query_row(
                    &format!("SELECT count(*), count(DISTINCT uuid) FROM {table}"),
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .expect("uuids");
            assert_eq!(
                rows, distinct,
                "v{version} {table}: every row has its own uuid"
            );
        }
    }
    assert_eq!(seen, 5, "one fixture per earlier schema version");
}

#[test]
fn delete_everything_needs_the_word_and_leaves_a_new_empty_diary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, app) = open_at(dir.path(), "2026-11-25T08:00:00Z");
    note(&app, "2026-11-24", "private words");
    app.back_up(Reason::Daily).expect("backup");
    let e = app
        .delete_everything("delete", false)
        .expect_err("needs the word");
    assert_eq!(e.field(), Some("confirmation"));
    assert_eq!(app.history(None, 14).expect("history").days.len(), 1);

    app.delete_everything("DELETE", false).expect("deleted");
    assert!(app.history(None, 14).expect("history").days.is_empty());
    assert_eq!(
        app.backups().expect("kept").len(),
        1,
        "backups kept unless chosen"
    );
    let raw = std::fs::read(dir.path().join(DATA_FILE)).expect("new file");
    assert!(!raw.windows(13).any(|w| w == b"private words"));
    note(&app, "2026-11-25", "a fresh start");
    assert_eq!(app.history(None, 14).expect("history").days.len(), 1);

    app.delete_everything("DELETE", true)
        .expect("deleted with backups");
    assert!(!dir.path().join("backups").exists());
    assert!(app.history(None, 14).expect("history").days.is_empty());
}
