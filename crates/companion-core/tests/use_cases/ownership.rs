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
        // The kinds marked for the next sync step say which were written, not what they hold.
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'sync_dirty' ORDER BY name")
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
    let kept = app.restore_backup(&made.name, None).expect("restore");
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
        let e = app.restore_backup(name, None).expect_err("refused");
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
    assert_eq!(seen, 11, "one fixture per earlier schema version");
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

/// A diary with every kind of entry: the last earlier schema's fixture (doses, symptom
/// checks, a taper plan with a hold, contacts, the plan for hard moments, water), brought up
/// to date, plus a custom reminder, changed settings, both check-ups and a note no CSV or JSON
/// writer may mangle.
fn rich_diary() -> (tempfile::TempDir, Arc<FakeClock>, Companion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v5.sqlite3");
    std::fs::copy(fixture, dir.path().join(DATA_FILE)).expect("copy");
    let (clock, app) = open_at(dir.path(), "2026-01-05T19:00:00Z");
    note(
        &app,
        "2026-01-05",
        "=SUM(A1) \"quoted\", comma; new\nline, tab\tand ünïcödé 🌱",
    );
    app.save_reminder(
        None,
        &ReminderInput {
            title: "Stretch".into(),
            message: "Roll your shoulders.".into(),
            enabled: true,
            at: Some("11:00".into()),
            before_min: None,
            every_min: None,
            from: None,
            to: None,
        },
    )
    .expect("reminder");
    app.save_reminder_settings(&ReminderSettings {
        quiet_enabled: true,
        quiet_start: "23:00".into(),
        quiet_end: "07:30".into(),
        adaptive_hydration: false,
        water_goal: 10,
        discreet: false,
    })
    .expect("settings");
    for (instrument, answers, difficulty) in [
        (
            checkups::Instrument::Phq9,
            vec![1, 2, 1, 3, 0, 1, 2, 0, 1],
            Some(2),
        ),
        (checkups::Instrument::Gad7, vec![2, 2, 3, 1, 0, 1, 2], None),
        (checkups::Instrument::Phq2, vec![1, 2], None),
    ] {
        app.save_checkup(&checkups::CheckupInput {
            instrument,
            answers: answers.into_iter().map(Some).collect(),
            difficulty,
        })
        .expect("check-up");
    }
    (dir, clock, app)
}

fn export(
    app: &Companion,
    dir: &Path,
    format: diary::DiaryFormat,
    range: diary::DayRange,
) -> std::path::PathBuf {
    let path = dir.join(format!("export.{}", format.extension()));
    app.export_diary(&path, format, &range, false)
        .expect("export");
    path
}

#[test]
fn export_then_import_into_an_empty_diary_gives_the_same_diary_and_twice_adds_nothing() {
    let (dir, _, app) = rich_diary();
    let out = tempfile::tempdir().expect("out");
    let file = export(
        &app,
        out.path(),
        diary::DiaryFormat::Json,
        diary::DayRange::default(),
    );
    let original = canonical_dump(&dir.path().join(DATA_FILE));

    let fresh = tempfile::tempdir().expect("fresh");
    let (_, new_app) = open_at(fresh.path(), "2026-01-06T08:00:00Z");
    let before = canonical_dump(&fresh.path().join(DATA_FILE));
    let preview = new_app.preview_import(&file, true).expect("preview");
    assert_eq!(
        canonical_dump(&fresh.path().join(DATA_FILE)),
        before,
        "a preview changes nothing"
    );
    let by_label = |counts: &[diary::KindCount], label: &str| {
        counts
            .iter()
            .find(|c| c.label == label)
            .cloned()
            .expect(label)
    };
    assert_eq!(by_label(&preview, "check-ins").new, 4);
    assert_eq!(by_label(&preview, "cravings").new, 2);
    assert_eq!(by_label(&preview, "symptom scores").new, 2);
    assert_eq!(by_label(&preview, "taper holds").new, 1);
    let done = new_app.import_diary(&file, true).expect("import");
    assert_eq!(done, preview, "the import does what its preview said");
    assert_eq!(canonical_dump(&fresh.path().join(DATA_FILE)), original);

    // Again: everything is already there.
    let again = new_app.import_diary(&file, true).expect("import again");
    assert!(
        again.iter().all(|c| c.new == 0 && c.different == 0),
        "{again:?}"
    );
    assert_eq!(canonical_dump(&fresh.path().join(DATA_FILE)), original);
    // A backup was made before each import.
    let reasons: Vec<_> = new_app
        .backups()
        .expect("list")
        .iter()
        .map(|b| b.reason)
        .collect();
    assert_eq!(reasons, [Reason::BeforeImport, Reason::BeforeImport]);
}

