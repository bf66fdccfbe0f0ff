//! Backups of the diary in a `backups/` folder beside it: written whole through the open
//! connection (never a file copy, which would miss what is still in the WAL), under the
//! diary's own key when it is encrypted, checked after writing, kept in rotation, listed with
//! what they hold, and put back.
//!
//! A backup is made once a day while the app runs, before every schema migration, before a
//! restore and before an import. Daily backups are kept 7 days, 4 weeks and 12 months back
//! (the newest of each day, week and month); the backups made before a change keep their
//! newest few.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, TimeZone, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::cipher::{self, Keying, Passphrase};
use crate::store::{private_dir, private_file, APPLICATION_ID, MIGRATIONS};

/// The folder beside the data file.
pub const BACKUP_DIR: &str = "backups";

const KEEP_DAILY: usize = 7;
const KEEP_WEEKLY: usize = 4;
const KEEP_MONTHLY: usize = 12;
/// Backups made by hand, or before a migration, a restore or an import: the newest of each.
const KEEP_BEFORE_CHANGE: usize = 5;

/// Why a backup was made; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Reason {
    Daily,
    BeforeUpdate,
    BeforeRestore,
    BeforeImport,
    /// Asked for by the person.
    Manual,
}

impl Reason {
    const ALL: [Reason; 5] = [
        Reason::Daily,
        Reason::BeforeUpdate,
        Reason::BeforeRestore,
        Reason::BeforeImport,
        Reason::Manual,
    ];

    fn slug(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::BeforeUpdate => "before-update",
            Reason::BeforeRestore => "before-restore",
            Reason::BeforeImport => "before-import",
            Reason::Manual => "manual",
        }
    }
}

/// How many entries of each kind a backup holds, so the person can tell them apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EntryCounts {
    pub checkins: u32,
    pub cravings: u32,
    pub doses: u32,
    pub symptom_checks: u32,
}

/// One backup in the list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BackupInfo {
    /// The file name inside `backups/`: what a restore names.
    pub name: String,
    /// When it was made, RFC 3339 in UTC; the UI shows it in local time.
    pub made_at: String,
    pub reason: Reason,
    #[cfg_attr(test, ts(type = "number"))]
    pub size_bytes: u64,
    /// `None` when the file failed its check under the passphrase in force.
    pub counts: Option<EntryCounts>,
    /// It was written under another key than the diary's (a passphrase from before a change,
    /// or while encryption was on or off): it opens only with the passphrase it was made
    /// with, which restoring it asks for. `false` with no counts: it is damaged.
    pub earlier_passphrase: bool,
}

/// The backups folder of the data file at `data_file`.
pub fn dir_of(data_file: &Path) -> PathBuf {
    data_file
        .parent()
        .unwrap_or(Path::new("."))
        .join(BACKUP_DIR)
}

fn file_name(at: DateTime<Utc>, reason: Reason) -> String {
    format!(
        "diary-{}-{}.sqlite3",
        at.format("%Y%m%dT%H%M%SZ"),
        reason.slug()
    )
}

/// Reads a backup's time and reason back from its name; `None` for any other file.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, Reason)> {
    let rest = name.strip_prefix("diary-")?.strip_suffix(".sqlite3")?;
    let (stamp, slug) = rest.split_once('-')?;
    let at = NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ").ok()?;
    let reason = Reason::ALL.into_iter().find(|r| r.slug() == slug)?;
    Some((Utc.from_utc_datetime(&at), reason))
}

/// Copies the open diary `conn` into a new checked backup in `dir`, then prunes old ones.
pub fn make(
    conn: &Connection,
    dir: &Path,
    reason: Reason,
    now: DateTime<Utc>,
) -> Result<BackupInfo> {
    private_dir(dir)?;
    // Two backups in one second (a restore right after an import) get distinct names.
    let mut at = now;
    while dir.join(file_name(at, reason)).exists() {
        at += chrono::Duration::seconds(1);
    }
    let path = dir.join(file_name(at, reason));
    write_whole(conn, "main", dir, &path)?;
    prune(dir, &path)?;
    info(conn, &path, None)
        .ok_or_else(|| Error::Migration("the new backup could not be read back".into()))
}

