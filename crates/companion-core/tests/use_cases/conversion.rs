//! A change of key (encryption on, passphrase changed, encryption off) stopped after every one
//! of its steps, as a kill there would stop it, then opened again as a person would: the
//! passphrase they last saw accepted first. Checked against an oracle written from the rule,
//! with plain SQLite connections rather than the app's code: the diary and every backup open
//! under one and the same key (the old one or the new one), every acknowledged entry is
//! there, the right passphrase opens it after any other in the same session, and nothing of
//! the conversion is left in the data folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono_tz::Europe::Berlin;
use companion_core::store::backup::Reason;
use companion_core::store::conversion::Step;
use companion_core::*;

use crate::common::at;

const FIRST: &str = "blue kettle morning walk";
const SECOND: &str = "seven quiet harbour lights";

fn clock() -> Arc<FakeClock> {
    Arc::new(FakeClock::new(at("2026-11-25T11:00:00Z"), Berlin))
}

fn pass(text: &str) -> Passphrase {
    Passphrase::typed(text.into()).expect("passphrase")
}

fn encryption(current: Option<&str>, new: Option<&str>) -> EncryptionInput {
    EncryptionInput {
        current: current.map(str::to_owned),
        new: new.map(str::to_owned),
        again: new.map(str::to_owned),
    }
}

/// Whether the SQLite file at `path` opens with `key` (`None`: plain), read with a connection
/// of the test's own.
fn opens_with(path: &Path, key: Option<&str>) -> bool {
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return false;
    };
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    if let Some(k) = key {
        if conn.pragma_update(None, "key", k).is_err() {
            return false;
        }
    }
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok()
}

/// The one key among `keys` that opens every file in `files` (the diary first), if there is
/// one. A backup is attached to the diary's connection without a key of its own, so it opens
/// only if it was written under the very key (and salt) that opened the diary.
fn one_key<'a>(files: &[PathBuf], keys: &[Option<&'a str>]) -> Option<Option<&'a str>> {
    let (diary, backups) = files.split_first()?;
    let key = *keys.iter().find(|k| opens_with(diary, **k))?;
    let conn = rusqlite::Connection::open(diary).ok()?;
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    if let Some(k) = key {
        conn.pragma_update(None, "key", k).ok()?;
    }
    for (i, b) in backups.iter().enumerate() {
        let name = format!("b{i}");
        conn.execute(
            "ATTACH DATABASE ?1 AS ?2",
            [b.to_string_lossy().as_ref(), &name],
        )
        .ok()?;
        let read = conn.query_row(
            &format!("SELECT count(*) FROM {name}.sqlite_schema"),
            [],
            |r| r.get::<_, i64>(0),
        );
        conn.execute_batch(&format!("DETACH DATABASE {name}"))
            .ok()?;
        read.ok()?;
    }
    Some(key)
}

fn backups(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir.join("backups"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// Names in the data folder (and its backups) that no finished conversion leaves.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names = vec![];
    for d in [dir.to_owned(), dir.join("backups")] {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            names.push(e.file_name().to_string_lossy().into_owned());
        }
    }
    names.retain(|n| {
        [
            ".conversion",
            ".converting",
            ".before-conversion",
            ".partial",
            ".restoring",
        ]
        .iter()
        .any(|bad| n.contains(bad))
    });
    names
}

fn crave(app: &Companion, what: &str) {
    app.save_craving(
        None,
        &CravingInput {
            at: None,
            intensity: Some(4),
            context: what.into(),
        },
    )
    .expect("craving");
}

