//! The detox journey through `Companion` on real data files and a fake clock: doses and the
//! timeline, a dose after a stop, symptom checks by detox day and their part in hydration,
//! taper plans with holds and adjustments against logged doses, the help prompts, the
//! relapse-prevention plan, contacts, crisis regions and urge surfing.

use chrono::Duration;
use chrono_tz::{America::New_York, Europe::Berlin};
use companion_core::journey::*;
use companion_core::*;

use crate::common::{at, open};

fn grams(g: f64) -> DoseInput {
    DoseInput {
        at: None,
        amount: Some(g),
        unit: DoseUnit::Grams,
        grams_per_capsule: None,
        form: Preparation::Powder,
        note: String::new(),
    }
}

fn count(dir: &tempfile::TempDir, table: &str) -> i64 {
    let c = rusqlite::Connection::open(dir.path().join(DATA_FILE)).expect("open");
    c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

fn symptoms(app: &Companion, day: &str, scores: &[(Symptom, u8)]) -> SymptomCheck {
    app.save_symptoms(&SymptomInput {
        day: day.into(),
        scores: scores
            .iter()
            .map(|&(symptom, score)| SymptomScore { symptom, score })
            .collect(),
    })
    .expect("symptoms")
}

/// The ids of the prompts on the home card.
fn prompt_ids(app: &Companion) -> Vec<String> {
    let j = app.timeline_card().expect("journey");
    j.prompts.into_iter().map(|p| p.id).collect()
}

#[test]
fn the_timeline_follows_the_last_dose_through_every_phase() {
    let (_d, clock, app) = open("2026-11-20T20:00:00Z", Berlin);
    let j = app.timeline_card().expect("journey");
    assert_eq!((j.last_dose, j.phase, j.detox_day), (None, None, None));

    let logged = app.log_dose(&grams(4.5)).expect("dose");
    assert_eq!(logged.dose.mg, 4500);
    assert_eq!(logged.ended_stretch_hours, None);
    let phases = [
        (Duration::hours(11), Phase::BeforeSymptoms, 1),
        (Duration::hours(1), Phase::Onset, 1),
        (Duration::hours(12), Phase::Acute, 2),
        (Duration::days(3), Phase::Acute, 5),
        (Duration::days(3), Phase::Tail, 8),
    ];
    for (step, phase, day) in phases {
        clock.advance(step);
        let j = app.timeline_card().expect("journey");
        assert_eq!(j.phase, Some(phase), "after {:?}", j.hours_since);
        assert_eq!(j.detox_day, Some(day));
    }
    assert_eq!(app.timeline_card().expect("j").hours_since, Some(7 * 24));
}

#[test]
fn a_dose_after_a_stop_restarts_the_timeline_and_keeps_the_stretch() {
    let (dir, clock, app) = open("2026-11-20T08:00:00Z", Berlin);
    app.log_dose(&grams(3.0)).expect("dose");
    clock.advance(Duration::hours(6));
    assert_eq!(
        app.log_dose(&grams(2.0)).expect("dose").ended_stretch_hours,
        None
    );
    clock.advance(Duration::hours(74));
    let capsules = DoseInput {
        unit: DoseUnit::Capsules,
        amount: Some(4.0),
        grams_per_capsule: Some(0.5),
        form: Preparation::Capsules,
        ..grams(0.0)
    };
    let logged = app.log_dose(&capsules).expect("after a stop");
    assert_eq!(logged.ended_stretch_hours, Some(74));
    assert_eq!(logged.dose.mg, 2000);
    let j = app.timeline_card().expect("journey");
    assert_eq!(j.phase, Some(Phase::BeforeSymptoms));
    assert_eq!(j.stretches.len(), 1);
    assert_eq!(j.stretches[0].hours, 74);
    assert_eq!(j.stretches[0].from, "2026-11-20T15:00");
    assert_eq!(j.today_mg, 2000);

    // A dose logged late for an earlier time neither restarts the timeline nor says it did.
    let mut earlier = grams(1.0);
    earlier.at = Some("2026-11-21T09:00".into());
    assert_eq!(
        app.log_dose(&earlier)
            .expect("late entry")
            .ended_stretch_hours,
        None
    );
    assert_eq!(
        app.timeline_card().expect("j").last_dose.expect("d").id,
        logged.dose.id
    );

    // Doses are in the history, and can be deleted and brought back.
    let page = app.history(None, 7).expect("history");
    assert!(page.days[0]
        .entries
        .iter()
        .any(|e| matches!(e, Entry::Dose(d) if d.id == logged.dose.id)));
    app.delete(EntryKind::Dose, logged.dose.id).expect("delete");
    assert_eq!(app.timeline_card().expect("j").stretches.len(), 0);
    app.restore(EntryKind::Dose, logged.dose.id).expect("undo");
    assert_eq!(app.timeline_card().expect("j").stretches.len(), 1);
    assert_eq!(count(&dir, "doses"), 4);
}

#[test]
fn bad_doses_name_their_field_and_change_nothing() {
    let (dir, _clock, app) = open("2026-11-20T08:00:00Z", Berlin);
    let capsules_without_size = DoseInput {
        unit: DoseUnit::Capsules,
        amount: Some(3.0),
        ..grams(0.0)
    };
    let mut future = grams(1.0);
    future.at = Some("2026-11-20T12:00".into());
    let cases = [
        (grams(0.0), "amount"),
        (grams(-1.0), "amount"),
        (grams(f64::NAN), "amount"),
        (grams(501.0), "amount"),
        (
            DoseInput {
                amount: None,
                ..grams(1.0)
            },
            "amount",
        ),
        (capsules_without_size, "gramsPerCapsule"),
        (future, "at"),
        (
            DoseInput {
                note: "x".repeat(1001),
                ..grams(1.0)
            },
            "note",
        ),
    ];
    for (input, field) in cases {
        let e = app.log_dose(&input).expect_err(field);
        assert_eq!(e.field(), Some(field), "{e}");
    }
    assert_eq!(count(&dir, "doses"), 0);
}

#[test]
fn symptoms_are_scored_charted_by_detox_day_and_feed_hydration() {
    let (dir, clock, app) = open("2026-11-20T07:00:00Z", Berlin);
    app.log_dose(&grams(5.0)).expect("dose");
    let empty = app.symptom_check("2026-11-20").expect("none yet");
    assert!(!empty.saved);
    assert_eq!(
        (empty.total, empty.max_total, empty.scores.len()),
        (0, 64, 16)
    );

    for (i, (sweat, insomnia)) in [(1, 2), (3, 4), (4, 3), (2, 1)].into_iter().enumerate() {
        clock.set(at("2026-11-20T20:00:00Z") + Duration::days(i as i64));
        let day = (chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("d")
            + Duration::days(i as i64))
        .to_string();
        let c = symptoms(
            &app,
            &day,
            &[
                (Symptom::Sweating, sweat),
                (Symptom::Insomnia, insomnia),
                (Symptom::Anxiety, 2),
            ],
        );
        assert_eq!(c.total, u32::from(sweat + insomnia + 2));
        assert_eq!(c.detox_day, Some(i as u32 + 1));
    }
    // Saving the same day again replaces its scores.
    let c = symptoms(&app, "2026-11-23", &[(Symptom::Chills, 1)]);
    assert_eq!(c.total, 1);
    assert_eq!(count(&dir, "symptom_checks"), 4);

    let trend = app
        .symptom_trend(&[Symptom::Sweating], SymptomAxis::DetoxDay, Theme::Light)
        .expect("trend");
    assert_eq!(trend.rows.len(), 4);
    assert_eq!(trend.rows[0].day, "2026-11-23");
    let desc = &trend.chart.desc;
    assert!(desc.contains("4 symptom checks"), "{desc}");
    assert!(desc.contains("from day 1 to day 4"), "{desc}");
    assert!(desc.contains("highest on day 2 at 9"), "{desc}");
    assert!(trend.chart.svg.expect("svg").contains("<desc>"));

    // Today's check rates no fluid loss; yesterday's sweating does not count today.
    let water = app.reminders().expect("r").reminders;
    let h = water
        .iter()
        .find(|r| r.kind == ReminderKind::Hydration)
        .expect("h");
    assert_eq!(h.adaptive_reason, None);
    symptoms(
        &app,
        "2026-11-23",
        &[(Symptom::Diarrhea, 2), (Symptom::Vomiting, 1)],
    );
    let water = app.reminders().expect("r").reminders;
    let h = water
        .iter()
        .find(|r| r.kind == ReminderKind::Hydration)
        .expect("h");
    let reason = h.adaptive_reason.clone().expect("reason");
    assert!(
        reason.contains("symptom check rates vomiting and diarrhea"),
        "{reason}"
    );

    // Bad input changes nothing.
    let before = app.symptom_check("2026-11-23").expect("c");
    let e = app
        .save_symptoms(&SymptomInput {
            day: "2026-11-23".into(),
            scores: vec![SymptomScore {
                symptom: Symptom::Chills,
                score: 5,
            }],
        })
        .expect_err("5");
    assert_eq!(e.field(), Some("scores"));
    let e = app
        .save_symptoms(&SymptomInput {
            day: "2026-11-24".into(),
            scores: vec![],
        })
        .expect_err("tomorrow");
    assert_eq!(e.field(), Some("day"));
    assert_eq!(app.symptom_check("2026-11-23").expect("c"), before);
}

#[test]
fn symptoms_without_any_dose_say_how_to_see_the_chart() {
    let (_d, _clock, app) = open("2026-11-20T07:00:00Z", Berlin);
    symptoms(&app, "2026-11-20", &[(Symptom::Anxiety, 3)]);
    let t = app
        .symptom_trend(&[], SymptomAxis::DetoxDay, Theme::Dark)
        .expect("trend");
    assert!(t.chart.svg.is_none());
    assert!(
        t.chart.desc.contains("Log your last dose"),
        "{}",
        t.chart.desc
    );
    assert_eq!(
        t.shown,
        [Symptom::Anxiety, Symptom::Cravings, Symptom::Insomnia]
    );
}

fn plan(start: &str) -> TaperInput {
    TaperInput {
        start_day: start.into(),
        start_grams: Some(8.0),
        target_grams: Some(0.0),
        step_kind: StepKind::Amount,
        step_value: Some(1.0),
        days_per_step: Some(3),
        rounding_grams: Some(0.25),
        doses_per_day: Some(2),
        end_grams: None,
        final_below_grams: None,
        final_step_grams: None,
        confirm_above_logged: false,
        note: "Agreed with Dr. Lee".into(),
    }
}

#[test]
fn a_taper_plan_gives_today_compares_doses_and_can_be_held_and_adjusted() {
    let (dir, clock, app) = open("2026-11-01T09:00:00Z", New_York);
    let v = app
        .save_taper_plan(&plan("2026-11-01"), Theme::Light)
        .expect("plan");
    let today = v.today.expect("today");
    assert_eq!(
        (today.planned_mg, today.doses_mg, today.taken_mg),
        (8000, vec![4000, 4000], None)
    );
    assert_eq!(v.steps.len(), 9);
    assert_eq!(v.steps[8].mg, 0);

    // Three days at 7 g with 7.5 g taken each day: over the plan, and a prompt says so.
    for d in 0..6 {
        clock.set(at("2026-11-01T14:00:00Z") + Duration::days(d));
        app.log_dose(&grams(if d < 3 { 8.0 } else { 7.5 }))
            .expect("dose");
    }
    clock.set(at("2026-11-07T14:00:00Z"));
    let v = app.taper(Theme::Light).expect("taper");
    assert_eq!(v.days[0].day, "2026-11-07");
    assert_eq!(v.days[1].planned_mg, 7000);
    assert_eq!(v.days[1].taken_mg, Some(7500));
    assert!(
        v.chart.desc.contains("3 of them were above the plan"),
        "{}",
        v.chart.desc
    );
    let prompts = app.timeline_card().expect("j").prompts;
    assert_eq!(prompts.len(), 1);
    assert_eq!(prompts[0].id, "taper");
    assert!(
        prompts[0].basis.contains("On 3 of the last 7 days"),
        "{}",
        prompts[0].basis
    );

    // Holding today's step keeps 6 g for two more days; later days move, earlier ones do not.
    let before = app.taper(Theme::Light).expect("t").steps;
    let held = app.hold_taper_step(2, Theme::Light).expect("hold");
    assert_eq!(held.today.as_ref().expect("t").planned_mg, 6000);
    assert_eq!(held.steps[2].to.as_deref(), Some("2026-11-11"));
    assert_eq!(held.steps[2].held_days, 2);
    assert_eq!(held.steps[..2], before[..2]);

    // Adjusting from today: a new plan; the days before keep the old one.
    let mut slower = plan("2026-11-07");
    slower.start_grams = Some(6.0);
    slower.step_kind = StepKind::Percent;
    slower.step_value = Some(10.0);
    slower.days_per_step = Some(7);
    // A percentage never reaches zero by itself: the plan must say how it ends.
    let e = app
        .save_taper_plan(&slower, Theme::Light)
        .expect_err("no end");
    assert_eq!(e.field(), Some("endGrams"));
    slower.end_grams = Some(0.5);
    // 10% of 2.25 g is less than the 0.25 g that can be measured.
    let e = app
        .save_taper_plan(&slower, Theme::Light)
        .expect_err("coarse");
    assert_eq!(e.field(), Some("roundingGrams"));
    assert!(e.to_string().contains("below 2.25 g"), "{e}");
    slower.final_below_grams = Some(2.5);
    slower.final_step_grams = Some(0.25);
    let v = app.save_taper_plan(&slower, Theme::Light).expect("adjust");
    let steps: Vec<u32> = v.steps.iter().map(|s| s.mg).collect();
    assert_eq!(
        steps[..3],
        [6000, 5500, 5000],
        "10% of 6 g, rounded up to 5.5 g"
    );
    assert_eq!(steps[steps.len() - 3..], [750, 500, 0]);
    assert_eq!(v.plan.as_ref().expect("plan").start_day, "2026-11-07");
    assert_eq!(v.days[1].planned_mg, 7000, "yesterday keeps the first plan");
    assert_eq!(count(&dir, "taper_plans"), 2);

    // At the target there is no step left to hold.
    clock.set(at("2027-10-01T14:00:00Z"));
    let e = app
        .hold_taper_step(1, Theme::Light)
        .expect_err("at the target");
    assert_eq!(e.field(), Some("days"));
    clock.set(at("2026-11-07T14:00:00Z"));

    // Ending it: no plan in force, the comparison stays.
    let v = app.end_taper_plan(Theme::Light).expect("end");
    assert!(v.plan.is_none() && v.today.is_none());
    assert_eq!(v.days[0].day, "2026-11-06");
    let e = app.hold_taper_step(1, Theme::Light).expect_err("no plan");
    assert_eq!(e.field(), Some("plan"));
}

#[test]
fn bad_taper_plans_are_refused_with_the_field_named() {
    let (dir, _clock, app) = open("2026-11-01T09:00:00Z", Berlin);
    type Change = Box<dyn Fn(&mut TaperInput)>;
    let cases: Vec<(Change, &str)> = vec![
        (Box::new(|p| p.target_grams = Some(9.0)), "targetGrams"),
        (Box::new(|p| p.start_grams = None), "startGrams"),
        (Box::new(|p| p.step_value = Some(0.0)), "stepValue"),
        (
            Box::new(|p| {
                p.step_kind = StepKind::Percent;
                p.step_value = Some(80.0);
            }),
            "stepValue",
        ),
        (Box::new(|p| p.days_per_step = Some(0)), "daysPerStep"),
        (Box::new(|p| p.rounding_grams = None), "roundingGrams"),
        (Box::new(|p| p.doses_per_day = Some(40)), "dosesPerDay"),
        (Box::new(|p| p.start_day = "2026-09-01".into()), "startDay"),
        (Box::new(|p| p.start_day = "2027-09-01".into()), "startDay"),
    ];
    for (change, field) in cases {
        let mut p = plan("2026-11-01");
        change(&mut p);
        let e = app.save_taper_plan(&p, Theme::Light).expect_err(field);
        assert_eq!(e.field(), Some(field), "{e}");
        assert_eq!(app.preview_taper(&p).expect_err(field).field(), Some(field));
    }
    assert_eq!(count(&dir, "taper_plans"), 0);
    let preview = app.preview_taper(&plan("2026-11-01")).expect("preview");
    assert_eq!(preview.steps.first().map(|s| s.mg), Some(8000));
    assert_eq!(preview.ending, "The steps go down to 0 g a day.");
    assert_eq!(preview.above_logged_mg, None, "nothing logged yet");
    for (change, field) in [
        (
            Box::new(|p: &mut TaperInput| p.start_grams = Some(8.1)) as Change,
            "startGrams",
        ),
        (Box::new(|p| p.target_grams = Some(1.1)), "targetGrams"),
        (
            Box::new(|p| {
                p.step_kind = StepKind::Percent;
                p.step_value = Some(10.0);
            }),
            "endGrams",
        ),
        (
            Box::new(|p| {
                p.step_kind = StepKind::Percent;
                p.step_value = Some(10.0);
                p.end_grams = Some(0.5);
                p.rounding_grams = Some(1.0);
            }),
            "roundingGrams",
        ),
        (
            Box::new(|p| {
                p.final_below_grams = Some(3.0);
                p.final_step_grams = Some(0.1);
            }),
            "finalStepGrams",
        ),
        (
            Box::new(|p| p.final_below_grams = Some(3.0)),
            "finalStepGrams",
        ),
        (Box::new(|p| p.end_grams = Some(9.0)), "endGrams"),
    ] {
        let mut p = plan("2026-11-01");
        change(&mut p);
        assert_eq!(
            app.save_taper_plan(&p, Theme::Light)
                .expect_err(field)
                .field(),
            Some(field)
        );
    }
    assert_eq!(count(&dir, "taper_plans"), 0);
}

#[test]
fn help_prompts_come_from_strong_symptoms_low_mood_and_slips() {
    let (_d, clock, app) = open("2026-11-10T09:00:00Z", Berlin);
    let strong = [
        (Symptom::Anxiety, 3),
        (Symptom::Insomnia, 4),
        (Symptom::MuscleAches, 3),
    ];
    symptoms(&app, "2026-11-09", &strong);
    symptoms(&app, "2026-11-10", &strong);
    for d in 4..=10 {
        app.save_checkin(
            None,
            &CheckinInput {
                day: format!("2026-11-{d:02}"),
                mood: Some(1),
                craving: Some(5),
                note: String::new(),
                sleep: None,
            },
        )
        .expect("check-in");
    }
    // Two doses after stops of 36 hours or more, within a month.
    for h in [0, 40, 80] {
        let mut d = grams(2.0);
        d.at = Some(
            (at("2026-11-05T07:00:00Z") + Duration::hours(h))
                .with_timezone(&Berlin)
                .format("%Y-%m-%dT%H:%M")
                .to_string(),
        );
        app.log_dose(&d).expect("dose");
    }
    let ids: Vec<String> = app.help().prompts.into_iter().map(|p| p.id).collect();
    assert_eq!(
        ids,
        [
            "crisis_mood",
            "hard_day",
            "strong_symptoms",
            "low_mood",
            "slips"
        ],
        "insomnia at 4 is a hard day"
    );
    // Four days on, the symptoms no longer count; low mood and slips still do.
    clock.advance(Duration::days(4));
    let ids = prompt_ids(&app);
    assert_eq!(ids, ["slips"]);
}

#[test]
fn plan_contacts_and_crisis_region() {
    let (dir, clock, app) = open("2026-11-10T09:00:00Z", New_York);
    let help = app.help();
    assert_eq!(
        (help.region.as_deref(), help.region_chosen),
        (Some("us"), false)
    );
    clock.set_zone(Berlin);
    assert_eq!(
        app.help().region.as_deref(),
        Some("de"),
        "every country is listed"
    );
    clock.set_zone(chrono_tz::Africa::El_Aaiun);
    assert_eq!(
        app.help().region.as_deref(),
        Some("other"),
        "a place with no listed lines: the general advice"
    );
    clock.set_zone(chrono_tz::Etc::UTC);
    assert_eq!(app.help().region, None, "UTC names no place: ask");
    clock.set_zone("Etc/GMT+5".parse().expect("zone"));
    assert_eq!(app.help().region, None, "nor does Etc/GMT+5");
    // Zones the old hand list sent to "somewhere else".
    for (zone, region) in [
        (chrono_tz::America::Iqaluit, "ca"),
        (chrono_tz::America::Glace_Bay, "ca"),
        (chrono_tz::America::Sitka, "us"),
        (chrono_tz::America::Adak, "us"),
        (chrono_tz::America::Menominee, "us"),
    ] {
        clock.set_zone(zone);
        assert_eq!(app.help().region.as_deref(), Some(region), "{zone}");
    }
    assert_eq!(
        app.set_crisis_region("gb").expect("gb").region.as_deref(),
        Some("gb")
    );
    assert!(app.help().region_chosen);
    assert_eq!(
        app.set_crisis_region("xx").expect_err("xx").field(),
        Some("region")
    );
    assert_eq!(app.help().region.as_deref(), Some("gb"));
    // The choice is kept beside the diary, so help can show it when the diary cannot open.
    let without = HelpView::without_diary(Some(dir.path()), "America/New_York");
    assert_eq!(
        (without.region.as_deref(), without.region_chosen),
        (Some("gb"), true)
    );
    assert!(without.contacts_problem.is_some());

    let plan = RecoveryPlan {
        triggers: "Payday\nLong drives".into(),
        warning_signs: "Skipping meals".into(),
        coping_steps: "Call Sam; walk".into(),
        reasons: "My kids".into(),
        distractions: "The library; Jo's kitchen".into(),
        helpers: "Sam, my sister".into(),
        professionals: "Dr. Lee's clinic, weekdays".into(),
        safer_surroundings: "The rest of the powder goes to the pharmacy's return bin".into(),
    };
    assert_eq!(app.save_recovery_plan(&plan).expect("plan").plan, plan);
    // Every section of the safety plan is bounded and named in its error, and a refused save
    // changes no section.
    for (field, section) in journey::PLAN_SECTIONS {
        let mut long = plan.clone();
        let text: &mut String = match *field {
            "warningSigns" => &mut long.warning_signs,
            "copingSteps" => &mut long.coping_steps,
            "distractions" => &mut long.distractions,
            "helpers" => &mut long.helpers,
            "professionals" => &mut long.professionals,
            "saferSurroundings" => &mut long.safer_surroundings,
            "reasons" => &mut long.reasons,
            "triggers" => &mut long.triggers,
            other => panic!("a section the test does not know: {other}"),
        };
        assert!(!text.is_empty(), "{section} is filled in above");
        *text = "x".repeat(4001);
        let e = app.save_recovery_plan(&long).expect_err(section);
        assert_eq!(e.field(), Some(*field), "{section}");
        assert_eq!(long.section(field).len(), 4001, "{section}");
    }
    let e = app
        .save_recovery_plan(&RecoveryPlan {
            reasons: "r".repeat(4001),
            ..plan.clone()
        })
        .expect_err("long");
    assert_eq!(e.field(), Some("reasons"));
    assert_eq!(app.recovery_plan().expect("p").plan, plan);

    let contact = |kind, name: &str, phone: &str| ContactInput {
        kind,
        name: name.into(),
        phone: phone.into(),
        note: String::new(),
    };
    app.save_contact(
        None,
        &contact(ContactKind::Support, "Sam", "+1 (555) 010-2000"),
    )
    .expect("sam");
    let v = app
        .save_contact(None, &contact(ContactKind::Care, "Dr. Lee", "555-0100"))
        .expect("care");
    assert_eq!(v.contacts.len(), 2);
    let help = app.help();
    assert_eq!(help.contacts.len(), 1, "the care team, not friends");
    assert_eq!(help.contacts[0].name, "Dr. Lee");
    for (c, field) in [
        (contact(ContactKind::Care, "", "1"), "name"),
        (contact(ContactKind::Care, "X", "<script>"), "phone"),
        (contact(ContactKind::Care, "X", &"1".repeat(41)), "phone"),
    ] {
        assert_eq!(
            app.save_contact(None, &c).expect_err(field).field(),
            Some(field)
        );
    }
    let id = help.contacts[0].id;
    app.save_contact(
        Some(id),
        &contact(ContactKind::Care, "Dr. Lee (clinic)", "555-0101"),
    )
    .expect("edit");
    assert_eq!(app.delete_contact(id).expect("delete").contacts.len(), 1);
    assert_eq!(
        app.delete_contact(id).expect_err("gone").kind(),
        ErrorKind::NotFound
    );
    assert_eq!(count(&dir, "contacts"), 1);
}

#[test]
fn urge_surfing_logs_the_craving_and_how_it_eased() {
    let (_d, _clock, app) = open("2026-11-10T09:00:00Z", Berlin);
    let c = app
        .log_urge_surf(&UrgeSurfInput {
            before: Some(8),
            after: Some(3),
            minutes: Some(10),
            context: "After a phone call".into(),
        })
        .expect("surf");
    assert_eq!(
        (c.intensity, c.eased_to, c.surf_min),
        (8, Some(3), Some(10))
    );
    assert_eq!(c.at, "2026-11-10T09:50");
    let e = app
        .log_urge_surf(&UrgeSurfInput {
            before: Some(8),
            after: None,
            minutes: Some(10),
            ..Default::default()
        })
        .expect_err("after");
    assert_eq!(e.field(), Some("after"));
}

/// "A 10 % a week plan drops 25 %, 33 %, 50 %, then 100 %": through the app, every step of an
/// accepted plan is at most the plan's step, and plans that rounding cannot follow are refused.
#[test]
fn a_percentage_plan_never_drops_more_than_its_percentage() {
    let (dir, _clock, app) = open("2026-11-01T09:00:00Z", New_York);
    let mut p = plan("2026-11-01");
    p.start_grams = Some(1.0);
    p.step_kind = StepKind::Percent;
    p.step_value = Some(10.0);
    p.days_per_step = Some(7);
    p.end_grams = Some(0.5);
    let e = app
        .preview_taper(&p)
        .expect_err("1 g at 10% in quarter grams");
    assert_eq!(e.field(), Some("roundingGrams"));
    p.start_grams = Some(9.0);
    p.rounding_grams = Some(10.0);
    assert!(app.preview_taper(&p).is_err(), "9 g measured in 10 g");
    assert_eq!(count(&dir, "taper_plans"), 0);
    // The same pace with a scale that weighs to 0.1 g, and a final phase from 1 g.
    p.start_grams = Some(9.0);
    p.rounding_grams = Some(0.1);
    p.final_below_grams = Some(1.0);
    p.final_step_grams = Some(0.1);
    let steps: Vec<u32> = app
        .save_taper_plan(&p, Theme::Light)
        .expect("a followable plan")
        .steps
        .iter()
        .map(|s| s.mg)
        .collect();
    for w in steps.windows(2) {
        let (a, b) = (f64::from(w[0]), f64::from(w[1]));
        let allowed = if w[0] <= 500 {
            a
        } else if w[0] <= 1000 {
            100.0
        } else {
            a * 0.1
        };
        assert!(
            a - b <= allowed + 1e-9,
            "{} -> {} is more than {allowed} mg",
            w[0],
            w[1]
        );
        assert!(w[1] % 100 == 0, "{} is measurable", w[1]);
    }
    assert_eq!(steps.last(), Some(&0));
}

/// The opening case of the care-promises issue: a long, accepted plan held until the app
/// refuses, with a region chosen. Help keeps its region, every screen still answers, and the
/// plan can always be ended.
#[test]
fn holding_a_long_plan_never_takes_help_away() {
    let (dir, _clock, app) = open("2026-11-01T09:00:00Z", New_York);
    app.set_crisis_region("gb").expect("gb");
    let mut long = plan("2026-11-01");
    long.start_grams = Some(2.0);
    long.step_kind = StepKind::Percent;
    long.step_value = Some(5.0);
    long.days_per_step = Some(30);
    long.rounding_grams = Some(0.01);
    long.end_grams = Some(0.5);
    app.save_taper_plan(&long, Theme::Light)
        .expect("a slow plan is accepted");
    let mut refused = None;
    for i in 0..100 {
        match app.hold_taper_step(60, Theme::Light) {
            Ok(v) => assert!(v.problem.is_none()),
            Err(e) => {
                refused = Some((i, e));
                break;
            }
        }
    }
    let (i, e) = refused.expect("holds stop before the plan passes five years");
    assert!(i > 0, "some holds fit");
    assert_eq!(e.field(), Some("days"));
    assert!(e.to_string().contains("Nothing was changed"), "{e}");
    assert_eq!(count(&dir, "taper_holds"), i);
    let help = app.help();
    assert_eq!(help.region.as_deref(), Some("gb"));
    assert!(help.prompts_problem.is_none() && help.contacts_problem.is_none());
    let j = app.timeline_card().expect("today answers");
    let progress = j.taper.expect("the taper shows on today");
    assert_eq!((progress.step, progress.today.planned_mg), (1, 2000));
    assert!(app
        .taper(Theme::Light)
        .expect("plan answers")
        .problem
        .is_none());
    let v = app
        .end_taper_plan(Theme::Light)
        .expect("ending always works");
    assert!(v.plan.is_none());
}

/// A plan stored under older, looser rules that can no longer be scheduled is shown as such,
/// on its own card; everything else answers, and it can be ended or replaced.
#[test]
fn a_stored_plan_that_cannot_be_scheduled_stays_on_its_own_card() {
    let (dir, _clock, app) = open("2026-11-01T09:00:00Z", New_York);
    app.set_crisis_region("au").expect("au");
    app.save_taper_plan(&plan("2026-11-01"), Theme::Light)
        .expect("plan");
    // 1 g at 10% measured in quarter grams: the old generator made 25% steps of it.
    let c = rusqlite::Connection::open(dir.path().join(DATA_FILE)).expect("open");
    c.execute(
        "UPDATE taper_plans SET start_mg = 1000, step_kind = 'percent', step_value = 10, end_mg = 0",
        [],
    )
    .expect("old plan");
    drop(c);
    let t = app.taper(Theme::Light).expect("the plan card answers");
    assert!(t.plan.is_some());
    let problem = t.problem.expect("says why");
    assert!(
        problem.contains("cannot be turned into a schedule"),
        "{problem}"
    );
    let j = app.timeline_card().expect("today answers");
    assert!(j.taper.is_none() && j.taper_problem.is_some());
    assert_eq!(app.help().region.as_deref(), Some("au"));
    assert!(app.dashboard(Range::Month, Theme::Light).is_ok());
    let e = app
        .hold_taper_step(1, Theme::Light)
        .expect_err("cannot hold");
    assert_eq!(e.field(), Some("days"));
    // Replacing it from today works, and so does ending.
    app.save_taper_plan(&plan("2026-11-01"), Theme::Light)
        .expect("replace");
    assert!(app.taper(Theme::Light).expect("t").problem.is_none());
    assert!(app
        .end_taper_plan(Theme::Light)
        .expect("end")
        .plan
        .is_none());
}

#[test]
fn a_taper_shows_on_the_home_card_and_planned_gaps_are_not_returns() {
    let (_d, clock, app) = open("2026-11-01T14:00:00Z", New_York);
    app.log_dose(&grams(8.0)).expect("dose");
    let mut p = plan("2026-11-01");
    p.days_per_step = Some(7);
    p.step_value = Some(2.0);
    app.save_taper_plan(&p, Theme::Light).expect("plan");
    let t = app.timeline_card().expect("j").taper.expect("taper");
    assert_eq!((t.step, t.steps, t.today.planned_mg), (1, 5, 8000));
    assert_eq!((t.days_since_step_down, t.after_step_down), (None, false));
    assert_eq!(
        (t.next_from.as_deref(), t.next_mg),
        (Some("2026-11-08"), Some(6000))
    );
    // Ten days on, two days after the first step down, with a dose every other day: the plan
    // is followed, so the gaps are not returns after a stop.
    for d in [2, 4, 6, 8, 10] {
        clock.set(at("2026-11-01T14:00:00Z") + Duration::days(d));
        let logged = app.log_dose(&grams(6.0)).expect("dose");
        assert_eq!(logged.ended_stretch_hours, None, "the plan, not a return");
    }
    let j = app.timeline_card().expect("j");
    let t = j.taper.expect("taper");
    assert_eq!(
        (t.step, t.today.planned_mg, t.days_since_step_down),
        (2, 6000, Some(3))
    );
    assert!(t.after_step_down, "three days after a step down");
    assert!(j.prompts.iter().all(|p| p.id != "slips"), "{:?}", j.prompts);
    // Symptoms by days since the step down: checks on the step's second and third day.
    symptoms(
        &app,
        "2026-11-09",
        &[(Symptom::Restlessness, 3), (Symptom::Insomnia, 2)],
    );
    symptoms(&app, "2026-11-10", &[(Symptom::Restlessness, 2)]);
    let t = app
        .symptom_trend(&[], SymptomAxis::StepDown, Theme::Light)
        .expect("by step down");
    assert_eq!(t.axis, SymptomAxis::StepDown);
    assert!(t.chart.svg.is_some());
    assert!(
        t.chart.desc.starts_with(
            "2 symptom checks since the step down on 8 November 2026, from day 2 to day 3"
        ),
        "{}",
        t.chart.desc
    );
    assert_eq!(
        t.rows.iter().map(|r| r.step_day).collect::<Vec<_>>(),
        [Some(3), Some(2)]
    );
    // The same checks by detox day count from the last dose (every other day here).
    let t = app
        .symptom_trend(&[], SymptomAxis::DetoxDay, Theme::Light)
        .expect("by detox day");
    assert!(
        t.chart.desc.contains("since the dose on"),
        "{}",
        t.chart.desc
    );
    // At zero the dose-free timeline takes over.
    clock.set(at("2026-12-01T14:00:00Z"));
    let j = app.timeline_card().expect("j");
    assert!(j.taper.is_none());
    assert!(j.phase.is_some());
}

#[test]
fn a_plan_above_what_was_logged_asks_to_confirm_and_cannot_start_before_the_first_dose() {
    let (dir, clock, app) = open("2026-11-10T14:00:00Z", New_York);
    let mut d = grams(3.0);
    d.at = Some("2026-11-05T09:00".into());
    app.log_dose(&d).expect("dose");
    clock.set(at("2026-11-10T14:00:00Z"));
    let p = plan("2026-11-10");
    assert_eq!(
        app.preview_taper(&p).expect("preview").above_logged_mg,
        Some(3000)
    );
    let e = app
        .save_taper_plan(&p, Theme::Light)
        .expect_err("asks first");
    assert_eq!(e.field(), Some("confirmAboveLogged"));
    assert!(
        e.to_string().contains("8 g a day, more than the 3 g"),
        "{e}"
    );
    assert_eq!(count(&dir, "taper_plans"), 0);
    let mut sure = p.clone();
    sure.confirm_above_logged = true;
    app.save_taper_plan(&sure, Theme::Light).expect("confirmed");
    // Back to the first logged dose, and no further.
    let mut early = sure.clone();
    early.start_day = "2026-11-04".into();
    let e = app
        .save_taper_plan(&early, Theme::Light)
        .expect_err("before the first dose");
    assert_eq!(e.field(), Some("startDay"));
    assert!(e.to_string().contains("5 November"), "{e}");
    early.start_day = "2026-11-05".into();
    app.save_taper_plan(&early, Theme::Light)
        .expect("from the first dose");
}

#[test]
fn urgent_prompts_come_from_a_single_hard_day_and_short_nights() {
    let (_d, _clock, app) = open("2026-11-10T20:00:00Z", Berlin);
    symptoms(
        &app,
        "2026-11-10",
        &[(Symptom::Vomiting, 3), (Symptom::Diarrhea, 3)],
    );
    let ids = prompt_ids(&app);
    assert_eq!(ids, ["hard_day"]);
    symptoms(&app, "2026-11-10", &[(Symptom::LowMood, 4)]);
    let ids: Vec<String> = app.help().prompts.into_iter().map(|p| p.id).collect();
    assert_eq!(ids, ["crisis_mood"]);
    symptoms(&app, "2026-11-10", &[]);
    for (day, wake) in [
        ("2026-11-08", "03:30"),
        ("2026-11-09", "03:00"),
        ("2026-11-10", "02:30"),
    ] {
        app.save_checkin(
            None,
            &CheckinInput {
                day: day.into(),
                mood: Some(5),
                craving: Some(3),
                note: String::new(),
                sleep: Some(SleepInput {
                    bed_time: "23:30".into(),
                    lights_off: "23:45".into(),
                    latency_min: Some(15),
                    awakenings: Some(0),
                    awake_min: Some(0),
                    final_wake: wake.into(),
                    out_of_bed: wake.into(),
                    quality: Some(2),
                }),
            },
        )
        .expect("check-in");
    }
    let j = app.timeline_card().expect("j");
    let ids: Vec<&str> = j.prompts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["short_sleep"]);
    assert!(j.prompts[0].basis.contains("3 nights in a row"));
}

