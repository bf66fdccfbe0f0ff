//! The daily check-in: mood, craving and an optional sleep diary of the night before.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::sleep::{SleepDiary, SleepInput, SleepView};
use super::{bounded_text, check_day, parse_day, ranged};
use crate::error::Result;

pub const NOTE_MAX_CHARS: usize = 5000;

/// A check-in as the form sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CheckinInput {
    /// "YYYY-MM-DD": the day this check-in is about (the night before it, for sleep).
    pub day: String,
    /// 0 (very low) to 10 (very good).
    #[cfg_attr(test, ts(type = "number | null"))]
    pub mood: Option<i64>,
    /// 0 (none) to 10 (worst imaginable).
    #[cfg_attr(test, ts(type = "number | null"))]
    pub craving: Option<i64>,
    pub note: String,
    /// Absent when the person skips the sleep diary.
    pub sleep: Option<SleepInput>,
}

/// A check-in that keeps every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkin {
    pub day: NaiveDate,
    pub mood: u8,
    /// Always given in the app; `None` only for an imported entry that never had one.
    pub craving: Option<u8>,
    pub note: String,
    pub sleep: Option<SleepDiary>,
}

/// A stored check-in, as the history shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CheckinView {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub day: String,
    /// Local "YYYY-MM-DDTHH:MM" when it was first saved, in the zone of that moment.
    pub recorded_at: String,
    pub time_zone: String,
    pub mood: u8,
    /// `None` for a check-in imported from a tracker that does not ask about cravings.
    pub craving: Option<u8>,
    pub note: String,
    pub sleep: Option<SleepView>,
}

impl Checkin {
    /// Validates `input` as recorded in `zone` at `now`.
    pub fn new(input: &CheckinInput, zone: Tz, now: DateTime<Utc>) -> Result<Self> {
        let day = parse_day("day", &input.day)?;
        check_day("day", day, now.with_timezone(&zone).date_naive())?;
        let mood = ranged("mood", "your mood", input.mood, 0, 10)?;
        let craving = ranged("craving", "how strong cravings were", input.craving, 0, 10)?;
        let note = bounded_text("note", "a note", &input.note, NOTE_MAX_CHARS)?;
        let sleep = match &input.sleep {
            Some(s) => Some(SleepDiary::new(s, day, zone, now)?),
            None => None,
        };
        Ok(Checkin {
            day,
            mood: u8::try_from(mood).unwrap_or(0),
            craving: Some(u8::try_from(craving).unwrap_or(0)),
            note,
            sleep,
        })
    }
}

impl Checkin {
    /// An edit of an imported check-in whose craving was never recorded: left unrecorded when
    /// the person still gives none, checked by every other rule.
    pub fn keeping_unrecorded_craving(
        input: &CheckinInput,
        zone: Tz,
        now: DateTime<Utc>,
    ) -> Result<Self> {
        let given = input.craving.is_some();
        let mut probe = input.clone();
        probe.craving = probe.craving.or(Some(0));
        let mut c = Checkin::new(&probe, zone, now)?;
        if !given {
            c.craving = None;
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::resolve_local;
    use chrono_tz::Europe::Berlin;

    fn now() -> DateTime<Utc> {
        resolve_local(
            Berlin,
            NaiveDate::from_ymd_opt(2026, 11, 25)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .expect("time"),
        )
    }

    fn valid() -> CheckinInput {
        CheckinInput {
            day: "2026-11-25".into(),
            mood: Some(6),
            craving: Some(4),
            note: "  Walked a little.  ".into(),
            sleep: None,
        }
    }

    #[test]
    fn a_plain_check_in_is_accepted_and_trimmed() {
        let c = Checkin::new(&valid(), Berlin, now()).expect("valid");
        assert_eq!((c.mood, c.craving), (6, Some(4)));
        assert_eq!(c.note, "Walked a little.");
        assert!(c.sleep.is_none());
    }

    #[test]
    fn each_rule_names_its_field() {
        let cases: Vec<(CheckinInput, &str)> = vec![
            (
                CheckinInput {
                    mood: None,
                    ..valid()
                },
                "mood",
            ),
            (
                CheckinInput {
                    mood: Some(11),
                    ..valid()
                },
                "mood",
            ),
            (
                CheckinInput {
                    craving: Some(-1),
                    ..valid()
                },
                "craving",
            ),
            (
                CheckinInput {
                    craving: None,
                    ..valid()
                },
                "craving",
            ),
            (
                CheckinInput {
                    day: "2026-11-26".into(),
                    ..valid()
                },
                "day",
            ),
            (
                CheckinInput {
                    day: "yesterday".into(),
                    ..valid()
                },
                "day",
            ),
            (
                CheckinInput {
                    note: "x".repeat(1 << 20),
                    ..valid()
                },
                "note",
            ),
            (
                CheckinInput {
                    sleep: Some(SleepInput::default()),
                    ..valid()
                },
                "sleep.bedTime",
            ),
        ];
        for (input, field) in cases {
            let e = Checkin::new(&input, Berlin, now()).expect_err(field);
            assert_eq!(e.field(), Some(field), "{e}");
        }
    }

    #[test]
    fn today_depends_on_the_users_zone() {
        // 23:30 UTC on the 24th is already the 25th in Berlin, but still the 24th in New York.
        let late = DateTime::parse_from_rfc3339("2026-11-24T23:30:00Z")
            .expect("t")
            .with_timezone(&Utc);
        assert!(Checkin::new(&valid(), Berlin, late).is_ok());
        assert!(Checkin::new(&valid(), chrono_tz::America::New_York, late).is_err());
    }
}
