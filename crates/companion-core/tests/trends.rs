//! The trends screen from real data files: ranges, gaps, empty ranges, a move across zones,
//! ten years of made-up data, and snapshots of the SVG so a chart change shows as a diff.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::{America::New_York, Europe::Berlin};
use companion_core::synthetic::{fill, Spec};
use companion_core::*;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("instant")
        .with_timezone(&Utc)
}

fn open(now: &str) -> (tempfile::TempDir, Arc<FakeClock>, Companion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FakeClock::new(at(now), Berlin));
    let app = Companion::open_in(dir.path(), clock.clone()).expect("open");
    (dir, clock, app)
}

fn checkin(day: &str, mood: i64, craving: i64, sleep: Option<(&str, &str)>) -> CheckinInput {
    CheckinInput {
        day: day.into(),
        mood: Some(mood),
        craving: Some(craving),
        note: String::new(),
        sleep: sleep.map(|(bed, wake)| SleepInput {
            bed_time: bed.into(),
            lights_off: bed.into(),
            latency_min: Some(15),
            awakenings: Some(1),
            awake_min: Some(15),
            final_wake: wake.into(),
            out_of_bed: wake.into(),
            quality: Some(3),
        }),
    }
}

/// A small fixed week: 2026-11-19 to 2026-11-25, one night missing, one day without entries.
fn small_week(app: &Companion, clock: &FakeClock) {
    let days = [
        ("2026-11-19", 3, 8, Some(("23:30", "05:30"))),
        ("2026-11-20", 4, 7, Some(("23:00", "06:00"))),
        ("2026-11-21", 4, 7, None),
        ("2026-11-23", 5, 5, Some(("22:30", "06:30"))),
        ("2026-11-24", 6, 4, Some(("22:45", "07:00"))),
        ("2026-11-25", 6, 3, Some(("22:30", "07:15"))),
    ];
    for (day, mood, craving, sleep) in days {
        app.save_checkin(None, &checkin(day, mood, craving, sleep))
            .expect("check-in");
    }
    for (when, strength, note) in [
        ("2026-11-19T18:30", 9, "after dinner"),
        ("2026-11-19T21:00", 7, "tired"),
        ("2026-11-20T19:10", 8, "after dinner"),
        ("2026-11-24T20:00", 5, ""),
    ] {
        clock.set(at("2026-11-25T11:00:00Z"));
        app.save_craving(
            None,
            &CravingInput {
                at: Some(when.into()),
                intensity: Some(strength),
                context: note.into(),
            },
        )
        .expect("craving");
    }
}

#[test]
fn a_week_in_figures_with_gaps_kept_as_gaps() {
    let (_d, clock, app) = open("2026-11-25T11:00:00Z");
    small_week(&app, &clock);
    let d = app.dashboard(Range::Week, Theme::Light).expect("dashboard");
    assert_eq!(
        (d.from.as_str(), d.to.as_str()),
        ("2026-11-19", "2026-11-25")
    );
    let t = app.trend_days(Range::Week).expect("days");
    assert_eq!(
        (t.from.as_str(), t.to.as_str()),
        ("2026-11-19", "2026-11-25")
    );
    assert_eq!(t.craving_days.len(), 7);

    let first = &t.craving_days[0];
    // Check-in 8, logged 9 and 7: highest 9, average 8.0, two logged.
    assert_eq!(
        (first.max, first.avg, first.logged),
        (Some(9), Some(8.0), 2)
    );
    let empty_day = &t.craving_days[3];
    assert_eq!(empty_day.day, "2026-11-22");
    assert_eq!(
        (empty_day.max, empty_day.avg, empty_day.logged),
        (None, None, 0)
    );
    assert!(
        empty_day.rolling.is_some(),
        "the rolling average carries over a gap"
    );
    assert_eq!(
        t.sleep_nights[2].total_sleep_min, None,
        "a night without a diary is a gap, not zero"
    );
    assert_eq!(t.sleep_nights[0].total_sleep_min, Some(330));
    assert_eq!(t.mood_days[6].avg, Some(6.0));

    for chart in [&d.craving, &d.sleep, &d.mood] {
        let svg = chart.svg.as_deref().expect("drawn");
        assert!(svg.starts_with("<svg"), "{}", &svg[..60]);
        assert!(svg.contains(&format!("<title>{}</title>", chart.title)));
        assert!(svg.contains(&format!("<desc>{}</desc>", chart.desc)));
    }
    assert!(
        d.craving
            .desc
            .contains("6 days with a craving rating and 4 cravings logged"),
        "{}",
        d.craving.desc
    );
    assert!(
        d.sleep.desc.contains("5 nights with a sleep diary"),
        "{}",
        d.sleep.desc
    );
}

