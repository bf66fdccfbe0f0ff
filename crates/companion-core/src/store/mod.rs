//! The SQLite store: opening a file safely (integrity first, then WAL, full sync, foreign keys),
//! the append-only migrations, and one file of SQL per table.

pub mod backup;
pub(crate) mod checkins;
pub mod cipher;
pub mod conversion;
pub(crate) mod cravings;
pub(crate) mod settings;
pub(crate) mod sync;
pub(crate) mod table;

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};
use crate::model::EntryKind;

/// Written into the file header so the app can tell its own files from any other SQLite file.
pub const APPLICATION_ID: i32 = 0x4B52_4331; // "KRC1"

/// Every migration, in order. Append only: a landed migration is never edited.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_reminders.sql"),
    include_str!("../../migrations/0003_journey.sql"),
    include_str!("../../migrations/0004_taper_end.sql"),
    include_str!("../../migrations/0005_live_views.sql"),
    include_str!("../../migrations/0006_uuids.sql"),
    include_str!("../../migrations/0007_craving_optional.sql"),
    include_str!("../../migrations/0008_discreet.sql"),
    include_str!("../../migrations/0009_checkups.sql"),
    include_str!("../../migrations/0010_safety_plan.sql"),
    include_str!("../../migrations/0011_checkup_reminder.sql"),
    include_str!("../../migrations/0012_quick_checkups.sql"),
    include_str!("../../migrations/0013_sync.sql"),
    include_str!("../../migrations/0014_sync_versions.sql"),
    include_str!("../../migrations/0015_sync_last_change.sql"),
    include_str!("../../migrations/0016_sync_keys.sql"),
];

/// Waits, once per process, until SQLCipher has finished setting itself up. SQLite marks
/// itself initialised before SQLCipher's own set-up registers `sqlcipher_export` for new
/// connections, so a connection another thread opens in that moment lacks it (backups and
/// conversions then fail with "no such function"; seen once in parallel tests). Every
/// connection the core opens comes after this.
pub(crate) fn sqlite_ready() {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| {
        for _ in 0..400 {
            let has_export = Connection::open_in_memory()
                .and_then(|c| {
                    c.query_row(
                        "SELECT count(*) FROM pragma_function_list WHERE name = 'sqlcipher_export'",
                        [],
                        |r| r.get::<_, i64>(0),
                    )
                })
                .is_ok_and(|n| n > 0);
            if has_export {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    });
}

pub fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// Opens (or creates) the data file at `path` and brings its schema up to date, after a
/// backup (in [`backup::dir_of`]) of a file an older version wrote. An encrypted file needs
/// its passphrase as `key`; a plain one needs `None`.
///
/// A file that is not ours, is damaged, is locked, or comes from a newer version is refused
/// before anything is written to it.
pub fn open(
    path: &Path,
    key: Option<&cipher::Passphrase>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Connection> {
    let damaged = |detail: String| Error::Damaged {
        path: path.display().to_string(),
        detail,
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    sqlite_ready();
    let mut conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    cipher::key(&conn, key)?;

    // Read-only checks first: nothing below may write to a file we do not trust.
    let checked: rusqlite::Result<(String, i32, i64, i64)> = (|| {
        let quick: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((quick, app_id, version, tables))
    })();
    let (quick, app_id, version, tables) = checked.map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
            ) =>
        {
            if let Some(key) = key {
                // An encrypted page that fails its check: the passphrase is wrong, or the file
                // is damaged. SQLCipher cannot tell which; the passphrase checks beside the
                // diary can (see `conversion`).
                match conversion::refusal(path, key, now) {
                    conversion::Refusal::Damaged => damaged(
                        "your passphrase is the right one, but the diary file itself is \
                         damaged."
                            .into(),
                    ),
                    conversion::Refusal::Replaced(ago) => {
                        Error::invalid("passphrase", conversion::replaced_sentence(ago))
                    }
                    conversion::Refusal::Wrong => wrong_passphrase(),
                }
            } else if cipher::looks_encrypted(path) {
                Error::Locked
            } else {
                damaged("it is damaged or is not a database.".into())
            }
        }
        other => Error::Storage(other),
    })?;
    if quick != "ok" {
        return Err(damaged("its integrity check found damage.".into()));
    }
    let fresh = tables == 0 && version == 0;
    let latest = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
    // Versions before this one wrote the id after the migrations, so a crash in between left
    // our own schema without it: recognised by its tables, and given its id back below.
    let ours_without_id = app_id == 0 && (1..=latest).contains(&version) && our_schema(&conn)?;
    if !fresh && app_id != APPLICATION_ID && !ours_without_id {
        return Err(damaged(
            "it is a database, but not one written by Recovery Companion.".into(),
        ));
    }
    if version > latest {
        return Err(Error::TooNew);
    }
    // Trusted from here on. Only this account may read the diary (and its WAL and shared
    // memory, which SQLite creates with the file's permissions).
    private_file(path)?;
    // The id goes first, before any table: a crash after it leaves an empty file that is
    // still ours, never a schema without an id.
    if fresh || ours_without_id {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }

    // WAL lets reads go on during a write; FULL sync makes a reported save survive a power
    // cut, not only a killed process; secure_delete overwrites deleted notes on disk.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Migration(format!("journal mode stayed {mode}")));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;",
    )?;
    if !fresh && version < latest {
        backup::make(
            &conn,
            &backup::dir_of(path),
            backup::Reason::BeforeUpdate,
            now,
        )?;
    }
    migrate(&mut conn)?;
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        private_file(Path::new(&side))?;
    }
    Ok(conn)
}

