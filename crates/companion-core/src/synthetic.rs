//! Realistic made-up data for benchmarks and tests: years of check-ins, cravings and sleep
//! diaries with the shape of a detox (strong early cravings that come in waves and ease), gaps,
//! a move to another time zone, and every DST change on the way. Deterministic for a seed.

use chrono::{Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::model::checkin::{Checkin, CheckinInput};
use crate::model::craving::{Craving, CravingInput};
use crate::model::resolve_local;
use crate::model::sleep::SleepInput;
use crate::{store, Companion, Result};

/// What to make.
#[derive(Debug, Clone)]
pub struct Spec {
    pub first_day: NaiveDate,
    pub days: u32,
    /// Zone for the first half; the second half is lived in `moved_to`.
    pub zone: Tz,
    pub moved_to: Tz,
    pub seed: u64,
}

impl Spec {
    /// Ten years ending `last_day`, Berlin then New York.
    pub fn ten_years(last_day: NaiveDate) -> Self {
        Spec::years(10, last_day)
    }

    pub fn years(years: u32, last_day: NaiveDate) -> Self {
        let days = years * 365;
        Spec {
            first_day: last_day - Duration::days(i64::from(days) - 1),
            days,
            zone: chrono_tz::Europe::Berlin,
            moved_to: chrono_tz::America::New_York,
            seed: 7,
        }
    }
}

/// A small xorshift generator: enough randomness for made-up diaries, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn hm(minutes: i64) -> String {
    let m = minutes.rem_euclid(24 * 60);
    format!("{:02}:{:02}", m / 60, m % 60)
}

const NOTES: &[&str] = &[
    "after dinner",
    "work stress",
    "a hard call",
    "bored",
    "tired",
    "evening alone",
];

/// Fills `app` per `spec` in one transaction. Returns (check-ins, cravings) written.
pub fn fill(app: &Companion, spec: &Spec) -> Result<(u32, u32)> {
    let mut rng = Rng(spec.seed.max(1));
    let (mut checkins, mut cravings) = (0, 0);
    app.write(|tx, _| {
        for i in 0..spec.days {
            let day = spec.first_day + Duration::days(i64::from(i));
            // About a week without entries every few months: life gets in the way.
            if i % 97 >= 90 {
                continue;
            }
            let zone = if i < spec.days / 2 {
                spec.zone
            } else {
                spec.moved_to
            };
            let zone_name = zone.name();
            // Cravings ease over the first months, in waves, and rise a little now and then.
            let ease = 8.0 * (-f64::from(i) / 60.0).exp();
            let wave = 1.5 * (f64::from(i) / 5.0).sin();
            let base = (1.5 + ease + wave).clamp(0.0, 10.0);
            let evening = resolve_local(
                zone,
                day.and_time(NaiveTime::from_hms_opt(21, 0, 0).unwrap_or_default()),
            );

            let bed = 22 * 60 + 30 + rng.below(90) as i64;
            let off = bed + 5 + rng.below(20) as i64;
            let wake = 6 * 60 + 15 + rng.below(75) as i64 + if base > 5.0 { -40 } else { 0 };
            let sleep = rng.chance(88).then(|| SleepInput {
                bed_time: hm(bed),
                lights_off: hm(off),
                latency_min: Some(5 + rng.below(50) as i64),
                awakenings: Some(rng.below(4) as i64),
                awake_min: Some(rng.below(40) as i64),
                final_wake: hm(wake),
                out_of_bed: hm(wake + 5 + rng.below(30) as i64),
                quality: Some(1 + rng.below(5) as i64),
            });
            let craving_today = (base + rng.below(3) as f64 - 1.0).round().clamp(0.0, 10.0) as i64;
            let input = CheckinInput {
                day: day.to_string(),
                mood: Some(
                    (4.0 + (10.0 - base) / 3.0 + rng.below(3) as f64 - 1.0)
                        .round()
                        .clamp(0.0, 10.0) as i64,
                ),
                craving: Some(craving_today),
                note: if rng.chance(30) {
                    "Made it through the day.".into()
                } else {
                    String::new()
                },
                sleep,
            };
            let c = Checkin::new(&input, zone, evening)?;
            store::checkins::insert(tx, &c, zone_name, evening.timestamp())?;
            checkins += 1;
            // A second, evening check-in on about a third of days (mood moves during a day).
            if rng.chance(35) {
                let later = CheckinInput {
                    sleep: None,
                    note: String::new(),
                    ..input
                };
                let c = Checkin::new(&later, zone, evening + Duration::hours(1))?;
                store::checkins::insert(tx, &c, zone_name, evening.timestamp() + 3600)?;
                checkins += 1;
            }

            let n = 1 + rng.below(3 + (base / 2.0) as u64);
            for _ in 0..n {
                let minute = 8 * 60 + rng.below(13 * 60) as i64;
                let at = format!("{}T{}", day, hm(minute));
                let input = CravingInput {
                    at: Some(at),
                    intensity: Some(
                        (base + rng.below(5) as f64 - 2.0).round().clamp(0.0, 10.0) as i64
                    ),
                    context: if rng.chance(60) {
                        NOTES[rng.below(NOTES.len() as u64) as usize].into()
                    } else {
                        String::new()
                    },
                };
                let c = Craving::new(&input, zone, evening + Duration::hours(3))?;
                let local_day = c.at.with_timezone(&zone).date_naive().to_string();
                store::cravings::insert(tx, &c, zone_name, &local_day, Utc::now().timestamp())?;
                cravings += 1;
            }
        }
        Ok(())
    })?;
    Ok((checkins, cravings))
}