/// A file from before the full safety plan has no sections 3–6: importing its plan takes what
/// it has and leaves the sections the diary has written since.
#[test]
fn a_plan_from_an_older_file_keeps_the_safety_plan_sections_written_since() {
    let (dir, _, app) = rich_diary();
    let plan = companion_core::journey::RecoveryPlan {
        triggers: "Payday".into(),
        reasons: "My kids".into(),
        distractions: "The library".into(),
        safer_surroundings: "Sam keeps the rest".into(),
        ..Default::default()
    };
    app.save_recovery_plan(&plan).expect("plan");
    let file = export(
        &app,
        dir.path(),
        diary::DiaryFormat::Json,
        diary::DayRange::default(),
    );
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("json");
    let entry = doc["hardMomentsPlan"][0]
        .as_object_mut()
        .expect("the plan in the file");
    for key in [
        "distractions",
        "helpers",
        "professionals",
        "saferSurroundings",
    ] {
        assert!(entry.remove(key).is_some(), "{key} is exported");
    }
    entry.insert("triggers".into(), "Long drives".into());
    std::fs::write(&file, serde_json::to_vec(&doc).expect("json")).expect("write");

    app.import_diary(&file, true).expect("import");
    let after = app.recovery_plan().expect("plan").plan;
    assert_eq!(after.triggers, "Long drives", "what the file has is taken");
    assert_eq!(after.distractions, "The library", "what it lacks is kept");
    assert_eq!(after.safer_surroundings, "Sam keeps the rest");
    // And into an empty diary, the missing sections are simply empty.
    let fresh = tempfile::tempdir().expect("fresh");
    let (_, new_app) = open_at(fresh.path(), "2026-01-06T08:00:00Z");
    new_app.import_diary(&file, true).expect("import");
    let plan = new_app.recovery_plan().expect("plan").plan;
    assert_eq!(
        (plan.triggers.as_str(), plan.distractions.as_str()),
        ("Long drives", "")
    );
}

#[test]
fn an_import_into_a_used_diary_adds_only_what_is_new_and_keeps_the_diarys_versions() {
    let (_dir, clock, app) = rich_diary();
    let out = tempfile::tempdir().expect("out");
    let file = export(
        &app,
        out.path(),
        diary::DiaryFormat::Json,
        diary::DayRange::default(),
    );
    // The person edits an entry and changes a setting after exporting.
    let page = app.history(None, 30).expect("history");
    let Some(Entry::Checkin(c)) = page
        .days
        .iter()
        .flat_map(|d| &d.entries)
        .find(|e| matches!(e, Entry::Checkin(_)))
    else {
        panic!("a check-in");
    };
    clock.set(at("2026-01-05T20:00:00Z"));
    app.save_checkin(
        Some(c.id),
        &CheckinInput {
            day: c.day.clone(),
            mood: Some(9),
            craving: Some(1),
            note: "edited".into(),
            sleep: None,
        },
    )
    .expect("edit");
    let counts = app.import_diary(&file, false).expect("import");
    let checkins = counts
        .iter()
        .find(|c| c.label == "check-ins")
        .expect("check-ins");
    assert_eq!(
        (checkins.new, checkins.identical, checkins.different),
        (0, 3, 1)
    );
    let edited = app.history(None, 30).expect("history");
    assert!(edited
        .days
        .iter()
        .flat_map(|d| &d.entries)
        .any(|e| matches!(e, Entry::Checkin(c) if c.note == "edited")));
}

#[test]
fn a_range_exports_only_its_days_and_the_set_up() {
    let (_dir, _, app) = rich_diary();
    let out = tempfile::tempdir().expect("out");
    let range = diary::DayRange {
        from: Some("2026-01-02".into()),
        to: Some("2026-01-03".into()),
    };
    let file = export(&app, out.path(), diary::DiaryFormat::Json, range);
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("json");
    let days = |key: &str| -> Vec<String> {
        doc[key]
            .as_array()
            .expect(key)
            .iter()
            .map(|e| e["day"].as_str().expect("day").to_owned())
            .collect()
    };
    assert_eq!(days("checkins"), ["2026-01-02", "2026-01-03"]);
    assert_eq!(days("cravings"), ["2026-01-02"]);
    assert!(
        days("doses").is_empty(),
        "the dose of 2025-12-31 is outside"
    );
    assert_eq!(
        doc["taperPlans"].as_array().expect("plans").len(),
        1,
        "set-up is always there"
    );
    assert_eq!(doc["from"], "2026-01-02");
    let bad = diary::DayRange {
        from: Some("2026-01-03".into()),
        to: Some("2026-01-02".into()),
    };
    let e = app
        .export_diary(
            &out.path().join("x.json"),
            diary::DiaryFormat::Json,
            &bad,
            false,
        )
        .expect_err("backwards");
    assert_eq!(e.field(), Some("to"));
    assert!(!out.path().join("x.json").exists());
}

#[test]
fn the_csv_zip_has_one_spreadsheet_ready_file_per_kind() {
    use std::io::Read;
    let (_dir, _, app) = rich_diary();
    let out = tempfile::tempdir().expect("out");
    let file = export(
        &app,
        out.path(),
        diary::DiaryFormat::CsvZip,
        diary::DayRange::default(),
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).expect("open")).expect("a zip");
    let mut names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    names.sort();
    assert!(
        names.contains(&"checkins.csv".to_owned()) && names.contains(&"water.csv".to_owned()),
        "{names:?}"
    );
    let mut text = String::new();
    zip.by_name("checkins.csv")
        .expect("checkins")
        .read_to_string(&mut text)
        .expect("utf-8");
    assert!(
        text.starts_with("\u{feff}uuid,day,timeZone,mood,"),
        "{text}"
    );
    // Read back with a real CSV parser: the tricky note survives, made safe for a spreadsheet.
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 4);
    let note_at = headers.iter().position(|h| h == "note").expect("note");
    let recorded_at = headers
        .iter()
        .position(|h| h == "recordedAt")
        .expect("time");
    let tricky = rows
        .iter()
        .find(|r| r[note_at].contains("SUM"))
        .expect("tricky row");
    assert_eq!(
        &tricky[note_at],
        "'=SUM(A1) \"quoted\", comma; new\nline, tab\tand ünïcödé 🌱"
    );
    assert_eq!(
        &tricky[recorded_at], "2026-01-05T20:00:00+01:00",
        "local time with its offset"
    );
}

