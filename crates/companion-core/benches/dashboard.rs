//! Criterion benchmarks of the trends screen: loading the series and drawing all three charts
//! (with the insights) for one and ten years of made-up data, and saving one check-in.
//! `cargo bench -p companion-core --bench dashboard`; method and figures in BENCHMARKS.md.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use companion_core::synthetic::{fill, Spec};
use companion_core::{CheckinInput, Companion, FakeClock, Range, Theme};
use criterion::{criterion_group, criterion_main, Criterion};

fn app_with(years: u32) -> (tempfile::TempDir, Companion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let now = DateTime::parse_from_rfc3339("2026-11-25T11:00:00Z")
        .expect("now")
        .with_timezone(&Utc);
    let clock = Arc::new(FakeClock::new(now, chrono_tz::Europe::Berlin));
    let app = Companion::open_in(dir.path(), clock).expect("open");
    let last = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    fill(&app, &Spec::years(years, last)).expect("fill");
    (dir, app)
}

fn dashboard(c: &mut Criterion) {
    let mut group = c.benchmark_group("dashboard");
    group.sample_size(30);
    for years in [1, 10] {
        let (_dir, app) = app_with(years);
        group.bench_function(
            format!("whole history, {years} year(s): series + 3 charts + insights"),
            |b| b.iter(|| app.dashboard(Range::All, Theme::Light).expect("dashboard")),
        );
        group.bench_function(format!("last 30 days of {years} year(s)"), |b| {
            b.iter(|| {
                app.dashboard(Range::Month, Theme::Light)
                    .expect("dashboard")
            })
        });
    }
    group.finish();
}

fn save(c: &mut Criterion) {
    let (_dir, app) = app_with(1);
    let input = CheckinInput {
        day: "2026-11-25".into(),
        mood: Some(5),
        craving: Some(4),
        note: "A short note.".into(),
        sleep: None,
    };
    c.bench_function("save one check-in (WAL, synchronous=FULL)", |b| {
        b.iter(|| app.save_checkin(None, &input).expect("save"))
    });
}

criterion_group!(benches, dashboard, save);
criterion_main!(benches);
