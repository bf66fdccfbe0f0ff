//! Reminders on a fake clock against real data files: wall-clock rules across midnight and DST
//! in real zones, suspends, clocks set back, quiet hours, snooze, pause, the check-in reminder,
//! adaptive hydration, water, and a restart in the middle. Nothing here sleeps.

use std::path::Path;
use std::sync::Arc;

use chrono::Duration;
use chrono_tz::{America::New_York, Europe::Berlin};
use companion_core::*;

use crate::common::{at, open};

fn by_kind(app: &Companion, kind: ReminderKind) -> ReminderView {
    app.reminders()
        .expect("reminders")
        .reminders
        .into_iter()
        .find(|r| r.kind == kind)
        .expect("built-in reminder")
}

fn input(r: &ReminderView) -> ReminderInput {
    ReminderInput {
        title: r.title.clone(),
        message: r.message.clone(),
        enabled: r.enabled,
        at: r.at.clone(),
        before_min: Some(r.before_min.into()),
        every_min: r.every_min.map(Into::into),
        from: r.from.clone(),
        to: r.to.clone(),
    }
}

fn enable(app: &Companion, kind: ReminderKind, change: impl FnOnce(&mut ReminderInput)) -> i64 {
    let r = by_kind(app, kind);
    let mut i = input(&r);
    i.enabled = true;
    change(&mut i);
    app.save_reminder(Some(r.id), &i).expect("save").id
}

fn quiet(app: &Companion, on: bool) {
    let mut s = app.reminders().expect("reminders").settings;
    s.quiet_enabled = on;
    app.save_reminder_settings(&s).expect("settings");
}

/// Walks the clock to `until` in `step`s, collecting each reminder shown as
/// (local "HH:MM" in the clock's zone, title, snoozed).
fn walk(
    app: &Companion,
    clock: &FakeClock,
    until: &str,
    step: Duration,
) -> Vec<(String, String, bool)> {
    let mut shown = Vec::new();
    let end = at(until);
    loop {
        for f in app.due_reminders().expect("tick").due {
            let local = clock.now().with_timezone(&clock.zone());
            shown.push((local.format("%H:%M").to_string(), f.title, f.snoozed));
        }
        if clock.now() >= end {
            return shown;
        }
        clock.advance(step);
    }
}

fn times(shown: &[(String, String, bool)]) -> Vec<&str> {
    shown.iter().map(|s| s.0.as_str()).collect()
}

const FIVE: Duration = Duration::minutes(5);

#[test]
fn everything_is_off_until_turned_on() {
    let (_d, clock, app) = open("2026-06-10T06:00:00Z", Berlin);
    let view = app.reminders().expect("reminders");
    assert_eq!(view.reminders.len(), 5);
    assert!(view
        .reminders
        .iter()
        .all(|r| !r.enabled && r.next.is_none()));
    assert!(walk(&app, &clock, "2026-06-11T06:00:00Z", FIVE).is_empty());
}

/// The check-up reminder is daily at its time but speaks only while a check-up is due: until
/// both questionnaires are taken, then not again until two weeks after them. The oracle is the
/// rule: due on a day when either was not taken in the fourteen days up to it.
#[test]
fn the_checkup_reminder_comes_only_while_a_checkup_is_due() {
    use companion_core::checkups::{CheckupInput, Instrument};
    let (_d, clock, app) = open("2026-06-10T06:00:00Z", Berlin); // 08:00
    quiet(&app, false);
    enable(&app, ReminderKind::Checkup, |_| {}); // 19:00
    let take = |instrument, n| {
        app.save_checkup(&CheckupInput {
            instrument,
            answers: vec![Some(0); n],
            difficulty: None,
        })
        .expect("check-up")
    };
    // None taken: it comes on the first evening.
    let shown = walk(&app, &clock, "2026-06-10T20:00:00Z", FIVE);
    assert_eq!(times(&shown), ["19:00"]);
    assert_eq!(shown[0].1, "Check-up");
    // The PHQ-9 taken the next morning: the GAD-7 is still due, so it comes again.
    clock.set(at("2026-06-11T07:00:00Z"));
    take(Instrument::Phq9, 9);
    assert_eq!(
        times(&walk(&app, &clock, "2026-06-11T20:00:00Z", FIVE)),
        ["19:00"]
    );
    // Both taken by 12 June: quiet on the evenings up to 24 June. On 25 June the PHQ-9 of
    // 11 June is fourteen days old, so a check-up is due again and the reminder comes.
    clock.set(at("2026-06-12T07:00:00Z"));
    take(Instrument::Gad7, 7);
    let shown = walk(&app, &clock, "2026-06-24T20:00:00Z", Duration::minutes(30));
    assert!(shown.is_empty(), "{shown:?}");
    assert!(app.checkups().expect("check-ups").due.is_empty());
    assert_eq!(
        times(&walk(&app, &clock, "2026-06-25T20:00:00Z", FIVE)),
        ["19:00"]
    );
    let due = app.checkups().expect("check-ups").due;
    assert_eq!(due, [Instrument::Phq9], "only the PHQ-9 on 25 June");
    assert!(
        by_kind(&app, ReminderKind::Checkup).next.is_some(),
        "it keeps its time"
    );
}