/// The documented schema in the repository is the one the code follows, and every export
/// keeps it. `UPDATE_SCHEMA=1` writes the file anew after a deliberate change.
#[test]
fn every_export_keeps_the_published_json_schema() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/diary-export.schema.json");
    let schema = diary::document::json_schema();
    let text = serde_json::to_string_pretty(&schema).expect("schema") + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &text).expect("write schema");
    }
    let published = std::fs::read_to_string(&path).expect("docs/diary-export.schema.json");
    assert_eq!(
        published, text,
        "run with UPDATE_SCHEMA=1 after changing the document"
    );

    let (_dir, _, app) = rich_diary();
    let out = tempfile::tempdir().expect("out");
    let file = export(
        &app,
        out.path(),
        diary::DiaryFormat::Json,
        diary::DayRange::default(),
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(file).expect("read")).expect("json");
    let mut problems = vec![];
    validate(&schema, &doc, "$", &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");
    // And the validator is not blind: a wrong document fails it.
    let mut wrong = doc.clone();
    wrong["checkins"][0]["mood"] = serde_json::json!(11);
    wrong["cravings"][0]["surprise"] = serde_json::json!(true);
    wrong["doses"][0]["unit"] = serde_json::json!("ounces");
    let mut problems = vec![];
    validate(&schema, &wrong, "$", &mut problems);
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

/// A small JSON Schema validator for the keywords the published schema uses, written from
/// the JSON Schema specification: type, const, enum, minimum, maximum, maxLength, pattern
/// (the anchored character-class forms used there), format date-time and date, properties,
/// required, additionalProperties, items, anyOf.
fn validate(schema: &serde_json::Value, v: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    let s = schema.as_object().expect("schema object");
    if let Some(t) = s.get("type") {
        let types: Vec<&str> = match t {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "null" => v.is_null(),
            _ => false,
        });
        if !ok {
            out.push(format!("{at}: not {types:?}"));
            return;
        }
    }
    if let Some(c) = s.get("const") {
        if c != v {
            out.push(format!("{at}: not {c}"));
        }
    }
    if let Some(Value::Array(options)) = s.get("enum") {
        if !options.contains(v) {
            out.push(format!("{at}: {v} not in enum"));
        }
    }
    if let Some(n) = v.as_i64() {
        if s.get("minimum")
            .and_then(Value::as_i64)
            .is_some_and(|m| n < m)
            || s.get("maximum")
                .and_then(Value::as_i64)
                .is_some_and(|m| n > m)
        {
            out.push(format!("{at}: {n} out of range"));
        }
    }
    if let Some(text) = v.as_str() {
        if s.get("maxLength")
            .and_then(Value::as_u64)
            .is_some_and(|m| text.chars().count() as u64 > m)
        {
            out.push(format!("{at}: too long"));
        }
        match s.get("format").and_then(Value::as_str) {
            Some("date-time") if chrono::DateTime::parse_from_rfc3339(text).is_err() => {
                out.push(format!("{at}: not a date-time"))
            }
            Some("date") if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_err() => {
                out.push(format!("{at}: not a date"))
            }
            _ => {}
        }
        if let Some(p) = s.get("pattern").and_then(Value::as_str) {
            if !matches_pattern(p, text) {
                out.push(format!("{at}: {text:?} does not match {p}"));
            }
        }
    }
    if let Some(Value::Array(any)) = s.get("anyOf") {
        let fits = any.iter().any(|alt| {
            let mut inner = vec![];
            validate(alt, v, at, &mut inner);
            inner.is_empty()
        });
        if !fits {
            out.push(format!("{at}: fits none of anyOf"));
        }
    }
    if let (Some(Value::Object(props)), Value::Object(obj)) = (s.get("properties"), v) {
        for (k, sub) in props {
            if let Some(x) = obj.get(k) {
                validate(sub, x, &format!("{at}.{k}"), out);
            }
        }
        if let Some(Value::Array(req)) = s.get("required") {
            for r in req.iter().filter_map(Value::as_str) {
                if !obj.contains_key(r) {
                    out.push(format!("{at}: missing {r}"));
                }
            }
        }
        if s.get("additionalProperties") == Some(&Value::Bool(false)) {
            for k in obj.keys().filter(|k| !props.contains_key(*k)) {
                out.push(format!("{at}: unexpected {k}"));
            }
        }
    }
    if let (Some(items), Value::Array(list)) = (s.get("items"), v) {
        for (i, x) in list.iter().enumerate() {
            validate(items, x, &format!("{at}[{i}]"), out);
        }
    }
}

