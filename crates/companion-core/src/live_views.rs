//! (Tests only.) Every read of the diary goes through the `live_*` views, so a deleted entry
//! never shows: SQLite itself checks it as each statement is prepared, through an authorizer
//! that refuses any read of an entry table that no view makes.

use std::sync::{Arc, Mutex};

use chrono::{Duration, NaiveDate, TimeZone};
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};

use crate::export::ChartKind;
use crate::journey::{Symptom, SymptomAxis};
use crate::report::ReportInput;
use crate::stats::Range;
use crate::{Companion, EntryKind, FakeClock, Theme};

/// The tables whose rows can be soft-deleted, each read only through its `live_*` view.
const ENTRY_TABLES: [&str; 3] = ["checkins", "cravings", "doses"];

/// A table name built at run time cannot get past the authorizer. Each read use case runs
/// over a month of a taper with one entry of each kind deleted.
#[test]
fn every_read_goes_through_the_live_views() {
    let dir = tempfile::tempdir().expect("dir");
    let zone = chrono_tz::Europe::Berlin;
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).expect("day");
    let clock = Arc::new(FakeClock::new(
        zone.from_utc_datetime(&start.and_hms_opt(8, 0, 0).expect("time"))
            .to_utc(),
        zone,
    ));
    let app = Companion::open(&dir.path().join("d.sqlite3"), clock.clone()).expect("open");
    crate::synthetic::taper_weeks(&app, &clock, start, 30).expect("a month");
    let page = app.history(None, 10).expect("history");
    for kind in [EntryKind::Checkin, EntryKind::Craving, EntryKind::Dose] {
        let id = page
            .days
            .iter()
            .flat_map(|d| &d.entries)
            .find_map(|e| match (e, kind) {
                (crate::Entry::Checkin(c), EntryKind::Checkin) => Some(c.id),
                (crate::Entry::Craving(c), EntryKind::Craving) => Some(c.id),
                (crate::Entry::Dose(d), EntryKind::Dose) => Some(d.id),
                _ => None,
            })
            .expect("an entry of each kind");
        app.delete(kind, id).expect("delete");
    }

    let refused = Arc::new(Mutex::new(Vec::<String>::new()));
    let seen = Arc::new(Mutex::new(0usize));
    let (r, s) = (refused.clone(), seen.clone());
    app.lock()
        .authorizer(Some(move |ctx: AuthContext<'_>| match ctx.action {
            AuthAction::Read { table_name, .. } if ENTRY_TABLES.contains(&table_name) => {
                if ctx.accessor.is_some() {
                    *s.lock().expect("count") += 1;
                    Authorization::Allow
                } else {
                    r.lock().expect("list").push(table_name.to_owned());
                    Authorization::Deny
                }
            }
            _ => Authorization::Allow,
        }))
        .expect("authorizer");

    app.today();
    app.history(None, 60).expect("history");
    for range in [Range::Week, Range::Month, Range::Year, Range::All] {
        app.dashboard(range, Theme::Light).expect("dashboard");
        app.trend_days(range).expect("trend days");
    }
    for kind in [ChartKind::Craving, ChartKind::Sleep, ChartKind::Mood] {
        app.chart_svg(kind, Range::Month, Theme::Dark)
            .expect("chart");
    }
    app.checkups().expect("check-ups");
    app.reminders().expect("reminders");
    app.timeline_card().expect("timeline");
    app.taper(Theme::Light).expect("taper");
    app.recovery_plan().expect("plan");
    let _ = app.help();
    for axis in [SymptomAxis::DetoxDay, SymptomAxis::StepDown] {
        app.symptom_trend(&[Symptom::Anxiety], axis, Theme::Light)
            .expect("symptom trend");
    }
    let options = app.report_options().expect("report options");
    let last = app.local_today();
    let input = ReportInput {
        from: (last - Duration::days(40)).to_string(),
        to: last.to_string(),
        sections: options.sections,
        csv: true,
    };
    app.clinician_report(&input).expect("report");
    let json = dir.path().join("diary.json");
    let range = crate::diary::DayRange {
        from: None,
        to: None,
    };
    app.export_diary(&json, crate::diary::DiaryFormat::Json, &range, false)
        .expect("export");
    app.export_diary(
        &dir.path().join("diary.zip"),
        crate::diary::DiaryFormat::CsvZip,
        &range,
        false,
    )
    .expect("csv export");
    app.preview_import(&json, false).expect("import preview");

    assert_eq!(*refused.lock().expect("list"), Vec::<String>::new());
    assert!(
        *seen.lock().expect("count") > 30,
        "the views were hardly read: is the authorizer installed?"
    );
}