#[test]
fn hydration_comes_every_ninety_minutes_inside_its_window() {
    // 08:00 in Berlin.
    let (_d, clock, app) = open("2026-06-10T06:00:00Z", Berlin);
    enable(&app, ReminderKind::Hydration, |_| {});
    assert_eq!(
        by_kind(&app, ReminderKind::Hydration).next.as_deref(),
        Some("2026-06-10T09:00")
    );
    let shown = walk(&app, &clock, "2026-06-11T06:00:00Z", FIVE);
    assert_eq!(
        times(&shown),
        ["09:00", "10:30", "12:00", "13:30", "15:00", "16:30", "18:00", "19:30", "21:00"]
    );
    assert!(shown.iter().all(|s| s.1 == "Water" && !s.2));
}

#[test]
fn a_window_across_midnight_keeps_going_past_it() {
    let (_d, clock, app) = open("2026-06-10T18:00:00Z", Berlin); // 20:00
    quiet(&app, false);
    app.save_reminder(
        None,
        &ReminderInput {
            title: "Stretch".into(),
            message: "Stand up and stretch.".into(),
            enabled: true,
            every_min: Some(60),
            from: Some("22:00".into()),
            to: Some("01:00".into()),
            ..Default::default()
        },
    )
    .expect("custom");
    let shown = walk(&app, &clock, "2026-06-11T03:00:00Z", FIVE);
    assert_eq!(times(&shown), ["22:00", "23:00", "00:00", "01:00"]);
}

#[test]
fn spring_forward_a_missing_wall_time_comes_once_at_the_jump() {
    // New York skips 02:00–02:59 on 2026-03-08.
    let (_d, clock, app) = open("2026-03-07T17:00:00Z", New_York);
    quiet(&app, false);
    enable(&app, ReminderKind::Rest, |i| i.at = Some("02:30".into()));
    let mut shown = Vec::new();
    while clock.now() < at("2026-03-09T12:00:00Z") {
        for f in app.due_reminders().expect("tick").due {
            shown.push((clock.now(), f.title));
        }
        clock.advance(Duration::minutes(1));
    }
    let instants: Vec<_> = shown.iter().map(|s| s.0).collect();
    // 03:00 EDT on the 8th (the first instant after the gap), then 02:30 EST... EDT on the 9th.
    assert_eq!(
        instants,
        [at("2026-03-08T07:00:00Z"), at("2026-03-09T06:30:00Z")]
    );
}

#[test]
fn fall_back_a_repeated_wall_time_comes_once() {
    // Berlin repeats 02:00–02:59 on 2026-10-25.
    let (_d, clock, app) = open("2026-10-24T20:00:00Z", Berlin);
    quiet(&app, false);
    enable(&app, ReminderKind::Rest, |i| i.at = Some("02:30".into()));
    let mut shown = Vec::new();
    while clock.now() < at("2026-10-25T06:00:00Z") {
        for _ in app.due_reminders().expect("tick").due {
            shown.push(clock.now());
        }
        clock.advance(Duration::minutes(1));
    }
    assert_eq!(shown, [at("2026-10-25T00:30:00Z")], "the first 02:30 only");
}

