//! Keeping in step on ten years of a diary (issue 30's targets). The engine alone: applying
//! 10,000 changes, the size of one edit's file, the size and the sealing and opening of a
//! snapshot of everything, and merging it. Then two real diary files through the façade: the
//! first step of a ten-year diary, a second computer joining it, one edit and the step that
//! sends it and the one that takes it, and loading the syncer at start. Prints figures; nothing
//! passes or fails on time. `cargo bench -p companion-core --bench sync`.

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use companion_core::synthetic::{fill, Spec};
use companion_core::{CheckinInput, Companion, FakeClock};

use companion_core::sync::disk::DiskFolder;
use companion_core::sync::folder::Folder;
use companion_core::sync::hlc::Hlc;
use companion_core::sync::replica::Replica;
use companion_core::sync::segment;
use companion_core::sync::state::{Op, RowId, State};
use companion_core::sync::vault::{self, Kdf};
use serde_json::Value;

/// Ten years as the diary bench has them: 4,613 check-ins of 15 fields and 7,583 cravings of 10.
fn ten_years() -> Vec<Op> {
    let mut ops = vec![];
    let mut wall = 1_500_000_000_000u64;
    let mut seed = 7u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for (kind, rows, fields) in [("checkins", 4613, 15), ("cravings", 7583, 10)] {
        for r in 0..rows {
            let row = RowId {
                kind: kind.into(),
                uuid: format!("{:032x}", u128::from(next()) << 64 | u128::from(next())),
            };
            for f in 0..fields {
                wall += 1;
                let value = match f {
                    3 => Value::from("A short note about the day, as most are."),
                    _ => Value::from(next() % 1_000_000_000 + r),
                };
                ops.push(Op::Set {
                    at: Hlc {
                        wall_ms: wall,
                        counter: 0,
                        node: [1; 16],
                    },
                    base: None,
                    row: row.clone(),
                    field: format!("field{f}"),
                    value,
                    settles: vec![],
                });
            }
        }
    }
    ops
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let ops = ten_years();
    let start = Instant::now();
    let mut state = State::default();
    for op in &ops {
        state.apply(op);
    }
    println!(
        "ten years: {} changes applied in {:.0} ms",
        ops.len(),
        start.elapsed().as_secs_f64() * 1e3
    );

    // 10,000 more (edits of existing fields, each naming the version it replaces).
    let edits: Vec<Op> = ops
        .iter()
        .step_by(ops.len() / 10_000)
        .take(10_000)
        .map(|o| match o {
            Op::Set { at, row, field, .. } => Op::Set {
                at: Hlc {
                    wall_ms: at.wall_ms + 10_000_000_000,
                    counter: 0,
                    node: [2; 16],
                },
                base: Some(*at),
                row: row.clone(),
                field: field.clone(),
                value: Value::from(3),
                settles: vec![],
            },
            other => other.clone(),
        })
        .collect();
    let start = Instant::now();
    for op in &edits {
        state.apply(op);
    }
    println!(
        "apply 10,000 changes onto ten years: {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );

    let quick = Kdf {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };
    let code = vault::read_recovery_code(&vault::new_recovery_code().expect("code")).expect("code");
    let (_, made) = vault::create(&code, None, quick).expect("vault");
    let (id, key) = (made.id, made.key.clone());

    // One edit, written as the app writes it.
    let dir = tempfile::tempdir().expect("dir");
    let mut folder = DiskFolder::in_chosen(dir.path());
    let mut one = Replica::new(id, key.clone(), [3; 16]);
    one.set(
        1_800_000_000_000,
        RowId {
            kind: "checkins".into(),
            uuid: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        },
        "note",
        Value::from("Slept four hours. Walked to the river and back, and it helped a little."),
    );
    one.flush(&mut folder).expect("flush");
    let names = folder.names();
    let bytes: usize = names
        .iter()
        .filter_map(|n| folder.read(n))
        .map(|b| b.len())
        .sum();
    println!("one edit: {} file of {bytes} bytes", names.len());

    let start = Instant::now();
    let sealed =
        segment::snapshot(&key, id, [1; 16], ops.len() as u64, [0; 32], &state).expect("snapshot");
    println!(
        "snapshot of ten years: {:.1} MB, sealed in {:.0} ms",
        sealed.len() as f64 / 1e6,
        start.elapsed().as_secs_f64() * 1e3
    );
    let start = Instant::now();
    let (_, content) = segment::open(&key, id, &sealed).expect("open");
    let opened = start.elapsed();
    let segment::Content::Snapshot(theirs) = content else {
        panic!("a snapshot")
    };
    let start = Instant::now();
    let mut joined = State::default();
    joined.merge(&theirs);
    println!(
        "a second computer joins: open {:.0} ms + merge {:.0} ms",
        opened.as_secs_f64() * 1e3,
        start.elapsed().as_secs_f64() * 1e3
    );
    assert_eq!(joined.canonical(), state.canonical());

    diaries();
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

/// Bytes in every file under `dir`, and how many files.
fn folder_size(dir: &std::path::Path) -> (u64, usize) {
    let mut out = (0, 0);
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            let (b, n) = folder_size(&p);
            out = (out.0 + b, out.1 + n);
        } else {
            out = (
                out.0 + e.metadata().map(|m| m.len()).unwrap_or(0),
                out.1 + 1,
            );
        }
    }
    out
}