/// Reads the backup at `path` through `conn` (attached as `keying` says, never written to)
/// and checks that it is whole and ours; its counts.
pub(crate) fn counts(conn: &Connection, path: &Path, keying: Keying) -> Result<EntryCounts> {
    cipher::attach(conn, path, "checked", keying)?;
    let counted = counts_in(conn, "checked").map_err(|detail| Error::Damaged {
        path: path.display().to_string(),
        detail,
    });
    cipher::detach(conn, "checked")?;
    counted
}

/// Checks the database `schema` of `conn` as [`counts`] does; what is wrong, if anything.
pub(crate) fn counts_in(conn: &Connection, schema: &str) -> Result<EntryCounts, String> {
    let bad = |detail: &str| detail.to_owned();
    let checked = (|| -> rusqlite::Result<_> {
        let quick: String =
            conn.query_row(&format!("PRAGMA {schema}.quick_check"), [], |r| r.get(0))?;
        let app_id: i32 =
            conn.query_row(&format!("PRAGMA {schema}.application_id"), [], |r| r.get(0))?;
        let version: i64 =
            conn.query_row(&format!("PRAGMA {schema}.user_version"), [], |r| r.get(0))?;
        Ok((quick, app_id, version))
    })();
    let Ok((quick, app_id, version)) = checked else {
        return Err(bad("it is damaged or is not a database."));
    };
    if quick != "ok" {
        return Err(bad("its integrity check found damage."));
    }
    if app_id != APPLICATION_ID {
        return Err(bad("it was not written by Recovery Companion."));
    }
    if version < 1 || version > i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX) {
        return Err(bad(
            "it comes from a version of the app this one cannot read.",
        ));
    }
    count_rows(conn, schema, version).ok_or_else(|| bad("it is damaged or is not a database."))
}

/// The live entries of each kind in the database `schema` of `conn`, of schema `version`.
fn count_rows(conn: &Connection, schema: &str, version: i64) -> Option<EntryCounts> {
    let count = |table: &str| -> Option<u32> {
        // Soft-deleted rows are waiting to be purged; they do not count.
        let deleted = if table == "symptom_checks" {
            ""
        } else {
            " WHERE deleted_at IS NULL"
        };
        conn.query_row(
            &format!("SELECT count(*) FROM {schema}.{table}{deleted}"),
            [],
            |r| r.get(0),
        )
        .ok()
    };
    Some(EntryCounts {
        checkins: count("checkins")?,
        cravings: count("cravings")?,
        doses: if version >= 3 { count("doses")? } else { 0 },
        symptom_checks: if version >= 3 {
            count("symptom_checks")?
        } else {
            0
        },
    })
}

/// What a damaged database `schema` of `conn` still shows of its entries, read without
/// checking it first: as far as the damage allows, `None` if not at all.
pub(crate) fn counts_readable(conn: &Connection, schema: &str) -> Option<EntryCounts> {
    let version: i64 = conn
        .query_row(&format!("PRAGMA {schema}.user_version"), [], |r| r.get(0))
        .ok()?;
    count_rows(conn, schema, version)
}

/// A backup at `path`, read through `conn` (keyed as the diary, see [`list`]); `salt`, the
/// salt in force ([`cipher::salt_in_force`]).
fn info(conn: &Connection, path: &Path, salt: Option<[u8; 16]>) -> Option<BackupInfo> {
    let name = path.file_name()?.to_str()?.to_owned();
    let (at, reason) = parse_name(&name)?;
    let size_bytes = std::fs::metadata(path).ok()?.len();
    let counts = counts(conn, path, Keying::Diary).ok();
    let earlier_passphrase = counts.is_none() && under_other_key(path, salt);
    Some(BackupInfo {
        made_at: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        reason,
        size_bytes,
        counts,
        earlier_passphrase,
        name,
    })
}

/// Whether a backup that failed its check was written under another key than the one in
/// force (rather than damaged): an encrypted backup of a plain diary, or one whose salt is
/// not the key's.
fn under_other_key(backup: &Path, salt: Option<[u8; 16]>) -> bool {
    if cipher::plain_header(backup) {
        return false;
    }
    match salt {
        None => true,
        Some(salt) => cipher::salt_of(backup).is_some_and(|head| head != salt),
    }
}