#[test]
fn spring_forward_in_berlin_keeps_hydration_on_the_wall_clock() {
    // Berlin jumps from 02:00 to 03:00 on 2026-03-29: the day's moments stay at 09:00, 10:30…
    let (_d, clock, app) = open("2026-03-28T20:00:00Z", Berlin);
    enable(&app, ReminderKind::Hydration, |_| {});
    let shown = walk(&app, &clock, "2026-03-29T12:00:00Z", FIVE);
    assert_eq!(times(&shown), ["09:00", "10:30", "12:00", "13:30"]);
}

#[test]
fn after_an_eight_hour_suspend_only_the_latest_missed_reminder_comes_once() {
    let (_d, clock, app) = open("2026-06-10T06:55:00Z", Berlin); // 08:55
    enable(&app, ReminderKind::Hydration, |_| {});
    assert_eq!(
        times(&walk(&app, &clock, "2026-06-10T07:05:00Z", FIVE)),
        ["09:00"]
    );
    // The laptop sleeps from 09:05 to 17:05; 10:30 … 16:30 were missed.
    clock.advance(Duration::hours(8));
    let shown = walk(&app, &clock, "2026-06-10T15:10:00Z", FIVE);
    assert_eq!(times(&shown), ["17:05"], "one reminder for what was missed");
    assert_eq!(
        times(&walk(&app, &clock, "2026-06-10T16:05:00Z", FIVE)),
        ["18:00"]
    );
}

#[test]
fn a_missed_moment_older_than_its_interval_is_dropped() {
    let (_d, clock, app) = open("2026-06-10T17:00:00Z", Berlin); // 19:00
    enable(&app, ReminderKind::Checkin, |_| {}); // 20:00
                                                 // Asleep from 19:00 until 22:30 (checked at 21:59? no: the lid stays shut) — 20:00 is
                                                 // 2.5 hours late, beyond a daily reminder's two hours of grace, and 22:30 is quiet anyway.
    clock.set(at("2026-06-10T20:30:00Z"));
    assert!(app.due_reminders().expect("tick").due.is_empty());
    quiet(&app, false);
    assert!(
        app.due_reminders().expect("tick").due.is_empty(),
        "not later either"
    );
}

#[test]
fn setting_the_clock_back_an_hour_repeats_nothing() {
    let (_d, clock, app) = open("2026-06-10T06:55:00Z", Berlin);
    enable(&app, ReminderKind::Hydration, |_| {});
    assert_eq!(
        times(&walk(&app, &clock, "2026-06-10T08:35:00Z", FIVE)),
        ["09:00", "10:30"]
    );
    clock.advance(Duration::hours(-1)); // 09:35
    let shown = walk(&app, &clock, "2026-06-10T10:05:00Z", FIVE);
    assert_eq!(times(&shown), ["12:00"], "10:30 is not shown a second time");
}

#[test]
fn quiet_hours_silence_everything() {
    let (_d, clock, app) = open("2026-06-10T06:00:00Z", Berlin);
    enable(&app, ReminderKind::Hydration, |i| {
        i.every_min = Some(60);
        i.to = Some("23:30".into());
    });
    let shown = walk(&app, &clock, "2026-06-11T06:55:00Z", FIVE);
    assert_eq!(shown.last().map(|s| s.0.as_str()), Some("21:00"));
    assert!(times(&shown).iter().all(|t| *t < "22:00" && *t >= "08:00"));
    // The reminders screen skips the quiet moments when it says what comes next.
    clock.set(at("2026-06-10T19:30:00Z")); // 21:30
    assert_eq!(
        by_kind(&app, ReminderKind::Hydration).next.as_deref(),
        Some("2026-06-11T09:00")
    );
}

