//! The clinician report read back the way anyone would read it: its text extracted from the
//! PDF with poppler's `pdftotext` (installed by the set-up), checked against what the made-up
//! taper logged, written from the rule (planned amounts, logged amounts, scores of the answers
//! given), not from the report's code.

use std::path::Path;
use std::process::Command;

use chrono::{Duration, NaiveDate};
use chrono_tz::Europe::Berlin;
use companion_core::journey::RecoveryPlan;
use companion_core::report::{ReportInput, ReportSections};
use companion_core::synthetic::taper_weeks;

use crate::common::open;

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    assert!(out.status.success(), "pdftotext: {out:?}");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Grams as a person writes them: "5.75 g", "6 g".
fn grams(mg: u32) -> String {
    let whole = mg / 1000;
    let rest = mg % 1000;
    if rest == 0 {
        format!("{whole} g")
    } else {
        let frac = format!("{rest:03}");
        format!("{whole}.{} g", frac.trim_end_matches('0'))
    }
}

fn input(from: NaiveDate, to: NaiveDate, sections: ReportSections) -> ReportInput {
    ReportInput {
        from: from.to_string(),
        to: to.to_string(),
        sections,
        csv: true,
    }
}

#[test]
fn a_thirty_day_taper_report_shows_the_period_each_days_amounts_and_the_scores_and_no_notes() {
    let (dir, clock, app) = open("2026-10-01T06:00:00Z", Berlin);
    let start = NaiveDate::from_ymd_opt(2026, 10, 1).expect("day");
    let log = taper_weeks(&app, &clock, start, 30).expect("taper");
    app.save_recovery_plan(&RecoveryPlan {
        warning_signs: "Not answering the phone".into(),
        safer_surroundings: "Sam keeps what is left".into(),
        ..RecoveryPlan::default()
    })
    .expect("plan");
    // On the last day, a PHQ-9 with "Several days" to question 9: the app shows a help prompt,
    // and the report says so and why.
    app.save_checkup(&companion_core::checkups::CheckupInput {
        instrument: companion_core::checkups::Instrument::Phq9,
        answers: [2, 1, 2, 1, 1, 1, 1, 0, 1].into_iter().map(Some).collect(),
        difficulty: Some(1),
    })
    .expect("check-up");
    let last = start + Duration::days(29);

    let path = dir.path().join("report.pdf");
    let saved = app
        .save_report(&input(start, last, ReportSections::default()), &path)
        .expect("report");
    let text = pdftotext(&path);
    // To look at it: REPORT_SAMPLE=/tmp/report.pdf cargo test ... report
    if let Some(keep) = std::env::var_os("REPORT_SAMPLE") {
        std::fs::copy(&path, keep).expect("keep the sample");
    }
    assert!((2..=5).contains(&saved.pages), "{} pages", saved.pages);

    // The period, on the first page and in every footer.
    assert!(text.contains("1 October 2026 to 30 October 2026"), "period");
    let compact = |s: &str| s.split_whitespace().collect::<String>();
    assert_eq!(
        compact(&text)
            .matches("Recordedbythepatientinaself-trackingapp")
            .count(),
        saved.pages as usize,
        "the footer on every page"
    );
    // Every day of the plan has its row: the day, the planned amount, the logged amount and
    // how they compare, in that order. (Compared without spaces: pdftotext guesses the gaps
    // between words from their positions and sometimes joins "6 g" into "6g".)
    let rows: Vec<String> = text.lines().map(compact).collect();
    for (day, planned, taken) in &log.days {
        let label = compact(&day.format("%a %-d %b").to_string());
        let row = rows
            .iter()
            .find(|l| l.starts_with(&label))
            .unwrap_or_else(|| panic!("no row for {label}"));
        let rest = match taken {
            None => "notlogged".to_owned(),
            Some(t) if t > planned => format!("{}{}over", grams(*t), grams(t - planned)),
            Some(t) => format!("{}asplanned", grams(*t)),
        };
        let expected = compact(&format!("{label}{}{rest}", grams(*planned)));
        assert!(row.starts_with(&expected), "{expected} in {row:?}");
    }
    // The check-ups: PHQ-9 answers 2,1,2,1,1,1,1,0,0 add up to 9 (mild, 5–9); GAD-7 answers
    // 2,1,1,2,1,1,0 to 8 (mild, 5–9).
    assert!(text.contains("9 of 27"), "PHQ-9 score");
    assert!(text.contains("8 of 21"), "GAD-7 score");
    assert!(text.contains("Mild"), "band");
    assert!(
        text.contains("10 of 27") && text.contains("Moderate"),
        "the last PHQ-9"
    );
    let prompts = compact(
        text.split("Suggestions to reach out")
            .nth(1)
            .expect("prompts"),
    );
    assert!(
        prompts.contains(&compact(
            "On 30 Oct: You said that thoughts of being better off dead"
        )),
        "{prompts}"
    );
    assert!(
        prompts.contains(&compact("“Several days” to question 9")),
        "{prompts}"
    );
    // The plan as written, and no note: notes are off unless chosen.
    assert!(text.contains("Sam keeps what is left"));
    assert!(!text.contains("Diary note"), "a note leaked");
    assert!(!text.contains("private line"), "a note leaked");
    let bytes = std::fs::read(&path).expect("pdf");
    assert!(!String::from_utf8_lossy(&bytes).contains("private line"));

    // The font is embedded (and subset), so it looks the same everywhere.
    let fonts = Command::new("pdffonts")
        .arg(&path)
        .output()
        .expect("pdffonts");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        assert!(row.contains("DejaVuSans"), "{row}");
        assert!(row.contains(" yes yes "), "embedded and subset: {row}");
    }

    // The CSV beside it has the same planned amounts, one row a day.
    let csv_path = saved.csv_path.expect("csv");
    let csv = std::fs::read_to_string(&csv_path).expect("csv");
    assert!(csv.starts_with("date,measure,value,unit,detail\n"));
    for (day, planned, taken) in &log.days {
        assert!(
            csv.contains(&format!("{day},taper_planned,{planned},mg,")),
            "{day}"
        );
        let logged = taken
            .filter(|t| *t > 0)
            .map(|t| t.to_string())
            .unwrap_or_default();
        assert!(
            csv.contains(&format!("{day},taper_logged,{logged},mg,")),
            "{day}"
        );
    }
    assert!(csv.contains(",phq9_total,9,points,Mild"));
    assert!(!csv.contains("private line"));

    // With notes chosen, they are there.
    let with_notes = dir.path().join("with-notes.pdf");
    app.save_report(
        &input(
            start,
            last,
            ReportSections {
                notes: true,
                ..ReportSections::default()
            },
        ),
        &with_notes,
    )
    .expect("report");
    assert!(pdftotext(&with_notes).contains("Diary note 29: a private line for day 29."));

    // The next report starts the day after this one ended.
    clock.advance(Duration::days(6));
    let options = app.report_options().expect("options");
    assert_eq!(options.from, "2026-10-31");
    assert_eq!(options.last_report.as_deref(), Some("2026-10-30"));
    assert!(!options.sections.notes, "notes are off by default");
}