/// Anchored patterns made of literal characters and `[…]` classes with an optional `{n}`.
fn matches_pattern(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern
        .trim_start_matches('^')
        .trim_end_matches('$')
        .chars()
        .collect();
    let t: Vec<char> = text.chars().collect();
    let (mut i, mut j) = (0, 0);
    while i < p.len() {
        let (class, next): (Vec<(char, char)>, usize) = if p[i] == '[' {
            let end = p[i..].iter().position(|c| *c == ']').expect("class end") + i;
            let body = &p[i + 1..end];
            let mut ranges = vec![];
            let mut k = 0;
            while k < body.len() {
                if k + 2 < body.len() && body[k + 1] == '-' {
                    ranges.push((body[k], body[k + 2]));
                    k += 3;
                } else {
                    ranges.push((body[k], body[k]));
                    k += 1;
                }
            }
            (ranges, end + 1)
        } else {
            (vec![(p[i], p[i])], i + 1)
        };
        let (times, after) = if next < p.len() && p[next] == '{' {
            let end = p[next..].iter().position(|c| *c == '}').expect("count end") + next;
            let n: usize = p[next + 1..end]
                .iter()
                .collect::<String>()
                .parse()
                .expect("count");
            (n, end + 1)
        } else {
            (1, next)
        };
        for _ in 0..times {
            match t.get(j) {
                Some(c) if class.iter().any(|(lo, hi)| lo <= c && c <= hi) => j += 1,
                _ => return false,
            }
        }
        i = after;
    }
    j == t.len()
}

#[derive(Debug, Clone)]
enum Damage {
    /// Cut off before its end.
    Truncate(usize),
    /// A field of an entry given a value no rule accepts.
    WrongType(usize, usize, usize, u8),
    NulInNote(usize),
    MoodOutOfRange(usize, i64),
    UnknownField(usize, usize),
    MissingField(usize, usize, usize),
    Nested(usize),
    /// A sleep diary with one of its figures missing.
    PartialSleep(usize),
    /// Capsules without their strength.
    CapsulesWithoutStrength,
    GarbageFirst(Vec<u8>),
    Foreign(u8),
}

/// Thousands of damaged, hostile or foreign documents: each is refused with a sentence that
/// says nothing changed, and the diary is exactly as it was.
#[test]
fn malformed_documents_are_refused_and_change_nothing() {
    use proptest::prelude::*;
    let (dir, _, app) = rich_diary();
    let out = tempfile::tempdir().expect("out");
    let file = export(
        &app,
        out.path(),
        diary::DiaryFormat::Json,
        diary::DayRange::default(),
    );
    let valid = std::fs::read(&file).expect("read");
    let doc: serde_json::Value = serde_json::from_slice(&valid).expect("json");
    let keys: Vec<String> = doc
        .as_object()
        .expect("object")
        .iter()
        .filter(|(_, v)| v.is_array())
        .map(|(k, _)| k.clone())
        .collect();
    let db = dir.path().join(DATA_FILE);
    let before = canonical_dump(&db);
    let backups = app.backups().expect("list").len();
    let damage = prop_oneof![
        (0..valid.len() - 2).prop_map(Damage::Truncate),
        (0..100usize, 0..100usize, 0..100usize, 0..4u8)
            .prop_map(|(a, b, c, d)| Damage::WrongType(a, b, c, d)),
        (0..100usize).prop_map(Damage::NulInNote),
        (
            0..100usize,
            prop_oneof![Just(-1i64), Just(11), Just(i64::MAX)]
        )
            .prop_map(|(i, m)| Damage::MoodOutOfRange(i, m)),
        (0..100usize, 0..100usize).prop_map(|(a, b)| Damage::UnknownField(a, b)),
        (0..100usize, 0..100usize, 0..100usize).prop_map(|(a, b, c)| Damage::MissingField(a, b, c)),
        (129..20_000usize).prop_map(Damage::Nested),
        (0..7usize).prop_map(Damage::PartialSleep),
        Just(Damage::CapsulesWithoutStrength),
        // Whitespace (or a byte-order mark) before a document leaves it a valid document.
        proptest::collection::vec(any::<u8>(), 1..64)
            .prop_filter("not whitespace first", |g| !b" \t\n\r\xef".contains(&g[0]))
            .prop_map(Damage::GarbageFirst),
        (0..4u8).prop_map(Damage::Foreign),
    ];
    let target = out.path().join("damaged.json");
    proptest!(ProptestConfig::with_cases(1500), |(d in damage)| {
        let mut doc = doc.clone();
        let pick = |doc: &mut serde_json::Value, k: usize, e: usize| -> serde_json::Map<String, serde_json::Value> {
            let list = doc[&keys[k % keys.len()]].as_array().expect("list");
            list[e % list.len()].as_object().expect("entry").clone()
        };
        let bytes: Vec<u8> = match &d {
            Damage::Truncate(n) => valid[..*n].to_vec(),
            Damage::GarbageFirst(g) => [g.as_slice(), &valid].concat(),
            Damage::Nested(n) => format!("{}{}", "[".repeat(*n), "]".repeat(*n)).into_bytes(),
            other => {
                match other {
                    Damage::WrongType(k, e, f, t) => {
                        let key = &keys[k % keys.len()];
                        let mut entry = pick(&mut doc, *k, *e);
                        let field = entry.keys().nth(f % entry.len()).expect("field").clone();
                        entry.insert(field, [serde_json::json!(true), serde_json::json!([]), serde_json::json!({"a": 1}), serde_json::json!(1e300)][*t as usize].clone());
                        let list = doc[key].as_array_mut().expect("list");
                        let n = list.len();
                        list[e % n] = entry.into();
                    }
                    Damage::NulInNote(e) => {
                        let list = doc["checkins"].as_array_mut().expect("list");
                        let n = list.len();
                        list[e % n]["note"] = "before\u{0}after".into();
                    }
                    Damage::MoodOutOfRange(e, m) => {
                        let list = doc["checkins"].as_array_mut().expect("list");
                        let n = list.len();
                        list[e % n]["mood"] = (*m).into();
                    }
                    Damage::UnknownField(k, e) => {
                        let key = &keys[k % keys.len()];
                        let list = doc[key].as_array_mut().expect("list");
                        let n = list.len();
                        list[e % n]["sneaky"] = "x".into();
                    }
                    Damage::MissingField(k, e, f) => {
                        let key = &keys[k % keys.len()];
                        let mut entry = pick(&mut doc, *k, *e);
                        // Only a field the published schema requires.
                        let schema = diary::document::json_schema();
                        let required: Vec<String> = schema["properties"][key]["items"]["required"]
                            .as_array()
                            .expect("required")
                            .iter()
                            .map(|v| v.as_str().expect("name").to_owned())
                            .collect();
                        let field = required[f % required.len()].clone();
                        entry.remove(&field);
                        let list = doc[key].as_array_mut().expect("list");
                        let n = list.len();
                        list[e % n] = entry.into();
                    }
                    Damage::PartialSleep(f) => {
                        let fields = ["bedAt", "lightsOffAt", "minutesToFallAsleep", "awakenings", "minutesAwakeInNight", "finalWakeAt", "outOfBedAt"];
                        let list = doc["checkins"].as_array_mut().expect("list");
                        let night = list.iter_mut().find(|c| !c["bedAt"].is_null()).expect("a night");
                        night[fields[*f]] = serde_json::Value::Null;
                    }
                    Damage::CapsulesWithoutStrength => {
                        doc["doses"][0]["unit"] = "capsules".into();
                    }
                    Damage::Foreign(w) => match w {
                        0 => doc["format"] = "someone-elses-diary".into(),
                        1 => doc["version"] = 99.into(),
                        2 => doc["checkins"] = serde_json::json!({"not": "a list"}),
                        _ => { doc.as_object_mut().expect("object").remove("cravings"); }
                    },
                    _ => unreachable!(),
                }
                serde_json::to_vec(&doc).expect("json")
            }
        };
        std::fs::write(&target, &bytes).expect("write");
        let result = app.import_diary(&target, true);
        prop_assert!(result.is_err(), "{:?} was accepted: {:?}", d, result);
        let e = result.expect_err("checked");
        prop_assert_eq!(e.kind(), ErrorKind::Invalid);
        prop_assert!(e.to_string().contains("Nothing was changed"), "{}", e);
        prop_assert_eq!(canonical_dump(&db), before.clone(), "{:?}", d);
    });
    assert_eq!(
        app.backups().expect("list").len(),
        backups,
        "a refused file costs no backup"
    );
    // A file far too large is refused before it is read.
    let huge = std::fs::File::create(&target).expect("create");
    huge.set_len(100 << 20).expect("100 MB");
    let e = app.import_diary(&target, true).expect_err("too large");
    assert!(e.to_string().contains("MB"), "{e}");
    assert_eq!(canonical_dump(&db), before);
}

