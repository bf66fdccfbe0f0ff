//! Encryption at rest and the app lock, against real files: what an encrypted diary shows to
//! someone with the files but not the passphrase, wrong passphrases changing nothing, backups
//! under the diary's key, changing and removing the passphrase (conversions stopped and
//! killed mid-way are in `conversion`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono_tz::Europe::Berlin;
use companion_core::*;

use crate::common::at;

const FIRST: &str = "blue kettle morning walk";
const SECOND: &str = "seven quiet harbour lights";
/// A note nobody else could have written, looked for in every file of the data folder.
const SECRET: &str = "SECRET-NOTE-7c1f: told my sister about the taper";

fn clock() -> Arc<FakeClock> {
    Arc::new(FakeClock::new(at("2026-11-25T11:00:00Z"), Berlin))
}

fn pass(text: &str) -> Passphrase {
    Passphrase::typed(text.into()).expect("passphrase")
}

fn turn_on(app: &Companion, new: &str) -> PrivacyView {
    app.set_encryption(EncryptionInput {
        current: None,
        new: Some(new.into()),
        again: Some(new.into()),
    })
    .expect("encryption on")
}

fn diary_with_secret(dir: &Path) -> Companion {
    let app = Companion::open_in(dir, clock()).expect("open");
    app.save_checkin(
        None,
        &CheckinInput {
            day: "2026-11-24".into(),
            mood: Some(4),
            craving: Some(7),
            note: SECRET.into(),
            sleep: None,
        },
    )
    .expect("save");
    app.back_up(store::backup::Reason::Manual).expect("backup");
    app
}

/// Every file under `dir`, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = vec![];
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).expect("read")));
        }
    }
    out.sort();
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn an_encrypted_diary_and_its_backups_show_nothing_without_the_passphrase() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = diary_with_secret(dir.path());
    let view = turn_on(&app, FIRST);
    assert!(view.encrypted);
    assert!(
        view.discreet,
        "turning encryption on turns discreet reminders on"
    );
    // The backup made while plain is now under the key too.
    let backups = app.backups().expect("list");
    assert!(!backups.is_empty());
    assert!(backups.iter().all(|b| b.counts.is_some()), "{backups:?}");
    drop(app);

    let data = dir.path().join(DATA_FILE);
    for (path, bytes) in files(dir.path()) {
        assert!(
            !contains(&bytes, SECRET.as_bytes()),
            "the note is readable in {}",
            path.display()
        );
        if path.extension().is_some_and(|e| e == "sqlite3") {
            assert!(
                !bytes.starts_with(b"SQLite format 3"),
                "{} is plain",
                path.display()
            );
        }
    }

    // Without the passphrase: locked, and nothing on disk changes.
    let before = files(dir.path());
    let e = Companion::open_in(dir.path(), clock()).expect_err("locked");
    assert_eq!(e.kind(), ErrorKind::Locked, "{e}");
    let e =
        Companion::open_in_with(dir.path(), clock(), Some(pass("blue kettle"))).expect_err("wrong");
    assert_eq!(e.field(), Some("passphrase"), "{e}");
    assert_eq!(
        files(dir.path()),
        before,
        "a wrong passphrase changed a file"
    );
    let raw = rusqlite::Connection::open(&data).expect("raw open");
    assert!(raw
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r
            .get::<_, i64>(0))
        .is_err());

    // With it: everything is there, backups included.
    let app = Companion::open_in_with(dir.path(), clock(), Some(pass(FIRST))).expect("unlock");
    let page = app.history(None, 30).expect("history");
    assert_eq!(page.days.len(), 1);
    let newest = app.backups().expect("list")[0].clone();
    app.restore_backup(&newest.name, None)
        .expect("an encrypted backup restores");
    assert_eq!(app.history(None, 30).expect("history").days.len(), 1);
    drop(app);
    // The damaged-file screen finds backups only with the passphrase.
    assert!(diary::newest_good_backup(&data, Some(&pass(FIRST))).is_some());
    assert!(diary::newest_good_backup(&data, None).is_none());
}