#[test]
fn a_section_turned_off_is_not_in_the_report() {
    let (_dir, clock, app) = open("2026-10-01T06:00:00Z", Berlin);
    let start = NaiveDate::from_ymd_opt(2026, 10, 1).expect("day");
    taper_weeks(&app, &clock, start, 14).expect("taper");
    let last = start + Duration::days(13);
    let report = app
        .clinician_report(&input(
            start,
            last,
            ReportSections {
                taper: false,
                checkups: false,
                ..ReportSections::default()
            },
        ))
        .expect("report");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &report.pdf).expect("write");
    let text = pdftotext(&path);
    assert!(!text.contains("Taper plan"));
    assert!(!text.contains("Planned"));
    assert!(!text.contains("PHQ-9"));
    assert!(!report.csv.contains("taper_planned"));
    assert!(!report.csv.contains("phq9_total"));
    // The rest is still there.
    assert!(text.contains("Sleep diary by week"));
    assert!(report.csv.contains("total_sleep_time"));
}

#[test]
fn a_period_that_cannot_be_reported_names_its_field_and_writes_nothing() {
    let (dir, _clock, app) = open("2026-10-20T10:00:00Z", Berlin);
    let path = dir.path().join("report.pdf");
    let day = |s: &str| s.parse::<NaiveDate>().expect("day");
    for (from, to, field) in [
        ("2026-10-01", "2026-10-21", "to"),
        ("2026-10-10", "2026-10-09", "to"),
        ("2025-10-01", "2026-10-20", "from"),
    ] {
        let e = app
            .save_report(&input(day(from), day(to), ReportSections::default()), &path)
            .expect_err(from);
        assert_eq!(e.field(), Some(field), "{from}..{to}");
    }
    let e = app
        .save_report(
            &ReportInput {
                from: "1 October".into(),
                to: "2026-10-20".into(),
                sections: ReportSections::default(),
                csv: false,
            },
            &path,
        )
        .expect_err("bad day");
    assert_eq!(e.field(), Some("from"));
    assert!(!path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path())
            .expect("dir")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".pdf"))
            })
            .count(),
        0
    );
    // An empty diary still makes an honest report.
    let report = app
        .clinician_report(&input(
            day("2026-10-07"),
            day("2026-10-20"),
            ReportSections::default(),
        ))
        .expect("empty");
    assert!(report.pages >= 1);
}