/// Run by `a_kill_during_an_import_or_a_backup_leaves_the_diary_as_it_was` in a child process:
/// imports the file it is given (a backup first, then one transaction), then makes backups
/// until it is killed.
#[test]
fn child_importer() {
    let (Some(dir), Some(file)) = (
        std::env::var_os("COMPANION_CHILD_DIR"),
        std::env::var_os("COMPANION_CHILD_IMPORT"),
    ) else {
        return;
    };
    let app = Companion::open_in(Path::new(&dir), Arc::new(SystemClock)).expect("child open");
    println!("importing");
    app.import_diary(Path::new(&file), true)
        .expect("child import");
    println!("imported");
    loop {
        app.back_up(Reason::Manual).expect("child backup");
    }
}

#[test]
fn a_kill_during_an_import_or_a_backup_leaves_the_diary_as_it_was() {
    // A year of entries to import: long enough (a tenth of a second or more) to be killed in
    // the middle.
    let source = tempfile::tempdir().expect("source");
    let (_, app) = open_at(source.path(), "2026-11-25T11:00:00Z");
    let last = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("day");
    let (checkins, _) = synthetic::fill(&app, &synthetic::Spec::years(1, last)).expect("fill");
    let file = source.path().join("year.json");
    app.export_diary(
        &file,
        diary::DiaryFormat::Json,
        &diary::DayRange::default(),
        false,
    )
    .expect("export");
    let mut outcomes = std::collections::BTreeSet::new();
    for delay_ms in [0u64, 5, 15, 30, 60, 100, 3000] {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut child, mut lines) = crate::common::child(
            "ownership::child_importer",
            &[
                ("COMPANION_CHILD_DIR", dir.path().as_os_str()),
                ("COMPANION_CHILD_IMPORT", file.as_os_str()),
            ],
        );
        // The harness prints the test's name on the same line first.
        while let Some(Ok(line)) = lines.next() {
            if line.ends_with("importing") {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().expect("SIGKILL mid-import or mid-backup");
        child.wait().expect("reap");

        let (_, app) = open_at(dir.path(), "2026-11-25T12:00:00Z");
        let conn = rusqlite::Connection::open(dir.path().join(DATA_FILE)).expect("raw");
        let n: u32 = conn
            .query_row("SELECT count(*) FROM checkins", [], |r| r.get(0))
            .expect("count");
        assert!(
            n == 0 || n == checkins,
            "after {delay_ms} ms: {n} of {checkins} check-ins: half an import"
        );
        outcomes.insert(n);
        // Every listed backup is whole; a half-written one is never listed, and the next
        // backup clears what it left.
        for b in app.backups().expect("list") {
            assert!(b.counts.is_some(), "after {delay_ms} ms: {b:?}");
        }
        app.back_up(Reason::Manual)
            .expect("a backup after the kill");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
            .expect("backups")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
            .collect();
        assert!(leftovers.is_empty(), "after {delay_ms} ms: {leftovers:?}");
    }
    // Killed both before the import committed and after: the test saw each side.
    assert_eq!(outcomes.len(), 2, "{outcomes:?}");
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A German Daylio export with every quirk (byte-order mark, every field quoted, `""` in a
/// note, `<br>` and entities, two entries on a day, newest first, `8:30 pm` and `14:58`,
/// activities, scales, a label of the person's own) becomes check-ins with the mapped moods,
/// the whole note, and no craving; the same file again adds nothing.
#[test]
fn a_daylio_export_becomes_check_ins_without_a_made_up_craving() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, app) = open_at(dir.path(), "2024-03-07T08:00:00Z");
    let file = fixture("daylio-de.csv");
    let preview = app.preview_daylio(&file).expect("preview");
    assert_eq!(preview.entries, 5);
    assert_eq!(preview.new, 5);
    assert_eq!(
        (preview.first_day.as_deref(), preview.last_day.as_deref()),
        (Some("2024-03-03"), Some("2024-03-06"))
    );
    let suggested: Vec<(&str, Option<u8>)> = preview
        .labels
        .iter()
        .map(|l| (l.label.as_str(), l.value))
        .collect();
    assert!(
        suggested.contains(&("Gut", Some(7))) && suggested.contains(&("Lausig", Some(1))),
        "{suggested:?}"
    );
    assert!(suggested.contains(&("Meine eigene Stimmung", None)));

    // Without a value for the person's own label, nothing happens.
    let mut values: Vec<diary::LabelValue> = preview
        .labels
        .iter()
        .filter_map(|l| {
            l.value.map(|value| diary::LabelValue {
                label: l.label.clone(),
                value,
            })
        })
        .collect();
    let e = app
        .import_daylio(&file, &values)
        .expect_err("a label without a value");
    assert!(e.to_string().contains("Meine eigene Stimmung"), "{e}");
    assert!(app.history(None, 30).expect("history").days.is_empty());

    values.push(diary::LabelValue {
        label: "Meine eigene Stimmung".into(),
        value: 6,
    });
    assert_eq!(app.import_daylio(&file, &values).expect("import"), 5);
    let page = app.history(None, 30).expect("history");
    let checkins: Vec<CheckinView> = page
        .days
        .iter()
        .flat_map(|d| &d.entries)
        .filter_map(|e| match e {
            Entry::Checkin(c) => Some(c.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(checkins.len(), 5);
    assert!(
        checkins.iter().all(|c| c.craving.is_none()),
        "no made-up craving"
    );
    let evening = checkins
        .iter()
        .find(|c| c.day == "2024-03-06" && c.mood == 7)
        .expect("the evening entry");
    assert_eq!(
        evening.note,
        "Besser\nMit Anna telefoniert.\nSie sagte: \"Du schaffst das.\"\nTee & Kekse\nActivities: Spaziergang, Freunde\nScales: Energie: 4; Schmerz: 1"
    );
    assert_eq!(
        evening.recorded_at, "2024-03-06T21:15",
        "local time as written"
    );
    let pm = checkins
        .iter()
        .find(|c| c.day == "2024-03-05")
        .expect("8:30 pm");
    assert_eq!((pm.mood, pm.recorded_at.as_str()), (1, "2024-03-05T20:30"));
    assert!(checkins
        .iter()
        .any(|c| c.note == "Kaum geschlafen – unruhig"));
    assert!(checkins
        .iter()
        .any(|c| c.mood == 6 && c.note == "Ein, zwei <gute> Momente"));
    // The trends take the mood and leave the craving out.
    let days = app.trend_days(Range::Month).expect("days");
    assert!(days.mood_days.iter().any(|d| d.day == "2024-03-06"));

    // Editing an imported entry keeps its craving unrecorded unless the person gives one; an
    // entry of the app's own still needs one.
    let edit = |id: i64, day: &str, mood: i64, craving: Option<i64>, note: &str| {
        app.save_checkin(
            Some(id),
            &CheckinInput {
                day: day.into(),
                mood: Some(mood),
                craving,
                note: note.into(),
                sleep: None,
            },
        )
    };
    let kept = edit(pm.id, &pm.day, 2, None, "edited").expect("edit without a craving");
    assert_eq!(
        (kept.mood, kept.craving, kept.note.as_str()),
        (2, None, "edited")
    );
    assert_eq!(
        edit(pm.id, &pm.day, 2, Some(4), "edited")
            .expect("with one")
            .craving,
        Some(4)
    );
    let own = app
        .save_checkin(
            None,
            &CheckinInput {
                day: "2024-03-07".into(),
                mood: Some(5),
                craving: Some(3),
                note: String::new(),
                sleep: None,
            },
        )
        .expect("own");
    let e = edit(own.id, &own.day, 5, None, "").expect_err("the app's own entries keep a craving");
    assert_eq!(e.field(), Some("craving"));
    app.delete(EntryKind::Checkin, own.id).expect("delete");

    assert_eq!(
        app.import_daylio(&file, &values).expect("again"),
        0,
        "twice adds nothing"
    );
    assert_eq!(app.preview_daylio(&file).expect("preview").new, 0);
    assert_eq!(
        app.history(None, 30)
            .expect("history")
            .days
            .iter()
            .flat_map(|d| &d.entries)
            .count(),
        5
    );
}

#[test]
fn an_older_daylio_export_without_scales_or_titles_reads_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, app) = open_at(dir.path(), "2024-03-07T08:00:00Z");
    let file = fixture("daylio-old-en.csv");
    let preview = app.preview_daylio(&file).expect("preview");
    assert_eq!(preview.entries, 2);
    let values: Vec<diary::LabelValue> = preview
        .labels
        .iter()
        .map(|l| diary::LabelValue {
            label: l.label.clone(),
            value: l.value.expect("standard"),
        })
        .collect();
    assert_eq!(app.import_daylio(&file, &values).expect("import"), 2);
}

/// Bad Daylio files are refused with the line and the problem, and change nothing.
#[test]
fn a_bad_daylio_file_names_its_line_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, app) = open_at(dir.path(), "2024-03-07T08:00:00Z");
    note(&app, "2024-03-06", "mine");
    let db = dir.path().join(DATA_FILE);
    let before = canonical_dump(&db);
    let good = std::fs::read_to_string(fixture("daylio-old-en.csv")).expect("read");
    let header = good.lines().next().expect("header");
    let cases: Vec<(String, &str)> = vec![
        (
            format!("{header}\n2023-13-02,x,x,10:15 pm,rad,,\n"),
            "line 2",
        ),
        (format!("{header}\n2023-11-02,x,x,25:15,rad,,\n"), "line 2"),
        (
            format!("{header}\n2023-11-02,x,x,10:15 pm,rad,,\n2023-11-01,x,x,7:40 am,meh\n"),
            "line 3",
        ),
        (format!("{header}\n2023-11-02,x,x,10:15 pm,,,\n"), "line 2"),
        (
            format!("{header}\n2023-11-02,x,x,10:15 pm,rad,,\"a\u{0}b\"\n"),
            "line 2",
        ),
        (
            format!(
                "{header}\n2023-11-02,x,x,10:15 pm,rad,,\"{}\"\n",
                "x".repeat(6000)
            ),
            "line 2",
        ),
        ("name,phone\nSam,123\n".into(), "not a Daylio export"),
        (
            "{\"format\": \"recovery-companion-diary\"}".into(),
            "not a Daylio export",
        ),
    ];
    let path = dir.path().join("bad.csv");
    for (text, says) in cases {
        std::fs::write(&path, &text).expect("write");
        let e = app.preview_daylio(&path).expect_err("refused");
        assert!(
            e.to_string().contains(says) && e.to_string().contains("Nothing was changed"),
            "{e}"
        );
        let e = app
            .import_daylio(
                &path,
                &[diary::LabelValue {
                    label: "rad".into(),
                    value: 9,
                }],
            )
            .expect_err("refused");
        assert!(e.to_string().contains(says), "{e}");
    }
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x41]).expect("write");
    assert!(app.preview_daylio(&path).is_err());
    assert_eq!(canonical_dump(&db), before);
}