/// What a passphrase that does not open the diary gets.
pub(crate) fn wrong_passphrase() -> Error {
    Error::invalid(
        "passphrase",
        "That passphrase does not open this diary. Nothing was changed; please try again \
         (capital letters count).",
    )
}

/// Brings the schema of `conn` up to date, all of it or none.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    migrations()
        .to_latest(conn)
        .map_err(|e| Error::Migration(e.to_string()))
}

/// Whether the file holds this app's own tables: a check-in table with its mood and sleep
/// columns and a craving table, as the first migration made them.
fn our_schema(conn: &Connection) -> Result<bool> {
    let columns = |table: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
        let names = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    };
    let checkins = columns("checkins")?;
    let cravings = columns("cravings")?;
    let has = |cols: &[String], want: &[&str]| want.iter().all(|w| cols.iter().any(|c| c == w));
    Ok(has(
        &checkins,
        &[
            "day",
            "mood",
            "craving",
            "bed_at",
            "sleep_quality",
            "deleted_at",
        ],
    ) && has(
        &cravings,
        &["at", "tz", "day", "intensity", "context", "deleted_at"],
    ))
}

/// Makes a file readable and writable by this account only (`0600`), when it exists. On
/// systems without Unix permissions the app-data folder's own protection applies.
pub(crate) fn private_file(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.permissions().mode() & 0o777 != 0o600 {
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Creates the data folder for this account only (`0700`), or repairs one that is open to
/// others.
pub(crate) fn private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

/// The table holding entries of `kind`. Entry tables share `tz` and `deleted_at`.
fn table(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Checkin => "checkins",
        EntryKind::Craving => "cravings",
        EntryKind::Dose => "doses",
    }
}

/// The distinct local days with an entry of `kind` before `before`, newest first, at most
/// `limit`.
pub(crate) fn days_before(
    conn: &Connection,
    kind: EntryKind,
    before: &str,
    limit: u32,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT day FROM live_{} WHERE day < ?1 ORDER BY day DESC LIMIT ?2",
        table(kind)
    ))?;
    let days = stmt
        .query_map(rusqlite::params![before, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(days)
}

/// The first local day with an entry of `kind`, if any.
pub(crate) fn first_day(conn: &Connection, kind: EntryKind) -> Result<Option<String>> {
    Ok(conn.query_row(
        &format!("SELECT min(day) FROM live_{}", table(kind)),
        [],
        |r| r.get(0),
    )?)
}

/// The IANA zone a live entry was recorded in.
pub(crate) fn zone_of(conn: &Connection, kind: EntryKind, id: i64) -> Result<String> {
    use rusqlite::OptionalExtension;
    conn.query_row(
        &format!("SELECT tz FROM live_{} WHERE id = ?", table(kind)),
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(Error::NotFound)
}

/// Marks an entry deleted (`Some(now)`) or brings it back (`None`).
pub(crate) fn set_deleted(
    conn: &Connection,
    kind: EntryKind,
    id: i64,
    deleted_at: Option<i64>,
) -> Result<()> {
    let n = conn
        .execute(
            &format!(
                "UPDATE {} SET deleted_at = ?2 WHERE id = ?1 AND (deleted_at IS NULL) = (?2 IS NOT NULL)",
                table(kind)
            ),
            rusqlite::params![id, deleted_at],
        )
        // Bringing back a check-in can meet the one-diary-per-night rule.
        .map_err(checkins::sleep_diary_taken)?;
    if n == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}

/// Removes for good every entry deleted before `before`.
pub(crate) fn purge_deleted(conn: &Connection, before: i64) -> Result<()> {
    for kind in [EntryKind::Checkin, EntryKind::Craving, EntryKind::Dose] {
        conn.execute(
            &format!(
                "DELETE FROM {} WHERE deleted_at IS NOT NULL AND deleted_at < ?",
                table(kind)
            ),
            [before],
        )?;
    }
    Ok(())
}

/// Maps a unique-index violation to the sentence the person should see.
pub(crate) fn unique_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn once_ready_every_new_connection_has_sqlcipher_export() {
        sqlite_ready();
        let threads: Vec<_> = (0..8)
            .map(|_| {
                std::thread::spawn(|| {
                    let c = Connection::open_in_memory().expect("open");
                    c.query_row(
                        "SELECT count(*) FROM pragma_function_list WHERE name = 'sqlcipher_export'",
                        [],
                        |r| r.get::<_, i64>(0),
                    )
                    .expect("function list")
                })
            })
            .collect();
        for t in threads {
            assert_eq!(t.join().expect("thread"), 1);
        }
    }

    /// Every Rust source file of the core.
    fn source_files() -> Vec<std::path::PathBuf> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).expect("src") {
                let p = e.expect("entry").path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = vec![];
        walk(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
            &mut files,
        );
        files
    }

    /// Each table's writes are in its feature's store file (`store/*.rs`, `<feature>/store.rs`):
    /// no other file inserts, updates or deletes rows. The import writes every kind through
    /// `store/table.rs`, from the kinds each store file declares.
    #[test]
    fn rows_are_written_only_by_their_store_files() {
        let src = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
        let files = source_files();
        // Code without its tests (which may write rows as they like) and comments.
        let code = |text: &str| -> String {
            text.split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap_or_default()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let writes = |code: &str| {
            code.contains("INSERT INTO ")
                || code.contains("DELETE FROM ")
                || code.match_indices("UPDATE ").any(|(i, _)| {
                    code[i..]
                        .lines()
                        .next()
                        .is_some_and(|l| l.contains(" SET "))
                })
        };
        let mut writers = 0;
        for f in files {
            let relative = f.strip_prefix(src).expect("under src");
            let owner = relative.starts_with("store") || relative.ends_with("store.rs");
            let code = code(&std::fs::read_to_string(&f).expect("read"));
            if owner {
                writers += usize::from(writes(&code));
            } else if writes(&code) {
                panic!(
                    "{} writes rows itself; its table's store file should",
                    relative.display()
                );
            }
        }
        assert!(writers >= 5, "only {writers} store files write");
    }

    /// Each `live_*` view is read only by the file that owns its table; others call its
    /// functions. (That reads go through the views at all is checked at run time, by SQLite:
    /// `live_views::every_read_goes_through_the_live_views`.)
    #[test]
    fn each_live_view_is_read_only_by_its_owner() {
        let files = source_files();
        assert!(files.len() > 20);
        // Each entry table is read by SQL in its owner's file only; others call its functions.
        let owners = [
            ("live_checkins", "store/checkins.rs"),
            ("live_cravings", "store/cravings.rs"),
            ("live_doses", "journey/store.rs"),
        ];
        for f in files {
            let text = std::fs::read_to_string(&f).expect("read");
            for (view, owner) in owners {
                if text.contains(&format!("FROM {view}")) {
                    assert!(
                        f.ends_with(owner) || f.ends_with("store/mod.rs"),
                        "{} reads {view}; only {owner} may",
                        f.display()
                    );
                }
            }
        }
    }

    #[test]
    fn migrations_validate() {
        migrations()
            .validate()
            .expect("the migration chain applies cleanly");
    }

    #[test]
    fn migration_count_matches_user_version() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = open(&dir.path().join("db.sqlite3"), None, chrono::Utc::now()).expect("open");
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(v, i64::try_from(MIGRATIONS.len()).expect("small"));
    }

    #[test]
    fn pragmas_are_set() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = open(&dir.path().join("db.sqlite3"), None, chrono::Utc::now()).expect("open");
        let get = |p: &str| -> i64 {
            conn.query_row(&format!("PRAGMA {p}"), [], |r| r.get(0))
                .expect(p)
        };
        assert_eq!(get("synchronous"), 2, "FULL");
        assert_eq!(get("foreign_keys"), 1);
        assert_eq!(get("secure_delete"), 1);
        assert_eq!(get("application_id"), i64::from(APPLICATION_ID));
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "wal");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_left_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("db.sqlite3");
        let junk = b"this is a shopping list, not a database\n".repeat(200);
        std::fs::write(&path, &junk).expect("write");
        let e = open(&path, None, chrono::Utc::now()).expect_err("damaged");
        assert_eq!(e.kind(), crate::ErrorKind::Damaged, "{e}");
        assert_eq!(std::fs::read(&path).expect("read"), junk);
        assert!(!dir.path().join("db.sqlite3-wal").exists());
    }

    #[test]
    fn another_apps_database_is_refused_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("other.sqlite3");
        {
            let c = Connection::open(&path).expect("open");
            c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
                .expect("create");
        }
        let before = std::fs::read(&path).expect("read");
        let e = open(&path, None, chrono::Utc::now()).expect_err("foreign");
        assert_eq!(e.kind(), crate::ErrorKind::Damaged, "{e}");
        assert!(
            e.to_string()
                .contains("not one written by Recovery Companion"),
            "{e}"
        );
        assert_eq!(std::fs::read(&path).expect("read"), before);
    }

    #[test]
    fn a_file_from_a_newer_version_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("db.sqlite3");
        drop(open(&path, None, chrono::Utc::now()).expect("create"));
        {
            let c = Connection::open(&path).expect("open");
            c.pragma_update(None, "user_version", 99).expect("bump");
        }
        assert_eq!(
            open(&path, None, chrono::Utc::now())
                .expect_err("newer")
                .kind(),
            crate::ErrorKind::TooNew
        );
    }

    #[test]
    fn a_corrupted_page_is_detected() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("db.sqlite3");
        {
            let c = open(&path, None, chrono::Utc::now()).expect("create");
            c.execute_batch(
                "INSERT INTO cravings (at, tz, day, intensity, context, recorded_at, updated_at)
                 SELECT 1700000000 + value, 'UTC', '2026-01-01', 5, printf('%0500d', value), 0, 0
                 FROM generate_series(1, 400);
                 PRAGMA wal_checkpoint(TRUNCATE);",
            )
            .unwrap_or_else(|_| {
                // generate_series is not in every SQLite build; fill with a recursive CTE.
                c.execute_batch(
                    "WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 400)
                     INSERT INTO cravings (at, tz, day, intensity, context, recorded_at, updated_at)
                     SELECT 1700000000 + v, 'UTC', '2026-01-01', 5, printf('%0500d', v), 0, 0 FROM n;
                     PRAGMA wal_checkpoint(TRUNCATE);",
                )
                .expect("fill");
            });
        }
        // Scribble over the middle of the file, where table and index pages live.
        let mut bytes = std::fs::read(&path).expect("read");
        let mid = bytes.len() / 2;
        for b in &mut bytes[mid..mid + 4096] {
            *b = 0x5A;
        }
        std::fs::write(&path, &bytes).expect("write");
        let e = open(&path, None, chrono::Utc::now()).expect_err("corrupt");
        assert_eq!(e.kind(), crate::ErrorKind::Damaged, "{e}");
        assert_eq!(std::fs::read(&path).expect("read"), bytes);
    }
}