#[test]
fn the_passphrase_can_be_changed_and_encryption_turned_off() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = diary_with_secret(dir.path());
    turn_on(&app, FIRST);
    let wrong = app
        .set_encryption(EncryptionInput {
            current: Some("not it".into()),
            new: Some(SECOND.into()),
            again: Some(SECOND.into()),
        })
        .expect_err("wrong current passphrase");
    assert_eq!(wrong.field(), Some("passphrase"));
    let mismatch = app
        .set_encryption(EncryptionInput {
            current: Some(FIRST.into()),
            new: Some(SECOND.into()),
            again: Some("seven quiet harbour light".into()),
        })
        .expect_err("typed differently");
    assert_eq!(mismatch.field(), Some("againPassphrase"));
    app.set_encryption(EncryptionInput {
        current: Some(FIRST.into()),
        new: Some(SECOND.into()),
        again: Some(SECOND.into()),
    })
    .expect("changed");
    assert!(app
        .backups()
        .expect("list")
        .iter()
        .all(|b| b.counts.is_some()));
    drop(app);
    let e = Companion::open_in_with(dir.path(), clock(), Some(pass(FIRST))).expect_err("old one");
    assert_eq!(e.field(), Some("passphrase"));
    let app = Companion::open_in_with(dir.path(), clock(), Some(pass(SECOND))).expect("new one");

    let off = app
        .set_encryption(EncryptionInput {
            current: Some(SECOND.into()),
            new: None,
            again: None,
        })
        .expect("off");
    assert!(!off.encrypted);
    let backups = app.backups().expect("list");
    assert!(backups.iter().all(|b| b.counts.is_some()), "{backups:?}");
    drop(app);
    for (path, bytes) in files(dir.path()) {
        if path.extension().is_some_and(|e| e == "sqlite3") {
            assert!(bytes.starts_with(b"SQLite format 3"), "{}", path.display());
        }
    }
    let app = Companion::open_in(dir.path(), clock()).expect("plain again");
    assert_eq!(app.history(None, 30).expect("history").days.len(), 1);
}

#[test]
fn the_lock_hides_nothing_from_reminders_and_opens_only_with_the_passphrase() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = diary_with_secret(dir.path());
    let e = app.lock_now().expect_err("no passphrase to unlock with");
    assert_eq!(e.field(), Some("lock"));
    turn_on(&app, FIRST);
    // The person may turn discreet reminders off again.
    let settings = app.reminders().expect("reminders").settings;
    app.save_reminder_settings(&ReminderSettings {
        discreet: false,
        ..settings
    })
    .expect("discreet off");
    assert!(!app.discreet().expect("discreet"));
    app.lock_now().expect("lock");
    assert!(app.is_locked());
    assert!(app.discreet().expect("discreet"), "locked means discreet");
    let e = app.unlock(pass("blue kettle")).expect_err("wrong");
    assert_eq!(e.field(), Some("passphrase"));
    assert!(app.is_locked());
    app.unlock(pass(FIRST)).expect("unlock");
    assert!(!app.is_locked());
    assert!(!app.discreet().expect("discreet"));

    let e = app
        .set_lock_options(&LockInput {
            lock_after_minutes: 7,
            lock_when_hidden: true,
            lock_on_start: false,
        })
        .expect_err("not offered");
    assert_eq!(e.field(), Some("lockAfterMinutes"));
    let view = app
        .set_lock_options(&LockInput {
            lock_after_minutes: 5,
            lock_when_hidden: true,
            lock_on_start: true,
        })
        .expect("saved");
    assert_eq!(
        (
            view.lock_after_minutes,
            view.lock_when_hidden,
            view.lock_on_start
        ),
        (5, true, true)
    );
}