/// A Bearable export (columns in its own order, one of them unknown, a byte-order mark, moods
/// on 1–5, symptoms the app tracks and one it does not, sleep, notes, energy, medication)
/// becomes check-ins, symptom checks and notes; the rest is reported by category and count.
#[test]
fn a_bearable_export_brings_moods_symptoms_sleep_and_notes_and_says_what_it_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, app) = open_at(dir.path(), "2024-03-07T08:00:00Z");
    let file = fixture("bearable.csv");
    let preview = app.preview_bearable(&file).expect("preview");
    assert!(
        app.history(None, 30).expect("history").days.is_empty(),
        "a preview changes nothing"
    );
    let done = app.import_bearable(&file).expect("import");
    assert_eq!(done, preview);
    assert_eq!(
        (done.checkins, done.symptom_days, done.noted, done.already),
        (3, 2, 2, 0)
    );
    assert_eq!(done.mood_scale, "1–5, spread over 0–10");
    let skipped: Vec<(&str, u32)> = done
        .skipped
        .iter()
        .map(|s| (s.category.as_str(), s.rows))
        .collect();
    assert_eq!(
        skipped,
        [
            ("Energy", 1),
            ("Medication", 1),
            ("Sleep", 1),
            ("Symptom: Headache", 1)
        ]
    );

    let checkins: Vec<CheckinView> = app
        .history(None, 30)
        .expect("history")
        .days
        .iter()
        .flat_map(|d| d.entries.clone())
        .filter_map(|e| match e {
            Entry::Checkin(c) => Some(c),
            _ => None,
        })
        .collect();
    let mut moods: Vec<(String, u8)> = checkins.iter().map(|c| (c.day.clone(), c.mood)).collect();
    moods.sort();
    assert_eq!(
        moods,
        [
            ("2024-03-04".into(), 5),
            ("2024-03-05".into(), 3),
            ("2024-03-05".into(), 8)
        ]
    );
    assert!(checkins.iter().all(|c| c.craving.is_none()));
    let evening = checkins.iter().find(|c| c.mood == 8).expect("the evening");
    assert_eq!(
        evening.note,
        "Good talk with my sister, felt lighter\nSlept 6.5 h (from Bearable)\nWalked to the shop, no cravings on the way"
    );
    let check = app.symptom_check("2024-03-05").expect("symptoms");
    let anxiety = check
        .scores
        .iter()
        .find(|s| s.symptom == journey::Symptom::Anxiety)
        .expect("anxiety");
    assert_eq!(anxiety.score, 3, "the strongest of the day");

    let again = app.import_bearable(&file).expect("again");
    assert_eq!(
        (again.checkins, again.symptom_days, again.already),
        (0, 0, 5),
        "twice adds nothing"
    );
}