#[test]
fn snooze_brings_it_back_later_and_holds_the_moments_in_between() {
    let (_d, clock, app) = open("2026-06-10T08:25:00Z", Berlin); // 10:25
    let id = enable(&app, ReminderKind::Hydration, |_| {});
    assert_eq!(
        times(&walk(&app, &clock, "2026-06-10T08:30:00Z", FIVE)),
        ["10:30"]
    );
    app.snooze_reminder(id, 10).expect("snooze");
    let shown = walk(&app, &clock, "2026-06-10T09:45:00Z", FIVE);
    assert_eq!(shown, [("10:40".into(), "Water".into(), true)]);
    // Snoozed for an hour at 11:50: 12:00 waits until 12:50.
    clock.set(at("2026-06-10T09:50:00Z"));
    app.snooze_reminder(id, 60).expect("snooze");
    assert_eq!(
        by_kind(&app, ReminderKind::Hydration)
            .snoozed_until
            .as_deref(),
        Some("2026-06-10T12:50")
    );
    let shown = walk(&app, &clock, "2026-06-10T11:35:00Z", FIVE);
    assert_eq!(
        shown,
        [
            ("12:50".into(), "Water".into(), true),
            ("13:30".into(), "Water".into(), false)
        ]
    );
    assert_eq!(
        app.snooze_reminder(id, 45)
            .expect_err("not an offered length")
            .kind(),
        ErrorKind::Invalid
    );
}

#[test]
fn pause_for_an_hour_for_today_and_until_resumed() {
    let (_d, clock, app) = open("2026-06-10T08:31:00Z", Berlin); // 10:31
    let id = enable(&app, ReminderKind::Hydration, |i| i.every_min = Some(30));
    app.pause_reminder(id, Pause::Hour).expect("pause");
    let minute = Duration::minutes(1);
    assert_eq!(
        by_kind(&app, ReminderKind::Hydration)
            .paused_until
            .as_deref(),
        Some("2026-06-10T11:31")
    );
    assert_eq!(
        times(&walk(&app, &clock, "2026-06-10T10:05:00Z", minute)),
        ["12:00"],
        "11:00 and 11:30 were paused, and do not come late"
    );
    app.pause_reminder(id, Pause::Today).expect("pause");
    let shown = walk(&app, &clock, "2026-06-11T07:35:00Z", minute);
    assert_eq!(times(&shown), ["09:00", "09:30"], "back the next morning");
    app.pause_reminder(id, Pause::UntilResumed).expect("pause");
    assert!(by_kind(&app, ReminderKind::Hydration).paused_until_resumed);
    assert!(by_kind(&app, ReminderKind::Hydration).next.is_none());
    assert!(walk(&app, &clock, "2026-06-13T08:10:00Z", FIVE).is_empty());
    app.pause_reminder(id, Pause::Resume).expect("resume"); // 10:10
    assert_eq!(
        times(&walk(&app, &clock, "2026-06-13T08:40:00Z", FIVE)),
        ["10:30"],
        "no burst for the days it was paused"
    );
}

#[test]
fn pausing_all_reminders_silences_each_of_them() {
    let (_d, clock, app) = open("2026-06-10T06:00:00Z", Berlin);
    enable(&app, ReminderKind::Hydration, |_| {});
    enable(&app, ReminderKind::Rest, |_| {});
    app.pause_all(Pause::Today).expect("pause all");
    assert!(app.all_paused().expect("paused"));
    assert!(walk(&app, &clock, "2026-06-10T21:00:00Z", FIVE).is_empty());
    let view = app.pause_all(Pause::Resume).expect("resume");
    assert!(view.all_paused_until.is_none() && !view.all_paused_until_resumed);
    let shown = walk(&app, &clock, "2026-06-11T13:05:00Z", FIVE);
    let titles: Vec<_> = shown.iter().map(|s| (s.0.as_str(), s.1.as_str())).collect();
    assert_eq!(
        titles,
        [
            ("09:00", "Water"),
            ("10:30", "Water"),
            ("12:00", "Water"),
            ("13:30", "Water"),
            ("15:00", "Water"),
            ("15:00", "Afternoon rest")
        ]
    );
}

