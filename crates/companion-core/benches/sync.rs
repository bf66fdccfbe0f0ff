//! The sync engine on ten years of a diary's worth of changes (issue 30's targets): applying
//! 10,000 changes, the size of one edit's file, the size and the sealing and opening of a
//! snapshot of everything (what a second computer reads to join), and merging it. Prints
//! figures; nothing passes or fails on time. `cargo bench -p companion-core --bench sync`.

use std::time::Instant;

use companion_core::sync::disk::DiskFolder;
use companion_core::sync::hlc::Hlc;
use companion_core::sync::replica::{Folder, Replica};
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
    let (_, id, key) = vault::create(&code, None, quick).expect("vault");

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
}