#[test]
fn a_bad_bearable_file_names_its_line_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, app) = open_at(dir.path(), "2024-03-07T08:00:00Z");
    note(&app, "2024-03-06", "mine");
    let db = dir.path().join(DATA_FILE);
    let before = canonical_dump(&db);
    let header = "date,date formatted,weekday,time of day,category,rating/amount,detail,notes";
    let path = dir.path().join("bad.csv");
    for (text, says) in [
        (
            format!("{header}\n2024-03-05,x,x,am,Mood,3,,\n2024-13-05,x,x,am,Mood,3,,\n"),
            "line 3",
        ),
        (
            format!("{header}\n2024-03-05,x,x,am,Mood,great,,\n"),
            "line 2",
        ),
        (format!("{header}\n2024-03-05,x,x,am,Mood,3\n"), "line 2"),
        (
            format!("{header}\n2024-03-05,x,x,am,Notes,,,\"a\u{0}b\"\n"),
            "line 2",
        ),
        (
            "full_date,time,mood\n2024-03-05,8:30 pm,rad\n".into(),
            "not a Bearable export",
        ),
    ] {
        std::fs::write(&path, &text).expect("write");
        let e = app.import_bearable(&path).expect_err("refused");
        assert!(
            e.to_string().contains(says) && e.to_string().contains("Nothing was changed"),
            "{e}"
        );
    }
    assert_eq!(canonical_dump(&db), before);
}