#[test]
fn the_safety_plan_prints_on_one_page_with_every_section_written() {
    let (dir, _clock, app) = open("2026-10-20T10:00:00Z", Berlin);
    let plan = RecoveryPlan {
        warning_signs: "I stop eating".into(),
        coping_steps: "Cold water on my face".into(),
        distractions: "The library".into(),
        helpers: "My sister".into(),
        professionals: "Dr. Lee".into(),
        safer_surroundings: "The rest goes to the pharmacy".into(),
        reasons: "My kids".into(),
        triggers: "Payday".into(),
    };
    app.save_recovery_plan(&plan).expect("plan");
    let path = dir.path().join("plan.pdf");
    app.save_plan_pdf(&path).expect("pdf");
    let text = pdftotext(&path);
    assert_eq!(text.matches('\u{c}').count(), 1, "one page");
    for (heading, words) in [
        ("My warning signs", "I stop eating"),
        ("Things I can do on my own", "Cold water on my face"),
        ("People and places that take my mind off it", "The library"),
        ("People I can ask for help", "My sister"),
        ("Professionals and services I can contact", "Dr. Lee"),
        (
            "Making my surroundings safer",
            "The rest goes to the pharmacy",
        ),
    ] {
        assert!(text.contains(heading), "{heading}");
        assert!(text.contains(words), "{words}");
    }
    // The sixth step names the means plainly, beside the person's own words.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("stored medicines") && flat.contains("firearm"),
        "{flat}"
    );
    // The numbers of the region guessed from the time zone (Berlin), each with when it answers.
    assert!(
        flat.contains("Emergency services in Germany: Call 112"),
        "{flat}"
    );
    assert!(
        flat.contains("TelefonSeelsorge: Call 0800 111 0 111"),
        "{flat}"
    );
    assert!(flat.contains("at any hour"), "{flat}");
    assert!(
        !flat.contains("day and night"),
        "no promise the data does not make"
    );
}

#[test]
fn the_safety_plan_prints_the_chosen_regions_lines_even_when_nothing_is_written() {
    let (dir, _clock, app) = open("2026-10-20T10:00:00Z", Berlin);
    app.set_crisis_region("ie").expect("ireland");
    let path = dir.path().join("plan.pdf");
    app.save_plan_pdf(&path).expect("pdf");
    let flat = pdftotext(&path)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains("Making my surroundings safer"), "{flat}");
    assert!(flat.contains("firearm"), "{flat}");
    assert!(
        flat.contains("Emergency services in Ireland: Call 112 or 999"),
        "{flat}"
    );
    assert!(flat.contains("116 123") && flat.contains("50808"), "{flat}");
    assert!(
        !flat.contains("1800 459 459"),
        "a drugs line in office hours is not for danger"
    );
}
