//! The TypeScript types the web view uses, generated from the Rust types so the two cannot
//! drift. The test fails when `ui/src/lib/bindings.ts` differs from what the types say; run it
//! with `UPDATE_BINDINGS=1` to write the file anew.

use ts_rs::{Config, TS};

use crate::*;

fn generate() -> String {
    let cfg = Config::default();
    let decls = [
        ErrorKind::decl(&cfg),
        ErrorBody::decl(&cfg),
        EntryKind::decl(&cfg),
        Today::decl(&cfg),
        SleepInput::decl(&cfg),
        SleepSummary::decl(&cfg),
        SleepView::decl(&cfg),
        CheckinInput::decl(&cfg),
        CheckinView::decl(&cfg),
        CravingInput::decl(&cfg),
        CravingView::decl(&cfg),
        Entry::decl(&cfg),
        DayEntries::decl(&cfg),
        HistoryPage::decl(&cfg),
        Range::decl(&cfg),
        Theme::decl(&cfg),
        ChartView::decl(&cfg),
        CravingDay::decl(&cfg),
        SleepNight::decl(&cfg),
        MoodDay::decl(&cfg),
        Insight::decl(&cfg),
        Dashboard::decl(&cfg),
        TrendDays::decl(&cfg),
        ChartKind::decl(&cfg),
        ExportFormat::decl(&cfg),
        diary::DiaryFormat::decl(&cfg),
        diary::DayRange::decl(&cfg),
        diary::KindCount::decl(&cfg),
        diary::MoodLabel::decl(&cfg),
        diary::DaylioPreview::decl(&cfg),
        diary::LabelValue::decl(&cfg),
        diary::Skipped::decl(&cfg),
        diary::BearableCounts::decl(&cfg),
        diary::sync::ComputerView::decl(&cfg),
        diary::sync::SyncView::decl(&cfg),
        diary::sync::VersionField::decl(&cfg),
        diary::sync::OtherVersion::decl(&cfg),
        store::backup::Reason::decl(&cfg),
        store::backup::EntryCounts::decl(&cfg),
        store::backup::BackupInfo::decl(&cfg),
        PrivacyView::decl(&cfg),
        checkups::Instrument::decl(&cfg),
        checkups::Band::decl(&cfg),
        checkups::CheckupInput::decl(&cfg),
        checkups::Questionnaire::decl(&cfg),
        checkups::CheckupView::decl(&cfg),
        checkups::CheckupsView::decl(&cfg),
        report::ReportSections::decl(&cfg),
        report::ReportInput::decl(&cfg),
        report::ReportOptions::decl(&cfg),
        report::ReportSaved::decl(&cfg),
        LockInput::decl(&cfg),
        EncryptionInput::decl(&cfg),
        ReminderKind::decl(&cfg),
        ReminderInput::decl(&cfg),
        ReminderView::decl(&cfg),
        ReminderSettings::decl(&cfg),
        WaterToday::decl(&cfg),
        RemindersView::decl(&cfg),
        Pause::decl(&cfg),
        Firing::decl(&cfg),
        ReminderEvent::decl(&cfg),
        reminders::notify::DesktopStatus::decl(&cfg),
        journey::DoseUnit::decl(&cfg),
        journey::Preparation::decl(&cfg),
        journey::DoseInput::decl(&cfg),
        journey::DoseView::decl(&cfg),
        journey::DoseLogged::decl(&cfg),
        journey::Stretch::decl(&cfg),
        journey::TimelineCard::decl(&cfg),
        journey::Phase::decl(&cfg),
        journey::Symptom::decl(&cfg),
        journey::SymptomScore::decl(&cfg),
        journey::SymptomInput::decl(&cfg),
        journey::SymptomCheck::decl(&cfg),
        journey::SymptomAxis::decl(&cfg),
        journey::SymptomTrend::decl(&cfg),
        journey::StepKind::decl(&cfg),
        journey::Step::decl(&cfg),
        journey::TaperInput::decl(&cfg),
        journey::TaperPlanView::decl(&cfg),
        journey::TaperDay::decl(&cfg),
        journey::TaperView::decl(&cfg),
        journey::TaperPreview::decl(&cfg),
        journey::TaperProgress::decl(&cfg),
        journey::RecoveryPlan::decl(&cfg),
        journey::ContactKind::decl(&cfg),
        journey::ContactInput::decl(&cfg),
        journey::Contact::decl(&cfg),
        journey::PlanSection::decl(&cfg),
        journey::PlanView::decl(&cfg),
        journey::HelpView::decl(&cfg),
        journey::HelpPrompt::decl(&cfg),
        journey::UrgeSurfInput::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in crates/companion-core by its `bindings` test.\n\
         // Do not edit by hand: run `UPDATE_BINDINGS=1 cargo test -p companion-core bindings`.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    // The core's text limits as values, so forms can say them without copying them.
    out.push_str(&format!(
        "/** The core's text limits, in characters. */\n\
         export const LIMITS = {{\n  checkinNote: {},\n  cravingContext: {},\n  doseNote: {},\n  taperNote: {},\n  planText: {},\n}} as const;\n",
        crate::model::checkin::NOTE_MAX_CHARS,
        crate::model::craving::CONTEXT_MAX_CHARS,
        journey::DOSE_NOTE_MAX_CHARS,
        journey::TAPER_NOTE_MAX_CHARS,
        journey::PLAN_TEXT_MAX,
    ));
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn bindings_match_the_committed_file() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
    let want = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &want).expect("write bindings");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/lib/bindings.ts is out of date with the Rust types. \
         Run `UPDATE_BINDINGS=1 cargo test -p companion-core bindings` and commit the result."
    );
}