/// Thousands of damaged Daylio and Bearable files (cut short, bytes changed, lines doubled or
/// dropped, bytes of another encoding): each is read whole or refused; a refused one changes
/// nothing, and none is half imported.
#[test]
fn damaged_tracker_files_are_imported_whole_or_not_at_all() {
    use proptest::prelude::*;
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, app) = open_at(dir.path(), "2024-03-07T08:00:00Z");
    note(&app, "2024-03-06", "mine");
    let db = dir.path().join(DATA_FILE);
    let daylio = std::fs::read(fixture("daylio-de.csv")).expect("daylio");
    let bearable = std::fs::read(fixture("bearable.csv")).expect("bearable");
    let target = dir.path().join("damaged.csv");
    let values: Vec<diary::LabelValue> = [
        "Gut",
        "Schlecht",
        "Lausig",
        "Meine eigene Stimmung",
        "Super",
    ]
    .iter()
    .map(|l| diary::LabelValue {
        label: (*l).into(),
        value: 5,
    })
    .collect();
    let count = |table: &str| -> i64 {
        rusqlite::Connection::open(&db)
            .expect("raw")
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count")
    };
    let damage = (
        any::<bool>(),
        0usize..6,
        any::<prop::sample::Index>(),
        proptest::collection::vec(any::<u8>(), 1..8),
    );
    proptest!(ProptestConfig::with_cases(1000), |((is_daylio, how, at, bytes) in damage)| {
        let source = if is_daylio { &daylio } else { &bearable };
        let i = at.index(source.len());
        let lines: Vec<&[u8]> = source.split(|b| *b == b'\n').collect();
        let l = at.index(lines.len());
        let damaged: Vec<u8> = match how {
            0 => source[..i].to_vec(),
            1 => [&source[..i], bytes.as_slice(), &source[i..]].concat(),
            2 => { let mut d = source.clone(); d[i] ^= bytes[0] | 1; d }
            3 => { let mut ls = lines.clone(); ls.insert(l, lines[l]); ls.join(&b'\n') }
            4 => { let mut ls = lines.clone(); ls.remove(l); ls.join(&b'\n') }
            _ => source.iter().flat_map(|b| [*b, 0]).collect(),
        };
        std::fs::write(&target, &damaged).expect("write");
        let before = canonical_dump(&db);
        let (checkins, checks) = (count("checkins"), count("symptom_checks"));
        let result = if is_daylio {
            app.import_daylio(&target, &values).map(|n| (i64::from(n), 0))
        } else {
            app.import_bearable(&target).map(|c| (i64::from(c.checkins), i64::from(c.symptom_days)))
        };
        match result {
            Err(e) => {
                prop_assert!(e.to_string().contains("Nothing was changed"), "{}", e);
                prop_assert_eq!(canonical_dump(&db), before);
            }
            Ok((added, days)) => {
                // Whole: exactly what it says it added, nothing more.
                prop_assert_eq!(count("checkins"), checkins + added);
                prop_assert_eq!(count("symptom_checks"), checks + days);
            }
        }
    });
}