/// Every backup of the data file at `data_file`, newest first, each checked through `conn`,
/// which is keyed as the diary (its own connection, or one on the passphrase check).
pub(crate) fn list(data_file: &Path, conn: &Connection) -> Result<Vec<BackupInfo>> {
    let dir = dir_of(data_file);
    let salt = cipher::salt_in_force(data_file);
    let mut out: Vec<BackupInfo> = names(&dir)?
        .into_iter()
        .filter_map(|(name, _, _)| info(conn, &dir.join(name), salt))
        .collect();
    // `made_at` is RFC 3339 in UTC to the second: as text it sorts as time does.
    out.sort_by(|a, b| (&b.made_at, &b.name).cmp(&(&a.made_at, &a.name)));
    Ok(out)
}

/// The file names of the backups in `dir`.
pub(crate) fn file_names(dir: &Path) -> Result<Vec<String>> {
    Ok(names(dir)?.into_iter().map(|(n, _, _)| n).collect())
}

/// The backups in `dir` by name, time and reason; a missing folder has none.
fn names(dir: &Path) -> Result<Vec<(String, DateTime<Utc>, Reason)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(e.into()),
    };
    Ok(entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| parse_name(&n).map(|(at, r)| (n, at, r)))
        .collect())
}

/// The names to keep among `all`: the rotation above. Pure, so it is tested on its own.
fn keep(all: &[(String, DateTime<Utc>, Reason)]) -> BTreeSet<String> {
    let mut sorted: Vec<_> = all.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    let mut kept = BTreeSet::new();
    let daily: Vec<_> = sorted.iter().filter(|b| b.2 == Reason::Daily).collect();
    // The newest backup of each of the last N distinct days, weeks and months.
    let mut newest_of = |period: &dyn Fn(DateTime<Utc>) -> (i32, u32), n: usize| {
        let mut seen = BTreeSet::new();
        for b in &daily {
            if seen.len() == n && !seen.contains(&period(b.1)) {
                break;
            }
            if seen.insert(period(b.1)) {
                kept.insert(b.0.clone());
            }
        }
    };
    newest_of(&|t| (t.year(), t.ordinal()), KEEP_DAILY);
    newest_of(
        &|t| {
            let w = t.iso_week();
            (w.year(), w.week())
        },
        KEEP_WEEKLY,
    );
    newest_of(&|t| (t.year(), t.month()), KEEP_MONTHLY);
    for reason in Reason::ALL.into_iter().filter(|r| *r != Reason::Daily) {
        kept.extend(
            sorted
                .iter()
                .filter(|b| b.2 == reason)
                .take(KEEP_BEFORE_CHANGE)
                .map(|b| b.0.clone()),
        );
    }
    kept
}

/// Removes the backups the rotation no longer keeps, and what a backup killed half-way left.
/// The backup `just_made` stays whatever its name says (a clock set back can make it look old).
fn prune(dir: &Path, just_made: &Path) -> Result<()> {
    clear_partials(dir)?;
    let all = names(dir)?;
    let kept = keep(&all);
    for (name, _, _) in all {
        if !kept.contains(&name) && just_made.file_name() != Some(std::ffi::OsStr::new(&name)) {
            std::fs::remove_file(dir.join(name))?;
        }
    }
    Ok(())
}

