//! The person's whole diary over ten years of made-up entries: export as JSON and as a CSV
//! zip, preview and import that JSON into an empty diary, make a backup and restore it.
//! Prints the median of several runs, the file sizes, and how far the process's peak memory
//! rose during each export (Linux: `VmHWM`, reset before each export).
//! `cargo bench -p companion-core --bench diary`; figures in BENCHMARKS.md.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use companion_core::diary::{DayRange, DiaryFormat};
use companion_core::store::backup::Reason;
use companion_core::synthetic::{fill, Spec};
use companion_core::{Companion, FakeClock};

fn clock() -> Arc<FakeClock> {
    let now = DateTime::parse_from_rfc3339("2026-11-25T11:00:00Z")
        .expect("now")
        .with_timezone(&Utc);
    Arc::new(FakeClock::new(now, chrono_tz::Europe::Berlin))
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time(n: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..n)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

/// Peak resident memory so far, in KiB (0 where /proc is not there).
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    // `cargo bench` passes --bench; a plain `cargo test --benches` passes nothing to run for.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let app = Companion::open_in(dir.path(), clock()).expect("open");
    let last = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let (checkins, cravings) = fill(&app, &Spec::ten_years(last)).expect("fill");
    println!("ten years: {checkins} check-ins, {cravings} cravings");
    let out = tempfile::tempdir().expect("out");
    // The method, checked: 20 MB held for a moment shows as about 20 MB.
    reset_peak();
    let before = peak_kib();
    let held = vec![1u8; 20 << 20];
    std::hint::black_box(&held);
    drop(held);
    println!(
        "peak-memory check: 20 MiB held shows as +{} KiB",
        peak_kib().saturating_sub(before)
    );
    for format in [DiaryFormat::Json, DiaryFormat::CsvZip] {
        let path = out.path().join(format!("diary.{}", format.extension()));
        // Memory on the first export of its kind, before anything it uses is resident.
        reset_peak();
        let before = peak_kib();
        app.export_diary(&path, format, &DayRange::default(), false)
            .expect("first export");
        let rose = peak_kib().saturating_sub(before);
        let t = time(7, || {
            app.export_diary(&path, format, &DayRange::default(), false)
                .expect("export")
        });
        let size = std::fs::metadata(&path).expect("size").len();
        println!(
            "export {format:?}: median {:.1} ms, {:.1} MB, peak memory +{} KiB",
            t.as_secs_f64() * 1e3,
            size as f64 / 1e6,
            rose
        );
    }
    let json = out.path().join("diary.json");
    let t = time(5, || {
        let fresh = tempfile::tempdir().expect("fresh");
        let empty = Companion::open_in(fresh.path(), clock()).expect("open");
        empty.preview_import(&json, true).expect("preview");
    });
    println!(
        "preview the import into an empty diary: median {:.1} ms",
        t.as_secs_f64() * 1e3
    );
    let t = time(5, || {
        let fresh = tempfile::tempdir().expect("fresh");
        let empty = Companion::open_in(fresh.path(), clock()).expect("open");
        empty.import_diary(&json, true).expect("import");
    });
    println!(
        "import into an empty diary (check, backup, import, commit): median {:.1} ms",
        t.as_secs_f64() * 1e3
    );
    let t = time(5, || {
        app.import_diary(&json, true).expect("again");
    });
    println!(
        "import the same file again (nothing new): median {:.1} ms",
        t.as_secs_f64() * 1e3
    );
    let mut made = app.back_up(Reason::Manual).expect("backup");
    let t = time(5, || {
        made = app.back_up(Reason::Manual).expect("backup");
    });
    println!(
        "backup (written whole through the connection, checked): median {:.1} ms, {:.1} MB",
        t.as_secs_f64() * 1e3,
        made.size_bytes as f64 / 1e6
    );
    // Each restore keeps the diary as a backup first, which the rotation may then prune; the
    // newest backup is always there to restore.
    let t = time(5, || {
        let newest = app.backups().expect("list").remove(0);
        app.restore_backup(&newest.name, None).expect("restore");
    });
    println!(
        "restore (a backup of the current diary first): median {:.1} ms",
        t.as_secs_f64() * 1e3
    );
}