#[test]
fn the_check_in_reminder_stays_quiet_once_today_has_a_check_in() {
    let (_d, clock, app) = open("2026-06-10T16:00:00Z", Berlin); // 18:00
    enable(&app, ReminderKind::Checkin, |_| {});
    app.save_checkin(
        None,
        &CheckinInput {
            day: "2026-06-10".into(),
            mood: Some(5),
            craving: Some(4),
            note: String::new(),
            sleep: None,
        },
    )
    .expect("check-in");
    assert!(walk(&app, &clock, "2026-06-10T19:00:00Z", FIVE).is_empty());
    let shown = walk(&app, &clock, "2026-06-11T19:00:00Z", FIVE);
    assert_eq!(shown, [("20:00".into(), "Check-in".into(), false)]);
}

#[test]
fn hydration_comes_more_often_on_a_day_with_sweating_and_says_why() {
    let (_d, clock, app) = open("2026-06-10T06:00:00Z", Berlin);
    enable(&app, ReminderKind::Hydration, |_| {});
    app.save_checkin(
        None,
        &CheckinInput {
            day: "2026-06-10".into(),
            mood: Some(4),
            craving: Some(6),
            note: "Sweating all night and some diarrhea.".into(),
            sleep: None,
        },
    )
    .expect("check-in");
    let r = by_kind(&app, ReminderKind::Hydration);
    assert_eq!((r.every_min, r.every_min_today), (Some(90), Some(60)));
    let reason = r.adaptive_reason.expect("reason");
    assert!(reason.contains("sweating and diarrhea"), "{reason}");
    assert_eq!(
        times(&walk(&app, &clock, "2026-06-10T10:00:00Z", FIVE)),
        ["09:00", "10:00", "11:00", "12:00"]
    );
    // Tomorrow, with nothing noted, it goes back to every 90 minutes.
    let shown = walk(&app, &clock, "2026-06-11T10:00:00Z", FIVE);
    assert_eq!(
        &times(&shown)[times(&shown).len() - 3..],
        ["09:00", "10:30", "12:00"]
    );
    // The setting turns it off.
    clock.set(at("2026-06-10T12:00:00Z"));
    let mut s = app.reminders().expect("view").settings;
    s.adaptive_hydration = false;
    app.save_reminder_settings(&s).expect("settings");
    clock.set(at("2026-06-11T12:00:00Z"));
    let r = by_kind(&app, ReminderKind::Hydration);
    assert_eq!(r.every_min_today, None);
}

#[test]
fn water_counts_toward_the_goal_and_a_glass_just_drunk_skips_the_next_reminder() {
    let (_d, clock, app) = open("2026-06-10T08:00:00Z", Berlin); // 10:00
    enable(&app, ReminderKind::Hydration, |_| {});
    clock.set(at("2026-06-10T08:20:00Z"));
    let w = app.log_water().expect("water");
    assert_eq!((w.glasses, w.goal), (1, 8));
    assert_eq!(app.log_water().expect("water").glasses, 2);
    assert_eq!(app.undo_water().expect("undo").glasses, 1);
    // 10:30 is ten minutes after a glass: not needed. 12:00 comes as usual.
    assert_eq!(
        times(&walk(&app, &clock, "2026-06-10T10:05:00Z", FIVE)),
        ["12:00"]
    );
    assert_eq!(app.reminders().expect("view").water.glasses, 1);
    clock.set(at("2026-06-11T08:00:00Z"));
    assert_eq!(app.reminders().expect("view").water.glasses, 0, "a new day");
}

#[test]
fn a_restart_in_the_middle_repeats_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(FakeClock::new(at("2026-06-10T06:55:00Z"), Berlin));
    let reopen = |p: &Path| Companion::open_in(p, clock.clone()).expect("open");
    {
        let app = reopen(dir.path());
        enable(&app, ReminderKind::Hydration, |_| {});
        assert_eq!(
            times(&walk(&app, &clock, "2026-06-10T07:00:00Z", FIVE)),
            ["09:00"]
        );
    }
    let app = reopen(dir.path());
    assert!(app.due_reminders().expect("tick").due.is_empty());
    assert_eq!(
        times(&walk(&app, &clock, "2026-06-10T08:35:00Z", FIVE)),
        ["10:30"]
    );
    assert_eq!(
        by_kind(&app, ReminderKind::Hydration).last_fired.as_deref(),
        Some("2026-06-10T10:30")
    );
}