/// What [`taper_weeks`] wrote: the days it logged more or less than planned, and the days it
/// logged nothing, so a test can check a report against them.
#[derive(Debug, Clone, Default)]
pub struct TaperLog {
    /// Every day of the plan with its planned and logged milligrams.
    pub days: Vec<(NaiveDate, u32, Option<u32>)>,
}

/// Lives `days` days of a clinician's taper through the use cases, one day at a time with the
/// clock: the plan (6 g a day, 0.5 g less every 5 days, measured to 0.25 g) starting on
/// `start`; each morning a dose (the plan's amount, 0.5 g more on every seventh day, nothing
/// logged on every eleventh); each evening a symptom check, a check-in with a sleep diary and
/// a note, and now and then a craving ridden out with urge surfing; a PHQ-9 and a GAD-7 every
/// two weeks. Leaves the clock on the evening of the last day.
pub fn taper_weeks(
    app: &Companion,
    clock: &crate::FakeClock,
    start: NaiveDate,
    days: u32,
) -> Result<TaperLog> {
    use crate::checkups::{CheckupInput, Instrument};
    use crate::journey::{
        DoseInput, DoseUnit, Preparation, StepKind, Symptom, SymptomInput, SymptomScore,
        TaperInput, UrgeSurfInput,
    };
    use crate::Clock;
    let zone = clock.zone();
    let at = |day: NaiveDate, h: u32| {
        resolve_local(
            zone,
            day.and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_default()),
        )
    };
    clock.set(at(start, 8));
    app.save_taper_plan(
        &TaperInput {
            start_day: start.to_string(),
            start_grams: Some(6.0),
            target_grams: Some(0.0),
            step_kind: StepKind::Amount,
            step_value: Some(0.5),
            days_per_step: Some(5),
            rounding_grams: Some(0.25),
            doses_per_day: Some(2),
            end_grams: None,
            final_below_grams: None,
            final_step_grams: None,
            confirm_above_logged: true,
            note: "Agreed with my doctor".into(),
        },
        crate::Theme::Light,
    )?;
    let mut log = TaperLog::default();
    let mut rng = Rng(11);
    for i in 0..days {
        let day = start + Duration::days(i64::from(i));
        clock.set(at(day, 9));
        let planned = app
            .taper(crate::Theme::Light)?
            .today
            .map(|t| t.planned_mg)
            .unwrap_or(0);
        let taken = match i {
            _ if i % 11 == 5 => None,
            _ if i % 7 == 3 => Some(planned + 500),
            _ => Some(planned),
        };
        if let Some(mg) = taken.filter(|mg| *mg > 0) {
            app.log_dose(&DoseInput {
                at: None,
                amount: Some(f64::from(mg) / 1000.0),
                unit: DoseUnit::Grams,
                grams_per_capsule: None,
                form: Preparation::Powder,
                note: String::new(),
            })?;
        }
        log.days.push((day, planned, taken));
        clock.set(at(day, 20));
        // Withdrawal is harder in the days after each step-down.
        let after_step = (i % 5) as u8;
        app.save_symptoms(&SymptomInput {
            day: day.to_string(),
            scores: vec![
                SymptomScore {
                    symptom: Symptom::Anxiety,
                    score: 3u8.saturating_sub(after_step / 2),
                },
                SymptomScore {
                    symptom: Symptom::Insomnia,
                    score: 2 + u8::from(after_step == 0),
                },
                SymptomScore {
                    symptom: Symptom::MuscleAches,
                    score: (1 + rng.below(3)) as u8,
                },
            ],
        })?;
        app.save_checkin(
            None,
            &CheckinInput {
                day: day.to_string(),
                mood: Some(4 + rng.below(4) as i64),
                craving: Some(3 + rng.below(5) as i64),
                note: format!("Diary note {i}: a private line for day {i}."),
                sleep: Some(SleepInput {
                    bed_time: "23:00".into(),
                    lights_off: "23:15".into(),
                    latency_min: Some(20 + rng.below(40) as i64),
                    awakenings: Some(2),
                    awake_min: Some(15 + rng.below(45) as i64),
                    final_wake: "06:30".into(),
                    out_of_bed: "06:45".into(),
                    quality: Some(2 + rng.below(3) as i64),
                }),
            },
        )?;
        if i % 3 == 1 {
            app.log_urge_surf(&UrgeSurfInput {
                before: Some(7),
                after: Some(3),
                minutes: Some(15),
                context: "after work".into(),
            })?;
        }
        if i % 14 == 2 {
            for (instrument, answers) in [
                (Instrument::Phq9, vec![2, 1, 2, 1, 1, 1, 1, 0, 0]),
                (Instrument::Gad7, vec![2, 1, 1, 2, 1, 1, 0]),
            ] {
                app.save_checkup(&CheckupInput {
                    instrument,
                    answers: answers.into_iter().map(Some).collect(),
                    difficulty: Some(1),
                })?;
            }
        }
    }
    Ok(log)
}