/// Help is never locked away: before the passphrase, the lock screen's Get help has the
/// region's lines and the person's own crisis numbers, and nothing else of the diary.
#[test]
fn the_locked_help_screen_shows_the_persons_crisis_numbers_and_nothing_else() {
    use journey::{ContactInput, ContactKind, HelpView};
    let dir = tempfile::tempdir().expect("tempdir");
    let app = diary_with_secret(dir.path());
    let contact = |kind, name: &str, phone: &str| ContactInput {
        kind,
        name: name.into(),
        phone: phone.into(),
        note: "calls back within the hour".into(),
    };
    app.save_contact(
        None,
        &contact(ContactKind::Crisis, "Night line", "0800 111 222"),
    )
    .expect("crisis");
    app.save_contact(
        None,
        &contact(ContactKind::Care, "Dr Adeyemi", "020 555 0100"),
    )
    .expect("care");
    app.set_crisis_region("gb").expect("region");
    let numbers = dir.path().join(help::NUMBERS_FILE);
    assert!(
        !numbers.exists(),
        "a plain diary never locks: no copy is kept"
    );
    turn_on(&app, FIRST);
    drop(app);

    let view = HelpView::while_locked(Some(dir.path()));
    assert_eq!(view.region.as_deref(), Some("gb"));
    let shown: Vec<_> = view
        .contacts
        .iter()
        .map(|c| (c.name.as_str(), c.phone.as_str()))
        .collect();
    assert_eq!(shown, [("Night line", "0800 111 222")]);
    let kept = std::fs::read_to_string(&numbers).expect("numbers");
    for private in ["Dr Adeyemi", "calls back", SECRET] {
        assert!(!kept.contains(private), "{private} is in {kept:?}");
    }

    // Turned off, the copy goes: the diary itself is readable again.
    let app = Companion::open_in_with(dir.path(), clock(), Some(pass(FIRST))).expect("open");
    app.set_encryption(EncryptionInput {
        current: Some(FIRST.into()),
        new: None,
        again: None,
    })
    .expect("off");
    assert!(!numbers.exists());
}

/// A diary the disk garbled looks like random bytes, as an encrypted one does: only a diary
/// that was encrypted asks for a passphrase; any other gets the damaged-file screen.
#[test]
fn a_garbled_plain_diary_is_damaged_not_locked() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(diary_with_secret(dir.path()));
    let data = dir.path().join(DATA_FILE);
    let garbled = vec![0x5a; 64 * 1024];
    std::fs::write(&data, &garbled).expect("garble");
    let e = Companion::open_in(dir.path(), clock()).expect_err("garbled");
    assert_eq!(e.kind(), ErrorKind::Damaged, "{e}");
    assert_eq!(std::fs::read(&data).expect("read"), garbled);

    let dir = tempfile::tempdir().expect("tempdir");
    turn_on(&diary_with_secret(dir.path()), FIRST);
    let data = dir.path().join(DATA_FILE);
    std::fs::write(&data, &garbled).expect("garble");
    let e = Companion::open_in(dir.path(), clock()).expect_err("garbled, was encrypted");
    assert_eq!(e.kind(), ErrorKind::Locked, "{e}");
}

/// A garbled diary, plain or encrypted, comes back from its newest backup on the screen that
/// reports it; an encrypted one with the passphrase, which opens its backups but not the diary.
#[test]
fn a_damaged_diary_plain_or_encrypted_is_restored_from_its_backup() {
    for key in [None, Some(FIRST)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = diary_with_secret(dir.path());
        if let Some(k) = key {
            turn_on(&app, k);
        }
        drop(app);
        let data = dir.path().join(DATA_FILE);
        std::fs::write(&data, vec![0x5a; 64 * 1024]).expect("garble");
        let key = key.map(pass);

        if key.is_some() {
            let e = Companion::open_in(dir.path(), clock()).expect_err("locked");
            assert_eq!(e.kind(), ErrorKind::Locked, "{e}");
            let e = Companion::open_in_with(dir.path(), clock(), Some(pass(SECOND)))
                .expect_err("another passphrase");
            assert_eq!(e.field(), Some("passphrase"), "{e}");
        }
        let e = Companion::open_in_with(dir.path(), clock(), key.clone()).expect_err("damaged");
        assert_eq!(e.kind(), ErrorKind::Damaged, "{e}");

        let newest = diary::newest_good_backup(&data, key.as_ref()).expect("a whole backup");
        let app = Companion::restore_over_damaged(&data, &newest.name, key.clone(), None, clock())
            .expect("restored");
        assert_eq!(app.history(None, 30).expect("history").days.len(), 1);
        assert_eq!(cipher_of(&data), key.is_some(), "{key:?}");
        drop(app);
        Companion::open_in_with(dir.path(), clock(), key).expect("opens again");
    }
}

fn cipher_of(path: &Path) -> bool {
    !std::fs::read(path)
        .expect("read")
        .starts_with(b"SQLite format 3")
}