fn diaries() {
    let now = DateTime::parse_from_rfc3339("2026-11-25T11:00:00Z")
        .expect("now")
        .with_timezone(&Utc);
    let clock = Arc::new(FakeClock::new(now, chrono_tz::Europe::Berlin));
    let (home, work, shared) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let a = Companion::open_in(home.path(), clock.clone()).expect("open");
    let last = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let (checkins, cravings) = fill(&a, &Spec::ten_years(last)).expect("fill");
    println!("\ndiary files: ten years, {checkins} check-ins and {cravings} cravings");

    let start = Instant::now();
    let code = a.sync_start(shared.path(), "Home", None).expect("start");
    println!(
        "start a shared diary (Argon2id 64 MiB): {:.0} ms",
        ms(start)
    );
    let mut sa = a.syncer().expect("load").expect("set up");
    let start = Instant::now();
    let step = a.sync_step(&mut sa).expect("step");
    let (bytes, files) = folder_size(shared.path());
    println!(
        "its first step: {} changes recorded in {:.0} ms; the folder: {files} files, {:.1} MB",
        step.recorded,
        ms(start),
        bytes as f64 / 1e6
    );

    let b = Companion::open_in(work.path(), clock.clone()).expect("open");
    let start = Instant::now();
    b.sync_join(shared.path(), "Work", &code).expect("join");
    let mut sb = b.syncer().expect("load").expect("set up");
    let step = b.sync_step(&mut sb).expect("step");
    println!(
        "a second computer joins (backup, Argon2id, first step): {:.1} s, {} rows placed",
        ms(start) / 1e3,
        step.placed
    );

    clock.advance(chrono::Duration::minutes(5));
    let before = folder_size(shared.path());
    a.save_checkin(
        None,
        &CheckinInput {
            day: "2026-11-25".into(),
            mood: Some(6),
            craving: Some(3),
            note: "Slept better. Walked to the river and back.".into(),
            sleep: None,
        },
    )
    .expect("save");
    let start = Instant::now();
    let step = a.sync_step(&mut sa).expect("step");
    let after = folder_size(shared.path());
    println!(
        "one check-in: the step that sends it {:.0} ms ({} changes), {} new file of {} bytes",
        ms(start),
        step.recorded,
        after.1 - before.1,
        after.0 - before.0
    );
    let start = Instant::now();
    let step = b.sync_step(&mut sb).expect("step");
    println!(
        "the step that takes it on the other computer: {:.0} ms ({} row placed)",
        ms(start),
        step.placed
    );
    let start = Instant::now();
    let step = b.sync_step(&mut sb).expect("step");
    println!("a step with nothing new: {:.0} ms ({step:?})", ms(start));
    let start = Instant::now();
    drop(a.syncer().expect("load"));
    println!(
        "loading the syncer as the app starts (journal rebuilt): {:.0} ms",
        ms(start)
    );

    // The work laptop is lost: the home laptop removes it, then takes the new key and writes
    // the snapshot a removal owes to later joiners.
    let work_id = a
        .sync_view(None)
        .expect("view")
        .computers
        .into_iter()
        .find(|c| c.name == "Work")
        .expect("listed")
        .id;
    let before = folder_size(shared.path());
    let start = Instant::now();
    a.sync_remove(&work_id, &code).expect("remove");
    println!(
        "remove a computer (its record read, Argon2id, the key file): {:.0} ms",
        ms(start)
    );
    // The step after a new key: timed, and the folder it leaves.
    let mut key_step = |what: &str| {
        let start = Instant::now();
        a.sync_step(&mut sa).expect("step");
        let after = folder_size(shared.path());
        println!(
            "{what}: {:.0} ms; the folder: {} files, {:.1} MB (was {:.1} MB)",
            ms(start),
            after.1,
            after.0 as f64 / 1e6,
            before.0 as f64 / 1e6
        );
    };
    key_step("the step that takes the new key and writes the snapshot");

    // A new key alone (removals that crossed, or one this computer missed): every computer
    // that takes it writes a snapshot, so one that missed a key catches up.
    let start = Instant::now();
    a.sync_renew_key(&code).expect("a new key");
    println!(
        "make a new key (Argon2id, the key files read, the new one written): {:.0} ms",
        ms(start)
    );
    key_step("the step that takes it and writes a snapshot");
}