fn cravings(app: &Companion) -> Vec<String> {
    let mut out: Vec<String> = app
        .history(None, 30)
        .expect("history")
        .days
        .iter()
        .flat_map(|d| &d.entries)
        .filter_map(|e| match e {
            Entry::Craving(c) => Some(c.context.clone()),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

/// Opens the data folder as the app does at start and as a person would answer: without a
/// passphrase if it is plain, else with the one they last saw accepted, then — only if the app
/// says it was replaced — with the newer one. Returns the diary and the key that opened it.
fn open_as_a_person(
    dir: &Path,
    last_accepted: Option<&str>,
    newer: Option<&str>,
    context: &str,
) -> (Companion, Option<&'static str>) {
    let first = match Companion::open_in(dir, clock()) {
        Ok(app) => return (app, None),
        Err(e) => e,
    };
    assert_eq!(first.kind(), ErrorKind::Locked, "{context}: {first}");
    let typed = last_accepted.or(newer).expect("a passphrase to type");
    let refused = match Companion::open_in_with(dir, clock(), Some(pass(typed))) {
        Ok(app) => return (app, [FIRST, SECOND].into_iter().find(|k| *k == typed)),
        Err(e) => e,
    };
    // Never "damaged": the diary is whole.
    assert_eq!(refused.field(), Some("passphrase"), "{context}: {refused}");
    assert!(
        refused.to_string().contains("replaced by a newer one"),
        "{context}: the passphrase last accepted was refused without saying it was replaced: \
         {refused}"
    );
    let newer = newer.expect("a newer passphrase");
    let app = Companion::open_in_with(dir, clock(), Some(pass(newer)))
        .unwrap_or_else(|e| panic!("{context}: the newer passphrase after the older: {e}"));
    (app, [FIRST, SECOND].into_iter().find(|k| *k == newer))
}

/// Every step of every kind of conversion, stopped there.
#[test]
fn a_conversion_stopped_after_any_step_leaves_every_file_under_one_key() {
    // (key before, key after) for on, change and off.
    let changes: [(Option<&str>, Option<&str>); 3] = [
        (None, Some(FIRST)),
        (Some(FIRST), Some(SECOND)),
        (Some(SECOND), None),
    ];
    let keys = [None, Some(FIRST), Some(SECOND)];
    // A diary in the state before each change, with two backups (a third comes before it).
    let base = tempfile::tempdir().expect("base");
    {
        let app = Companion::open_in(base.path(), clock()).expect("open");
        crave(&app, "before any change");
        for reason in [Reason::Daily, Reason::BeforeImport] {
            app.back_up(reason).expect("backup");
        }
    }
    let mut states = std::collections::BTreeSet::new();
    for (before, after) in changes {
        // How many steps this change has, counted on a copy.
        let count = tempfile::tempdir().expect("count");
        copy_dir(base.path(), count.path());
        let mut steps = vec![];
        {
            let app = Companion::open_in_with(count.path(), clock(), before.map(pass))
                .expect("open to count");
            crave(&app, "acknowledged");
            app.back_up(Reason::Manual).expect("backup");
            app.set_encryption_until(encryption(before, after), &mut |s| {
                steps.push(s);
                true
            })
            .expect("whole conversion")
            .expect("not stopped");
        }
        assert_eq!(steps.first(), Some(&Step::StagedDiary), "{steps:?}");
        assert_eq!(steps.last(), Some(&Step::Finished), "{steps:?}");
        assert_eq!(
            steps.iter().filter(|s| **s == Step::StagedBackup).count(),
            3,
            "{steps:?}"
        );

        for (stop, step) in steps.iter().enumerate() {
            let context = format!("{before:?} → {after:?}, stopped after {step:?} ({stop})");
            let dir = tempfile::tempdir().expect("dir");
            copy_dir(base.path(), dir.path());
            {
                let app = Companion::open_in_with(dir.path(), clock(), before.map(pass))
                    .expect("open before");
                crave(&app, &format!("acknowledged {stop}"));
                app.back_up(Reason::Manual).expect("backup");
                let mut n = 0;
                let done = app
                    .set_encryption_until(encryption(before, after), &mut |_| {
                        n += 1;
                        n <= stop
                    })
                    .expect("conversion");
                assert!(done.is_none(), "{context}: it did not stop");
            }
            // The rule, read from the files alone: one key for the diary and every backup,
            // and it is the old or the new one.
            let mut files = vec![dir.path().join(DATA_FILE)];
            let found_backups = backups(dir.path());
            assert_eq!(found_backups.len(), 3, "{context}: {found_backups:?}");
            files.extend(found_backups);
            // Before the next open finishes it, a kill after the commit may leave the files
            // in between: what counts is what the person meets, so the rule is read again
            // after the app has opened them.
            let (app, opened_with) = open_as_a_person(dir.path(), before, after, &context);
            assert!(
                opened_with == before || opened_with == after,
                "{context}: opened with {opened_with:?}"
            );
            let mut files_now = vec![dir.path().join(DATA_FILE)];
            files_now.extend(backups(dir.path()));
            assert_eq!(
                files_now.len(),
                files.len(),
                "{context}: a backup went missing"
            );
            drop(app);
            let key = one_key(&files_now, &keys)
                .unwrap_or_else(|| panic!("{context}: the files are not under one key"));
            assert_eq!(key, opened_with, "{context}");
            states.insert(key);
            // Every acknowledged entry is there, and every backup is listed as whole.
            let app = Companion::open_in_with(dir.path(), clock(), key.map(pass)).expect("again");
            let held = cravings(&app);
            assert!(
                held.contains(&format!("acknowledged {stop}"))
                    && held.contains(&"before any change".to_owned()),
                "{context}: {held:?}"
            );
            let listed = app.backups().expect("list");
            assert!(
                listed
                    .iter()
                    .all(|b| b.counts.is_some() && !b.earlier_passphrase),
                "{context}: {listed:?}"
            );
            drop(app);
            assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{context}");
            // Encrypted, the diary has its marker and the passphrase check, and only then.
            let has = |suffix: &str| dir.path().join(format!("{DATA_FILE}{suffix}")).exists();
            assert_eq!(has(".encrypted"), key.is_some(), "{context}");
            assert_eq!(has(".passphrase-check"), key.is_some(), "{context}");
        }
        // The next change starts from this one, done.
        let app = Companion::open_in_with(base.path(), clock(), before.map(pass)).expect("base");
        app.set_encryption(encryption(before, after))
            .expect("base change");
    }
    // Each change was caught both before and after it took effect.
    assert_eq!(states.len(), 3, "{states:?}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// The three sentences a refused passphrase can get, each only when it is true.
#[test]
fn a_refused_passphrase_is_wrong_replaced_or_the_file_is_damaged() {
    let dir = tempfile::tempdir().expect("dir");
    {
        let app = Companion::open_in(dir.path(), clock()).expect("open");
        crave(&app, "one");
        app.set_encryption(encryption(None, Some(FIRST)))
            .expect("on");
        app.back_up(Reason::Manual).expect("backup");
        // The first passphrase's check was written a month before the change.
        let month_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(30 * 86_400);
        std::fs::File::options()
            .write(true)
            .open(dir.path().join(format!("{DATA_FILE}.passphrase-check")))
            .expect("check")
            .set_modified(month_ago)
            .expect("age it");
        app.set_encryption(encryption(Some(FIRST), Some(SECOND)))
            .expect("change");
    }
    let wrong = Companion::open_in_with(dir.path(), clock(), Some(pass("not it at all")))
        .expect_err("wrong");
    assert_eq!(wrong.field(), Some("passphrase"));
    assert!(wrong.to_string().contains("does not open"), "{wrong}");

    let replaced =
        Companion::open_in_with(dir.path(), clock(), Some(pass(FIRST))).expect_err("replaced");
    assert_eq!(replaced.field(), Some("passphrase"));
    assert!(
        replaced
            .to_string()
            .contains("replaced by a newer one a moment ago"),
        "{replaced}"
    );
    // The right one still opens in the same session, after both.
    let app = Companion::open_in_with(dir.path(), clock(), Some(pass(SECOND))).expect("right");
    assert_eq!(cravings(&app), ["one"]);
    // Locked and unlocked again, the replaced one gets the same sentence.
    app.lock_now().expect("lock");
    let again = app.unlock(pass(FIRST)).expect_err("replaced");
    assert!(again.to_string().contains("replaced"), "{again}");
    app.unlock(pass(SECOND)).expect("unlock");
    drop(app);

    // Really damaged: the right passphrase, a garbled file. Only then "damaged".
    let data = dir.path().join(DATA_FILE);
    let mut bytes = std::fs::read(&data).expect("read");
    for b in &mut bytes[..4096] {
        *b = 0x5a;
    }
    std::fs::write(&data, &bytes).expect("garble");
    let damaged =
        Companion::open_in_with(dir.path(), clock(), Some(pass(SECOND))).expect_err("damaged");
    assert_eq!(damaged.kind(), ErrorKind::Damaged, "{damaged}");
    assert!(
        damaged.to_string().contains("passphrase is the right one"),
        "{damaged}"
    );
    // A wrong or the replaced passphrase on that file is not called damaged.
    let wrong = Companion::open_in_with(dir.path(), clock(), Some(pass("not it at all")))
        .expect_err("wrong");
    assert_eq!(wrong.field(), Some("passphrase"), "{wrong}");
    let replaced =
        Companion::open_in_with(dir.path(), clock(), Some(pass(FIRST))).expect_err("replaced");
    assert!(replaced.to_string().contains("replaced"), "{replaced}");
    // Nothing was written to the damaged file by any of it.
    assert_eq!(std::fs::read(&data).expect("read"), bytes);
    // The damaged-file screen sees its backups with the right passphrase, and says what the
    // damaged diary still shows (nothing: its first page is gone).
    let listed = diary::backups_of(&data, Some(&pass(SECOND))).expect("list");
    assert!(listed.iter().any(|b| b.counts.is_some()), "{listed:?}");
    assert_eq!(diary::damaged_counts(&data, Some(&pass(SECOND))), None);
}

/// A backup left under an earlier passphrase (as earlier versions could leave them) is listed
/// as needing it, is never called damaged, and is restored with it.
#[test]
fn a_backup_under_an_earlier_passphrase_says_so_and_restores_with_it() {
    let dir = tempfile::tempdir().expect("dir");
    let app = Companion::open_in(dir.path(), clock()).expect("open");
    crave(&app, "kept in the old backup");
    app.set_encryption(encryption(None, Some(FIRST)))
        .expect("on");
    let old = app.back_up(Reason::Manual).expect("backup");
    // Keep that backup aside, change the passphrase, and put it back as it was.
    let path = dir.path().join("backups").join(&old.name);
    let under_first = std::fs::read(&path).expect("read");
    app.set_encryption(encryption(Some(FIRST), Some(SECOND)))
        .expect("change");
    std::fs::write(&path, &under_first).expect("put back");
    crave(&app, "written after");

    let listed = app.backups().expect("list");
    let b = listed.iter().find(|b| b.name == old.name).expect("listed");
    assert!(b.counts.is_none() && b.earlier_passphrase, "{b:?}");

    let e = app
        .restore_backup(&old.name, Some(pass("not it at all")))
        .expect_err("wrong earlier");
    assert_eq!(e.field(), Some("earlierPassphrase"), "{e}");
    assert_eq!(std::fs::read(&path).expect("read"), under_first);
    app.restore_backup(&old.name, Some(pass(FIRST)))
        .expect("restored with the earlier passphrase");
    assert_eq!(cravings(&app), ["kept in the old backup"]);
    // It is under the passphrase in force now, like every other backup.
    assert!(app
        .backups()
        .expect("list")
        .iter()
        .all(|b| b.counts.is_some()));
    assert!(opens_with(&path, Some(SECOND)));
}

/// Run by `a_conversion_killed_at_random_moments_meets_the_person_with_their_diary` in a
/// child process: saves a craving and makes a backup, then turns encryption on, changes the
/// passphrase, turns it off, and again, printing each step once it is acknowledged, until it
/// is killed.
#[test]
fn child_converter() {
    let Some(dir) = std::env::var_os("COMPANION_CHILD_CONVERT") else {
        return;
    };
    let dir = Path::new(&dir);
    let app = Companion::open_in(dir, clock()).expect("child open");
    println!("started");
    for round in 1.. {
        crave(&app, &format!("round {round}"));
        println!("saved {round}");
        app.back_up(Reason::Manual).expect("child backup");
        for (current, new, name) in [
            (None, Some(FIRST), "first"),
            (Some(FIRST), Some(SECOND), "second"),
            (Some(SECOND), None, "plain"),
        ] {
            app.set_encryption(encryption(current, new))
                .expect("child conversion");
            println!("accepted {name}");
        }
    }
}

/// The same rule with real kills: a child process converting in a loop is killed at moments
/// from 0 to 2.3 s, then the diary is opened as a person would.
#[test]
fn a_conversion_killed_at_random_moments_meets_the_person_with_their_diary() {
    // A year of entries, so that each conversion takes long enough to be cut.
    let base = tempfile::tempdir().expect("base");
    {
        let app = Companion::open_in(base.path(), clock()).expect("open");
        let last = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("day");
        synthetic::fill(&app, &synthetic::Spec::years(1, last)).expect("fill");
    }
    let keys = [None, Some(FIRST), Some(SECOND)];
    let mut states = std::collections::BTreeSet::new();
    for delay_ms in [0u64, 40, 90, 160, 250, 380, 520, 700, 950, 1300, 1700, 2300] {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::copy(base.path().join(DATA_FILE), dir.path().join(DATA_FILE)).expect("copy");
        let (mut child, mut lines) = crate::common::child(
            "conversion::child_converter",
            &[("COMPANION_CHILD_CONVERT", dir.path().as_os_str())],
        );
        while let Some(Ok(line)) = lines.next() {
            if line.ends_with("started") {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().expect("SIGKILL mid-conversion");
        child.wait().expect("reap");
        // What the child reported before it died.
        let said: Vec<String> = lines.map_while(|l| l.ok()).collect();
        let saved = said.iter().filter(|l| l.contains("saved ")).count();
        let last_accepted = said
            .iter()
            .rev()
            .find_map(|l| l.split_once("accepted ").map(|(_, k)| k.to_owned()))
            .unwrap_or_else(|| "plain".into());
        let (last, newer) = match last_accepted.as_str() {
            "first" => (Some(FIRST), Some(SECOND)),
            "second" => (Some(SECOND), None),
            _ => (None, Some(FIRST)),
        };
        let context = format!("killed after {delay_ms} ms, {last_accepted} last accepted");
        let (app, key) = open_as_a_person(dir.path(), last, newer, &context);
        let n = cravings(&app)
            .iter()
            .filter(|c| c.starts_with("round "))
            .count();
        assert!(n >= saved, "{context}: {n} of {saved} saved cravings");
        let listed = app.backups().expect("list");
        assert!(
            listed.iter().all(|b| b.counts.is_some()),
            "{context}: {listed:?}"
        );
        drop(app);
        let mut files = vec![dir.path().join(DATA_FILE)];
        files.extend(backups(dir.path()));
        assert_eq!(one_key(&files, &keys), Some(key), "{context}");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{context}");
        states.insert(key);
    }
    // The cuts fell in more than one state.
    assert!(states.len() >= 2, "{states:?}");
}