/// Removes what a backup killed half-way left in `dir` (a missing folder has nothing).
pub(crate) fn clear_partials(dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // With its rollback journal, if SQLite had one open when the write was cut.
        if name.starts_with(".diary-")
            && (name.ends_with(".partial") || name.ends_with(".partial-journal"))
        {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Whether a daily backup is due: none yet today (UTC), or none at all.
pub fn daily_due(dir: &Path, now: DateTime<Utc>) -> Result<bool> {
    Ok(!names(dir)?
        .iter()
        .any(|(_, at, r)| *r == Reason::Daily && at.date_naive() == now.date_naive()))
}

/// The path of the backup `name` in `dir`, refusing anything but a plain backup name, and
/// checked (through `conn`, as `keying` says) to be whole and ours.
pub(crate) fn checked(
    dir: &Path,
    name: &str,
    conn: &Connection,
    keying: Keying,
) -> Result<PathBuf> {
    if parse_name(name).is_none() || name.contains(['/', '\\']) {
        return Err(Error::invalid(
            "backup",
            "That is not one of the app's backups.",
        ));
    }
    let path = dir.join(name);
    if !path.is_file() {
        return Err(Error::invalid(
            "backup",
            "That backup is no longer there. Nothing was changed.",
        ));
    }
    counts(conn, &path, keying).map_err(|e| {
        Error::invalid(
            "backup",
            format!("That backup cannot be used: {e} Nothing was changed."),
        )
    })?;
    Ok(path)
}

/// Replaces the content of the open diary `conn` with the backup at `from`, in one step that
/// other readers see whole. The caller brings the schema up to date afterwards. `key` is the
/// diary's passphrase, which its backups share.
pub(crate) fn restore_into(
    conn: &mut Connection,
    from: &Path,
    key: Option<&Passphrase>,
) -> Result<()> {
    let src = open_read_only(from, key)?;
    let backup = Backup::new(&src, conn)?;
    match backup.step(-1)? {
        StepResult::Done => Ok(()),
        other => Err(Error::Migration(format!(
            "the restore did not complete ({other:?})"
        ))),
    }
}

/// Puts the backup at `from` in place of a data file that could not be opened, keeping the
/// damaged file (and its WAL) in the backups folder. Used when there is no open diary to
/// restore into. Each step leaves a file the app can open or the damaged one as it was.
///
/// The backup is copied byte for byte: it is a whole, checked file, and so the restored diary
/// keeps the salt its backups and its passphrase check share.
pub(crate) fn replace_damaged(data_file: &Path, from: &Path, now: DateTime<Utc>) -> Result<()> {
    let dir = dir_of(data_file);
    private_dir(&dir)?;
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let partial = data_file.with_extension("sqlite3.restoring");
    let _ = std::fs::remove_file(&partial);
    std::fs::copy(from, &partial)?;
    private_file(&partial)?;
    std::fs::File::open(&partial)?.sync_all()?;
    // The damaged file is kept as it was, not as a backup: it cannot be checked.
    for suffix in ["", "-wal", "-shm"] {
        let mut side = data_file.as_os_str().to_owned();
        side.push(suffix);
        let side = PathBuf::from(side);
        if side.exists() {
            let kept = dir.join(format!("damaged-{stamp}.sqlite3{suffix}"));
            std::fs::copy(&side, &kept)?;
            private_file(&kept)?;
            if !suffix.is_empty() {
                // A WAL left beside the restored file would be replayed into it.
                std::fs::remove_file(&side)?;
            }
        }
    }
    std::fs::rename(&partial, data_file)?;
    #[cfg(unix)]
    if let Some(parent) = data_file.parent() {
        std::fs::File::open(parent)?.sync_all()?;
    }
    Ok(())
}

/// For a diary from before the passphrase check: whether `key` opens a backup that shares the
/// diary's salt. Such a backup was written under the diary's key, so then `key` is the
/// diary's, and a diary it does not open is damaged.
pub(crate) fn shares_salt_and_opens(data_file: &Path, key: &Passphrase) -> bool {
    let Some(salt) = cipher::salt_of(data_file) else {
        return false;
    };
    let Ok(mut all) = names(&dir_of(data_file)) else {
        return false;
    };
    all.sort_by_key(|b| std::cmp::Reverse(b.1));
    all.iter()
        .map(|(name, _, _)| dir_of(data_file).join(name))
        .filter(|p| cipher::salt_of(p) == Some(salt))
        .take(3)
        .any(|p| open_read_only(&p, Some(key)).is_ok_and(|c| cipher::reads(&c)))
}

/// Writes the backup `name` in `dir`, made under an earlier passphrase (`earlier`; `None`: a
/// plain one), again under the key of `conn`'s diary, in place of the old file once whole:
/// then it can be restored like any other.
pub(crate) fn rekey_one(
    conn: &Connection,
    dir: &Path,
    name: &str,
    earlier: Option<&Passphrase>,
) -> Result<()> {
    if parse_name(name).is_none() || name.contains(['/', '\\']) {
        return Err(Error::invalid(
            "backup",
            "That is not one of the app's backups.",
        ));
    }
    let path = dir.join(name);
    let keying = earlier.map_or(Keying::Plain, Keying::With);
    if counts(conn, &path, keying).is_err() {
        return Err(Error::invalid(
            "earlierPassphrase",
            "That passphrase does not open this backup. Nothing was changed; please try \
             another one you used before (capital letters count).",
        ));
    }
    cipher::attach(conn, &path, "old_backup", keying)?;
    let written = write_whole(conn, "old_backup", dir, &path);
    cipher::detach(conn, "old_backup")?;
    written
}

/// Writes the database `schema` of `conn` whole, under the key of `conn`'s diary, as the
/// backup at `path` in `dir`: into a partial file, checked, synced, then renamed into place,
/// so a backup is either whole or not there.
fn write_whole(conn: &Connection, schema: &str, dir: &Path, path: &Path) -> Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let partial = dir.join(format!(".{name}.partial"));
    let result = (|| -> Result<()> {
        let _ = std::fs::remove_file(&partial);
        cipher::export(conn, schema, &partial, Keying::Diary)?;
        private_file(&partial)?;
        counts(conn, &partial, Keying::Diary)?;
        std::fs::File::open(&partial)?.sync_all()?;
        std::fs::rename(&partial, path)?;
        #[cfg(unix)]
        std::fs::File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// A backup opened for reading only, with the diary's passphrase if it has one.
fn open_read_only(path: &Path, key: Option<&Passphrase>) -> Result<Connection> {
    super::sqlite_ready();
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    cipher::key(&conn, key)?;
    Ok(conn)
}

/// A plain backup beside an encrypted diary (an earlier version's conversion, killed, could
/// leave one) is written again under the diary's key. One that is not a whole backup is left
/// alone: the list calls it damaged.
pub(crate) fn encrypt_plain_leftovers(conn: &Connection, dir: &Path) -> Result<()> {
    for name in file_names(dir)? {
        let path = dir.join(&name);
        if cipher::plain_header(&path)
            && counts(conn, &path, Keying::Diary).is_err()
            && counts(conn, &path, Keying::Plain).is_ok()
        {
            rekey_one(conn, dir, &name, None)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("time").to_utc()
    }

    #[test]
    fn names_round_trip_and_strangers_are_ignored() {
        let t = at("2026-11-27T09:35:12Z");
        for r in Reason::ALL {
            assert_eq!(parse_name(&file_name(t, r)), Some((t, r)));
        }
        for other in [
            "notes.txt",
            "diary-2026.sqlite3",
            "diary-20261127T093512Z-weekly.sqlite3",
            ".diary-20261127T093512Z-daily.sqlite3.partial",
            "damaged-20261127T093512Z.sqlite3",
        ] {
            assert_eq!(parse_name(other), None, "{other}");
        }
    }

    /// The rotation, checked against the rule itself: among daily backups, the newest of
    /// each of the last 7 days, 4 ISO weeks and 12 months that have one; of the others, the
    /// newest 5 of each reason; nothing else.
    #[test]
    fn rotation_keeps_days_weeks_and_months() {
        use proptest::prelude::*;
        let reason = prop_oneof![
            6 => Just(Reason::Daily),
            1 => Just(Reason::BeforeUpdate),
            1 => Just(Reason::BeforeImport),
        ];
        proptest!(ProptestConfig::with_cases(200), |(
            offsets in proptest::collection::vec((0i64..800 * 24 * 3600, reason), 0..120)
        )| {
            let base = at("2024-01-01T00:00:00Z");
            let all: Vec<_> = offsets
                .iter()
                .map(|(s, r)| {
                    let t = base + chrono::Duration::seconds(*s);
                    (file_name(t, *r), (t, *r))
                })
                .collect::<std::collections::BTreeMap<_, _>>()
                .into_iter()
                .map(|(n, (t, r))| (n, t, r))
                .collect();
            let kept = keep(&all);
            let mut oracle = BTreeSet::new();
            let daily: Vec<_> = all.iter().filter(|b| b.2 == Reason::Daily).collect();
            for (format, n) in [("%Y-%m-%d", 7), ("%G-W%V", 4), ("%Y-%m", 12)] {
                let period = |t: DateTime<Utc>| t.format(format).to_string();
                let mut keys: Vec<String> = daily.iter().map(|b| period(b.1)).collect();
                keys.sort();
                keys.dedup();
                for key in keys.iter().rev().take(n) {
                    let newest = daily
                        .iter()
                        .filter(|b| &period(b.1) == key)
                        .max_by_key(|b| (b.1, b.0.clone()))
                        .expect("one");
                    oracle.insert(newest.0.clone());
                }
            }
            for r in [Reason::BeforeUpdate, Reason::BeforeImport] {
                let mut of: Vec<_> = all.iter().filter(|b| b.2 == r).collect();
                of.sort_by_key(|b| std::cmp::Reverse(b.1));
                oracle.extend(of.iter().take(5).map(|b| b.0.clone()));
            }
            prop_assert_eq!(kept, oracle);
        });
    }
}