#[test]
fn svg_snapshots() {
    let (_d, clock, app) = open("2026-11-25T11:00:00Z");
    small_week(&app, &clock);
    let light = app.dashboard(Range::Week, Theme::Light).expect("light");
    let dark = app.dashboard(Range::Week, Theme::Dark).expect("dark");
    insta::assert_snapshot!("craving_light", light.craving.svg.expect("svg"));
    insta::assert_snapshot!("sleep_light", light.sleep.svg.expect("svg"));
    insta::assert_snapshot!("mood_light", light.mood.svg.expect("svg"));
    insta::assert_snapshot!("craving_dark", dark.craving.svg.expect("svg"));
}

#[test]
fn an_empty_range_says_so_instead_of_drawing_axes() {
    let (_d, _clock, app) = open("2026-11-25T11:00:00Z");
    for range in [Range::Week, Range::All] {
        let d = app.dashboard(range, Theme::Light).expect("dashboard");
        assert!(d.craving.svg.is_none() && d.sleep.svg.is_none() && d.mood.svg.is_none());
        assert!(
            d.craving.desc.starts_with("No cravings or check-ins"),
            "{}",
            d.craving.desc
        );
        assert!(d.insights.is_empty());
    }
    // Only cravings: the sleep chart alone says it has nothing.
    app.save_craving(
        None,
        &CravingInput {
            at: None,
            intensity: Some(4),
            context: String::new(),
        },
    )
    .expect("c");
    let d = app
        .dashboard(Range::Month, Theme::Light)
        .expect("dashboard");
    assert!(d.craving.svg.is_some());
    assert!(d.sleep.svg.is_none());
    assert!(
        d.sleep.desc.starts_with("No sleep diary"),
        "{}",
        d.sleep.desc
    );
}

#[test]
fn ranges_cover_their_days_and_all_starts_at_the_first_entry() {
    let (_d, _clock, app) = open("2026-11-25T11:00:00Z");
    app.save_checkin(None, &checkin("2026-10-01", 5, 5, None))
        .expect("old");
    for (range, days) in [
        (Range::Week, 7),
        (Range::Month, 30),
        (Range::Quarter, 90),
        (Range::Year, 365),
    ] {
        let d = app.dashboard(range, Theme::Light).expect("dashboard");
        let t = app.trend_days(range).expect("days");
        assert_eq!(t.craving_days.len(), days, "{range:?}");
        assert_eq!((d.to.as_str(), t.to.as_str()), ("2026-11-25", "2026-11-25"));
    }
    let all = app.dashboard(Range::All, Theme::Light).expect("all");
    assert_eq!(all.from, "2026-10-01");
    assert_eq!(
        app.trend_days(Range::All).expect("days").craving_days.len(),
        56
    );
}

#[test]
fn a_move_across_zones_keeps_each_craving_on_its_local_day() {
    let (_d, clock, app) = open("2026-11-24T22:30:00Z");
    // 23:30 in Berlin on the 24th ...
    app.save_craving(
        None,
        &CravingInput {
            at: None,
            intensity: Some(6),
            context: String::new(),
        },
    )
    .expect("berlin");
    // ... and, after flying west, 19:00 in New York on the 25th (00:00 UTC on the 26th).
    clock.set(at("2026-11-26T00:00:00Z"));
    clock.set_zone(New_York);
    app.save_craving(
        None,
        &CravingInput {
            at: None,
            intensity: Some(2),
            context: String::new(),
        },
    )
    .expect("new york");
    let d = app.dashboard(Range::Week, Theme::Light).expect("dashboard");
    let t = app.trend_days(Range::Week).expect("days");
    let by_day: Vec<(&str, u32)> = t
        .craving_days
        .iter()
        .filter(|c| c.logged > 0)
        .map(|c| (c.day.as_str(), c.logged))
        .collect();
    assert_eq!(by_day, [("2026-11-24", 1), ("2026-11-25", 1)]);
    assert_eq!(d.to, "2026-11-25", "today is the New York day");
}

