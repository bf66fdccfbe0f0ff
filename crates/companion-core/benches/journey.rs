//! Criterion benchmarks of the detox screens on a year of made-up entries: the home timeline
//! card (with the help prompts), the symptom chart by detox day, the taper screen, and logging
//! one dose. `cargo bench -p companion-core --bench journey`; figures in BENCHMARKS.md.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use companion_core::journey::*;
use companion_core::{Companion, FakeClock, Theme};
use criterion::{criterion_group, criterion_main, Criterion};

fn dose(at: Option<String>, g: f64) -> DoseInput {
    DoseInput {
        at,
        amount: Some(g),
        unit: DoseUnit::Grams,
        grams_per_capsule: None,
        form: Preparation::Powder,
        note: String::new(),
    }
}

/// A year of two doses a day and a daily symptom check, then a taper plan from 30 days ago.
fn a_year() -> (tempfile::TempDir, Arc<FakeClock>, Companion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let now = DateTime::parse_from_rfc3339("2026-11-25T20:00:00Z")
        .expect("now")
        .with_timezone(&Utc);
    let start = now - Duration::days(365);
    let clock = Arc::new(FakeClock::new(start, chrono_tz::Europe::Berlin));
    let app = Companion::open_in(dir.path(), clock.clone()).expect("open");
    for d in 0..365 {
        let day = start + Duration::days(d);
        clock.set(day);
        app.log_dose(&dose(None, 4.0 + f64::from(d as i32 % 5) / 4.0))
            .expect("dose");
        clock.set(day + Duration::hours(6));
        app.log_dose(&dose(None, 3.0)).expect("dose");
        let scores = Symptom::ALL
            .iter()
            .enumerate()
            .map(|(i, &symptom)| SymptomScore {
                symptom,
                score: ((d as usize + i) % 5) as u8,
            })
            .collect();
        let local = (day + Duration::hours(6)).with_timezone(&chrono_tz::Europe::Berlin);
        app.save_symptoms(&SymptomInput {
            day: local.date_naive().to_string(),
            scores,
        })
        .expect("symptoms");
    }
    clock.set(now - Duration::days(30));
    let today = (now - Duration::days(30))
        .with_timezone(&chrono_tz::Europe::Berlin)
        .date_naive()
        .to_string();
    app.save_taper_plan(
        &TaperInput {
            start_day: today,
            start_grams: Some(7.0),
            target_grams: Some(0.0),
            step_kind: StepKind::Percent,
            step_value: Some(10.0),
            days_per_step: Some(7),
            rounding_grams: Some(0.25),
            doses_per_day: Some(2),
            end_grams: Some(0.5),
            final_below_grams: Some(2.5),
            final_step_grams: Some(0.25),
            confirm_above_logged: true,
            note: String::new(),
        },
        Theme::Light,
    )
    .expect("plan");
    clock.set(now);
    (dir, clock, app)
}

fn journey(c: &mut Criterion) {
    let (_dir, _clock, app) = a_year();
    let mut group = c.benchmark_group("journey, a year of doses and symptom checks");
    group.sample_size(30);
    group.bench_function("home timeline card with prompts", |b| {
        b.iter(|| app.timeline_card().expect("journey"))
    });
    group.bench_function("symptoms by detox day (chart + 90-day table)", |b| {
        b.iter(|| {
            app.symptom_trend(&[], SymptomAxis::DetoxDay, Theme::Light)
                .expect("trend")
        })
    });
    group.bench_function("taper screen (schedule, comparison, chart)", |b| {
        b.iter(|| app.taper(Theme::Light).expect("taper"))
    });
    group.bench_function("log one dose (WAL, synchronous=FULL)", |b| {
        b.iter(|| app.log_dose(&dose(None, 1.0)).expect("dose"))
    });
    group.finish();
}

criterion_group!(benches, journey);
criterion_main!(benches);
