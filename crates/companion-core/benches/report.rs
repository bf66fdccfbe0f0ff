//! Criterion benchmark of the clinician report: the PDF (with its charts and the CSV) for 14
//! and 90 days of a made-up taper lived day by day. Target: well under a second for 90 days.
//! `cargo bench -p companion-core --bench report`; figures in BENCHMARKS.md.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use companion_core::report::{ReportInput, ReportSections};
use companion_core::synthetic::taper_weeks;
use companion_core::{Companion, FakeClock};
use criterion::{criterion_group, criterion_main, Criterion};

fn report(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let now = DateTime::parse_from_rfc3339("2026-08-01T08:00:00Z")
        .expect("now")
        .with_timezone(&Utc);
    let clock = Arc::new(FakeClock::new(now, chrono_tz::Europe::Berlin));
    let app = Companion::open_in(dir.path(), clock.clone()).expect("open");
    let start = NaiveDate::from_ymd_opt(2026, 8, 1).expect("day");
    taper_weeks(&app, &clock, start, 90).expect("taper");
    let last = start + Duration::days(89);
    let mut group = c.benchmark_group("clinician report");
    group.sample_size(20);
    for days in [14, 90] {
        let input = ReportInput {
            from: (last - Duration::days(days - 1)).to_string(),
            to: last.to_string(),
            sections: ReportSections {
                notes: true,
                ..ReportSections::default()
            },
            csv: true,
        };
        let r = app.clinician_report(&input).expect("report");
        eprintln!("{days} days: {} pages, {} KB", r.pages, r.pdf.len() / 1024);
        group.bench_function(format!("{days} days, every section: PDF + CSV"), |b| {
            b.iter(|| app.clinician_report(&input).expect("report"))
        });
    }
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