#[test]
fn ten_years_of_made_up_data_load_and_draw() {
    let (_d, _clock, app) = open("2026-11-25T11:00:00Z");
    let last = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let (checkins, cravings) =
        fill(&app, &Spec::ten_years(last)).expect("synthetic data is valid data");
    println!("ten years of synthetic data: {checkins} check-ins, {cravings} cravings");
    assert!(checkins > 3000, "{checkins}");
    assert!(cravings > checkins, "{cravings}");
    let d = app.dashboard(Range::All, Theme::Dark).expect("dashboard");
    assert_eq!(
        app.trend_days(Range::All).expect("days").craving_days.len() as i64,
        (last - (last - Duration::days(3649))).num_days() + 2
    );
    assert!(d.craving.svg.is_some() && d.sleep.svg.is_some() && d.mood.svg.is_some());
    let with_diary = app
        .trend_days(Range::All)
        .expect("days")
        .sleep_nights
        .iter()
        .filter(|n| n.total_sleep_min.is_some())
        .count();
    assert!(
        with_diary > 2500 && with_diary < 3300,
        "most nights, not all: {with_diary}"
    );
    let ids: Vec<&str> = d.insights.iter().map(|i| i.id.as_str()).collect();
    assert!(
        ids.contains(&"sleep-craving")
            && ids.contains(&"craving-hours")
            && ids.contains(&"craving-notes"),
        "{ids:?}"
    );
}

#[test]
fn one_year_of_made_up_data() {
    let (_d, _clock, app) = open("2026-11-25T11:00:00Z");
    let last = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let (checkins, cravings) = fill(&app, &Spec::years(1, last)).expect("valid");
    println!("one year of synthetic data: {checkins} check-ins, {cravings} cravings");
    assert!(
        checkins > 300 && cravings > checkins,
        "{checkins} {cravings}"
    );
}

/// Prints how large the charts are for ten years (run with --nocapture), and holds them to a
/// size a web view decodes at once.
#[test]
fn ten_year_charts_stay_a_reasonable_size() {
    let (_d, _clock, app) = open("2026-11-25T11:00:00Z");
    fill(
        &app,
        &Spec::ten_years(NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")),
    )
    .expect("fill");
    for range in [Range::Year, Range::All] {
        let d = app.dashboard(range, Theme::Light).expect("dashboard");
        let sizes: Vec<usize> = [&d.craving, &d.sleep, &d.mood]
            .iter()
            .map(|c| c.svg.as_ref().map_or(0, String::len))
            .collect();
        println!("{range:?} over ten years, SVG sizes in bytes: {sizes:?}");
        let (mark, days_in) = match range {
            Range::Year => ("Week's average", "Each mark is a week, Monday to Sunday"),
            _ => ("Month's average", "Each mark is a calendar month"),
        };
        for c in [&d.craving, &d.mood] {
            let svg = c.svg.as_deref().unwrap_or("");
            assert!(
                svg.contains(&mark.replace('\'', "&apos;")),
                "{range:?}: {}",
                c.title
            );
            assert!(c.desc.contains(days_in), "{range:?}: {}", c.desc);
        }
        assert!(d.sleep.desc.contains(days_in), "{}", d.sleep.desc);
        // The tables still list every day.
        let t = app.trend_days(range).expect("days");
        assert_eq!(t.craving_days.len(), days_in_range(&d.from, &d.to));
        // To look at them: DUMP_CHARTS=folder writes each as a PNG.
        if let Some(dir) = std::env::var_os("DUMP_CHARTS") {
            for (name, c) in [
                ("craving", &d.craving),
                ("sleep", &d.sleep),
                ("mood", &d.mood),
            ] {
                let png = companion_core::charts::render::png(c.svg.as_deref().unwrap_or(""), 1.0)
                    .expect("png");
                std::fs::write(
                    std::path::Path::new(&dir).join(format!("{name}-{range:?}.png")),
                    png,
                )
                .expect("dump");
            }
        }
        // Charts of long ranges are drawn by the week or the month, so their size no longer
        // grows with the days in them (one mark a day made 0.9–1.3 MB each).
        assert!(sizes.iter().all(|&s| s < 150 << 10), "{range:?}: {sizes:?}");
    }
}

#[test]
fn a_chart_for_export_is_the_one_on_screen() {
    let (_d, clock, app) = open("2026-11-25T11:00:00Z");
    assert_eq!(
        app.chart_svg(ChartKind::Sleep, Range::Week, Theme::Light)
            .expect_err("nothing yet")
            .kind(),
        ErrorKind::Invalid
    );
    small_week(&app, &clock);
    let shown = app.dashboard(Range::Week, Theme::Dark).expect("dashboard");
    let (name, svg) = app
        .chart_svg(ChartKind::Sleep, Range::Week, Theme::Dark)
        .expect("svg");
    assert_eq!(name, "sleep-2026-11-19-to-2026-11-25");
    assert_eq!(Some(svg), shown.sleep.svg);
}

fn days_in_range(from: &str, to: &str) -> usize {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    (day(to) - day(from)).num_days() as usize + 1
}