#[test]
fn bad_reminders_are_refused_with_a_sentence_and_change_nothing() {
    let (_d, _clock, app) = open("2026-06-10T06:00:00Z", Berlin);
    let before = app.reminders().expect("view");
    let custom = |f: &dyn Fn(&mut ReminderInput)| {
        let mut i = ReminderInput {
            title: "Walk".into(),
            message: "A short walk outside.".into(),
            enabled: true,
            at: Some("16:00".into()),
            ..Default::default()
        };
        f(&mut i);
        app.save_reminder(None, &i).expect_err("refused")
    };
    for (e, field) in [
        (custom(&|i| i.title = "  ".into()), "title"),
        (custom(&|i| i.message = "x".repeat(301)), "message"),
        (custom(&|i| i.at = Some("25:00".into())), "at"),
        (
            custom(&|i| {
                i.at = None;
                i.every_min = Some(5);
                i.from = Some("09:00".into());
                i.to = Some("10:00".into());
            }),
            "everyMin",
        ),
        (
            custom(&|i| {
                i.at = None;
                i.every_min = Some(30);
                i.from = Some("09:00".into());
                i.to = Some("09:00".into());
            }),
            "to",
        ),
    ] {
        let msg = e.to_string();
        assert_eq!(ErrorBody::from(e).field.as_deref(), Some(field), "{msg}");
    }
    let hydration = by_kind(&app, ReminderKind::Hydration).id;
    assert_eq!(
        app.delete_reminder(hydration).expect_err("built in").kind(),
        ErrorKind::Invalid
    );
    let mut s = before.settings.clone();
    s.quiet_start = "7pm".into();
    assert!(app.save_reminder_settings(&s).is_err());
    assert_eq!(app.reminders().expect("view"), before);
}

/// The scheduler hears of every committed change from the core itself, so no save can forget
/// to wake it: a check-in's note, a craving, a symptom check and water all feed what is due.
/// Its own step and a refused save announce nothing.
#[test]
fn every_committed_change_wakes_the_scheduler_but_its_own_step_does_not() {
    let (_d, _clock, app) = open("2026-06-10T06:00:00Z", Berlin);
    let (tx, rx) = std::sync::mpsc::channel();
    app.notify_changes(tx);
    let heard = || rx.try_iter().count();
    let note = |text: &str| CheckinInput {
        day: "2026-06-10".into(),
        mood: Some(4),
        craving: Some(6),
        note: text.into(),
        sleep: None,
    };
    app.save_checkin(None, &note("Sweating all night."))
        .expect("check-in");
    assert_eq!(heard(), 1, "a check-in");
    app.save_craving(
        None,
        &CravingInput {
            at: None,
            intensity: Some(5),
            context: "nausea".into(),
        },
    )
    .expect("craving");
    assert_eq!(heard(), 1, "a craving");
    app.log_water().expect("water");
    assert_eq!(heard(), 1, "water");
    app.due_reminders().expect("a scheduler step");
    assert_eq!(heard(), 0, "the scheduler's own step");
    let mut bad = note("x");
    bad.mood = Some(11);
    app.save_checkin(None, &bad).expect_err("refused");
    assert_eq!(heard(), 0, "a refused save");
}

/// Words that would tell an onlooker what the app is for.
const REVEALING: [&str; 9] = [
    "kratom",
    "recovery",
    "craving",
    "detox",
    "taper",
    "dose",
    "withdraw",
    "relapse",
    "companion",
];

fn discreet(app: &Companion, on: bool) {
    let mut s = app.reminders().expect("reminders").settings;
    s.discreet = on;
    app.save_reminder_settings(&s).expect("settings");
}