/// One public use case, with arguments drawn at random.
#[derive(Debug, Clone)]
enum Step {
    Plan {
        start_back: i64,
        grams: u32,
        percent: bool,
        value: u32,
        days: i64,
        unit: usize,
        end_tenths: u32,
        final_phase: bool,
        confirm: bool,
    },
    Hold(i64),
    End,
    Dose {
        tenths: u32,
        hours_ago: i64,
    },
    DeleteLastDose,
    Symptoms {
        back: i64,
        score: u8,
        which: usize,
    },
    Checkin {
        mood: i64,
    },
    Region(usize),
    Wait(i64),
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        3 => (prop_oneof![3 => Just(0i64), 1 => 0i64..10], 1u32..=600, any::<bool>(), 1u32..=50, prop_oneof![1i64..=14, 1i64..=90], 0usize..5, 1u32..30, prop_oneof![3 => Just(true), 1 => Just(false)], prop_oneof![3 => Just(true), 1 => Just(false)])
            .prop_map(|(start_back, grams, percent, value, days, unit, end_tenths, final_phase, confirm)| Step::Plan {
                start_back, grams, percent, value, days, unit, end_tenths, final_phase, confirm,
            }),
        3 => (1i64..=60).prop_map(Step::Hold),
        1 => Just(Step::End),
        1 => (1u32..200, 0i64..72).prop_map(|(tenths, hours_ago)| Step::Dose { tenths, hours_ago }),
        1 => Just(Step::DeleteLastDose),
        1 => (0i64..3, 0u8..=4, 0usize..16).prop_map(|(back, score, which)| Step::Symptoms { back, score, which }),
        1 => (0i64..=10).prop_map(|mood| Step::Checkin { mood }),
        1 => (0usize..8).prop_map(Step::Region),
        1 => (1i64..=24 * 20).prop_map(Step::Wait),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Random sequences of the public use cases. After every step, whatever it did or refused:
    /// today, the journey, help, the taper and the trends all answer; help shows the region the
    /// person last chose (the oracle is that choice, kept here, not read from the app); and the
    /// plan in force is never faster than its own step.
    #[test]
    fn every_screen_answers_and_help_keeps_its_region(steps in proptest::collection::vec(step(), 1..30)) {
        let (_dir, clock, app) = open("2026-11-01T15:00:00Z", New_York);
        let regions = ["us", "ca", "gb", "ie", "au", "nz", "other", "mars"];
        let units = [0.01, 0.1, 0.25, 0.5, 1.0];
        let mut chosen: Option<&str> = None;
        for s in steps {
            let today = clock.now().with_timezone(&New_York).date_naive();
            match s {
                Step::Plan { start_back, grams: g, percent, value, days, unit, end_tenths, final_phase, confirm } => {
                    let unit_g = units[unit];
                    let start = (f64::from(g) / 10.0 / unit_g).ceil() * unit_g;
                    let _ = app.save_taper_plan(&TaperInput {
                        start_day: (today - Duration::days(start_back)).to_string(),
                        start_grams: Some(start),
                        target_grams: Some(0.0),
                        step_kind: if percent { StepKind::Percent } else { StepKind::Amount },
                        step_value: Some(if percent { f64::from(value) } else { f64::from(value) * unit_g }),
                        days_per_step: Some(days),
                        rounding_grams: Some(unit_g),
                        doses_per_day: Some(3),
                        end_grams: Some(f64::from(end_tenths) / 10.0),
                        final_below_grams: final_phase.then_some(start / 2.0),
                        final_step_grams: final_phase.then_some(unit_g),
                        confirm_above_logged: confirm,
                        note: String::new(),
                    }, Theme::Light);
                }
                Step::Hold(d) => { let _ = app.hold_taper_step(d, Theme::Light); }
                Step::End => { let _ = app.end_taper_plan(Theme::Light); }
                Step::Dose { tenths, hours_ago } => {
                    let mut d = grams(f64::from(tenths) / 10.0);
                    d.at = Some((clock.now() - Duration::hours(hours_ago)).with_timezone(&New_York).format("%Y-%m-%dT%H:%M").to_string());
                    let _ = app.log_dose(&d);
                }
                Step::DeleteLastDose => {
                    if let Some(d) = app.timeline_card().expect("journey").last_dose {
                        app.delete(EntryKind::Dose, d.id).expect("delete");
                    }
                }
                Step::Symptoms { back, score, which } => {
                    let day = (today - Duration::days(back)).to_string();
                    symptoms(&app, &day, &[(Symptom::ALL[which], score)]);
                }
                Step::Checkin { mood } => {
                    let _ = app.save_checkin(None, &CheckinInput { day: today.to_string(), mood: Some(mood), craving: Some(2), note: String::new(), sleep: None });
                }
                Step::Region(i) => {
                    if app.set_crisis_region(regions[i]).is_ok() {
                        chosen = Some(regions[i]);
                    }
                }
                Step::Wait(h) => clock.advance(Duration::hours(h)),
            }
            let help = app.help();
            proptest::prop_assert_eq!(help.region.as_deref(), Some(chosen.unwrap_or("us")));
            proptest::prop_assert_eq!(help.region_chosen, chosen.is_some());
            proptest::prop_assert!(help.contacts_problem.is_none() && help.prompts_problem.is_none());
            let j = app.timeline_card();
            proptest::prop_assert!(j.is_ok(), "journey: {:?}", j.err());
            let t = app.taper(Theme::Light);
            proptest::prop_assert!(t.is_ok(), "taper: {:?}", t.err());
            let t = t.expect("taper");
            proptest::prop_assert!(t.problem.is_none(), "{:?}", t.problem);
            if let Some(p) = &t.plan {
                for w in t.steps.windows(2) {
                    let (a, b) = (w[0].mg, w[1].mg);
                    let allowed = match (p.final_below_mg, p.step_kind) {
                        _ if a <= p.end_mg => a,
                        (Some(below), _) if a <= below => p.final_step_mg.expect("step"),
                        (_, StepKind::Percent) => a * p.step_value / 100,
                        (_, StepKind::Amount) => p.step_value,
                    };
                    proptest::prop_assert!(b < a && a - b <= allowed, "{} -> {} allowed {}", a, b, allowed);
                }
                if let Some(day) = &t.today {
                    proptest::prop_assert_eq!(day.doses_mg.iter().sum::<u32>(), day.planned_mg);
                }
            }
            proptest::prop_assert!(app.symptom_trend(&[], SymptomAxis::DetoxDay, Theme::Dark).is_ok());
            proptest::prop_assert!(app.symptom_trend(&[], SymptomAxis::StepDown, Theme::Dark).is_ok());
            proptest::prop_assert!(app.dashboard(Range::Month, Theme::Light).is_ok());
            proptest::prop_assert!(app.history(None, 14).is_ok());
        }
    }
}