/// An export protected with the passphrase is a zip whose files are AES-256 encrypted: no note
/// in its bytes, readable by any zip tool with the passphrase (the oracle here is the zip
/// crate's own reader), and importable into a diary with that passphrase only.
#[test]
fn a_protected_export_opens_with_the_passphrase_only() {
    use diary::{DayRange, DiaryFormat};
    use std::io::Read;
    let dir = tempfile::tempdir().expect("tempdir");
    let app = diary_with_secret(dir.path());
    let out = tempfile::tempdir().expect("out");
    let json = out.path().join("protected.zip");
    let e = app
        .export_diary(&json, DiaryFormat::Json, &DayRange::default(), true)
        .expect_err("no passphrase yet");
    assert_eq!(e.field(), Some("protect"));
    assert!(!json.exists());
    turn_on(&app, FIRST);
    assert!(app
        .diary_file_name(DiaryFormat::Json, true)
        .ends_with("-protected.zip"));
    app.export_diary(&json, DiaryFormat::Json, &DayRange::default(), true)
        .expect("protected JSON");
    let csv = out.path().join("protected-csv.zip");
    app.export_diary(&csv, DiaryFormat::CsvZip, &DayRange::default(), true)
        .expect("protected CSV");

    for (file, inner) in [(&json, None), (&csv, Some("checkins.csv"))] {
        let bytes = std::fs::read(file).expect("read");
        assert!(bytes.starts_with(b"PK\x03\x04"));
        assert!(!contains(&bytes, SECRET.as_bytes()), "{}", file.display());
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let name = inner.map_or_else(
            || {
                zip.file_names()
                    .find(|n| n.ends_with(".json"))
                    .expect("json inside")
                    .to_owned()
            },
            str::to_owned,
        );
        assert!(
            zip.by_name(&name).is_err(),
            "readable without the passphrase"
        );
        let mut text = String::new();
        zip.by_name_decrypt(&name, FIRST.as_bytes())
            .expect("opens with the passphrase")
            .read_to_string(&mut text)
            .expect("text");
        assert!(text.contains(SECRET), "{name}");
    }

    // Back in: only a diary with the same passphrase reads it.
    let import = |key: Option<&str>| {
        let there = tempfile::tempdir().expect("there");
        let other = Companion::open_in(there.path(), clock()).expect("open");
        if let Some(k) = key {
            turn_on(&other, k);
        }
        let got = other.import_diary(&json, false);
        (there, got)
    };
    let (_plain, e) = import(None);
    let e = e.expect_err("plain diary");
    assert_eq!(e.field(), Some("file"));
    assert!(e.to_string().contains("protected with a passphrase"), "{e}");
    let (_other, e) = import(Some(SECOND));
    assert!(e
        .expect_err("another passphrase")
        .to_string()
        .contains("another passphrase"));
    let (_same, done) = import(Some(FIRST));
    let done = done.expect("same passphrase");
    let checkins = done
        .iter()
        .find(|k| k.label == "check-ins")
        .expect("checkins");
    assert_eq!(checkins.new, 1);
}

/// Reminders keep coming while the app is locked, always in their discreet words, whatever
/// discreet mode says.
#[test]
fn reminders_come_while_locked_in_discreet_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FakeClock::new(at("2026-06-10T06:55:00Z"), Berlin));
    let app = Companion::open_in(dir.path(), clock.clone()).expect("open");
    turn_on(&app, FIRST);
    let view = app.reminders().expect("view");
    app.save_reminder_settings(&ReminderSettings {
        discreet: false,
        ..view.settings
    })
    .expect("discreet off");
    let r = view
        .reminders
        .into_iter()
        .find(|r| r.kind == ReminderKind::Hydration)
        .expect("hydration");
    let input = ReminderInput {
        title: "Water for the detox".into(),
        message: r.message,
        enabled: true,
        at: None,
        before_min: None,
        every_min: r.every_min.map(Into::into),
        from: r.from,
        to: r.to,
    };
    app.save_reminder(Some(r.id), &input).expect("enable");
    app.lock_now().expect("lock");
    clock.set(at("2026-06-10T07:00:00Z"));
    let due = app.due_reminders().expect("tick").due;
    assert_eq!(due.len(), 1, "the reminder still comes");
    let (title, body) = reminders::discreet_words(ReminderKind::Hydration);
    assert!(due[0].discreet);
    assert_eq!((due[0].title.as_str(), due[0].body.as_str()), (title, body));
}