/// In discreet mode every reminder, a custom one named for the taper included, says only
/// neutral words, marked discreet so that it is sent from a neutral name.
#[test]
fn discreet_reminders_speak_in_neutral_words() {
    let (_dir, clock, app) = open("2026-06-10T04:00:00Z", Berlin);
    for kind in [
        ReminderKind::Hydration,
        ReminderKind::Rest,
        ReminderKind::WindDown,
        ReminderKind::Checkin,
    ] {
        enable(&app, kind, |_| {});
    }
    app.save_reminder(
        None,
        &ReminderInput {
            title: "Kratom taper: next dose".into(),
            message: "Half a gram less than last week, as planned.".into(),
            enabled: true,
            at: Some("12:00".into()),
            before_min: None,
            every_min: None,
            from: None,
            to: None,
        },
    )
    .expect("custom");
    quiet(&app, false);
    discreet(&app, true);
    let view = app.reminders().expect("view");
    assert!(view.settings.discreet);
    // Linux's notification servers show the sender given; the screen promises it only there.
    #[cfg(target_os = "linux")]
    assert_eq!(view.discreet_sender.as_deref(), Some("Reminders"));
    let mut kinds = std::collections::BTreeSet::new();
    let end = at("2026-06-10T21:55:00Z");
    while clock.now() < end {
        for f in app.due_reminders().expect("tick").due {
            assert!(f.discreet);
            assert_eq!(
                (f.title.as_str(), f.body.as_str()),
                reminders::discreet_words(f.kind)
            );
            let words = format!("{} {}", f.title, f.body).to_lowercase();
            for w in REVEALING {
                assert!(!words.contains(w), "{w} in {words}");
            }
            kinds.insert(format!("{:?}", f.kind));
        }
        clock.advance(FIVE);
    }
    assert_eq!(kinds.len(), 5, "every kind came: {kinds:?}");
    // Back to the reminders' own words once discreet mode is off.
    discreet(&app, false);
    clock.set(at("2026-06-11T07:00:00Z"));
    let due = app.due_reminders().expect("tick").due;
    assert!(due
        .iter()
        .all(|f| !f.discreet && f.title != reminders::discreet_words(f.kind).0));
}

/// Nothing a person writes in the diary (notes, doses, contacts, the plan) ever reaches a
/// notification, discreet or not: random words written everywhere are looked for in every
/// reminder of a day.
#[test]
fn no_diary_text_ever_reaches_a_notification() {
    use proptest::prelude::*;
    proptest!(ProptestConfig::with_cases(12), |(
        secret in "[a-z]{6}[A-Z]{2}[0-9]{4}",
        on in any::<bool>(),
    )| {
        let (_dir, clock, app) = open("2026-06-10T04:00:00Z", Berlin);
        for kind in [ReminderKind::Hydration, ReminderKind::Rest, ReminderKind::WindDown, ReminderKind::Checkin] {
            enable(&app, kind, |_| {});
        }
        quiet(&app, false);
        discreet(&app, on);
        app.save_checkin(None, &CheckinInput { day: "2026-06-10".into(), mood: Some(4), craving: Some(6), note: format!("note {secret}"), sleep: None }).expect("checkin");
        app.save_craving(None, &CravingInput { at: None, intensity: Some(7), context: format!("context {secret}") }).expect("craving");
        app.log_dose(&journey::DoseInput { at: None, amount: Some(2.0), unit: journey::DoseUnit::Grams, grams_per_capsule: None, form: journey::Preparation::Powder, note: format!("dose {secret}") }).expect("dose");
        app.save_contact(None, &journey::ContactInput { kind: journey::ContactKind::Support, name: format!("Sam {secret}"), phone: String::new(), note: secret.clone() }).expect("contact");
        app.save_recovery_plan(&journey::RecoveryPlan { triggers: secret.clone(), warning_signs: String::new(), coping_steps: String::new(), reasons: secret.clone(), safer_surroundings: secret.clone(), ..Default::default() }).expect("plan");
        let mut seen = 0;
        let end = at("2026-06-10T21:55:00Z");
        while clock.now() < end {
            for f in app.due_reminders().expect("tick").due {
                seen += 1;
                prop_assert!(!f.title.contains(&secret) && !f.body.contains(&secret), "{:?}", f);
            }
            clock.advance(FIVE);
        }
        prop_assert!(seen > 5, "reminders came: {}", seen);
    });
}
