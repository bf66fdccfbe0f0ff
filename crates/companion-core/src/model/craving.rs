//! A craving logged on its own, as often as it comes, with an optional note on what set it off.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::{bounded_text, ranged};
use crate::error::Result;

pub const CONTEXT_MAX_CHARS: usize = 1000;

/// A craving as the form sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CravingInput {
    /// Local "YYYY-MM-DDTHH:MM"; absent means now.
    pub at: Option<String>,
    /// 0 (none) to 10 (worst imaginable).
    #[cfg_attr(test, ts(type = "number | null"))]
    pub intensity: Option<i64>,
    /// What was going on, or what set it off.
    pub context: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Craving {
    pub at: DateTime<Utc>,
    pub intensity: u8,
    pub context: String,
    /// Urge surfing: how strong the craving was when it ended, and for how many minutes.
    pub eased_to: Option<u8>,
    pub surf_min: Option<u32>,
}

/// A stored craving, as the history shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CravingView {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    /// Local "YYYY-MM-DDTHH:MM" in the zone it was logged in.
    pub at: String,
    pub time_zone: String,
    pub intensity: u8,
    pub context: String,
    /// After urge surfing: the strength it eased to, and the minutes it took.
    pub eased_to: Option<u8>,
    pub surf_min: Option<u32>,
}

impl Craving {
    pub fn new(input: &CravingInput, zone: Tz, now: DateTime<Utc>) -> Result<Self> {
        let at = super::parse_at("at", input.at.as_deref(), zone, now)?;
        let intensity = ranged(
            "intensity",
            "how strong the craving is",
            input.intensity,
            0,
            10,
        )?;
        let context = bounded_text(
            "context",
            "the note on what was going on",
            &input.context,
            CONTEXT_MAX_CHARS,
        )?;
        Ok(Craving {
            at,
            intensity: u8::try_from(intensity).unwrap_or(0),
            context,
            eased_to: None,
            surf_min: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-25T08:00:00Z")
            .expect("t")
            .with_timezone(&Utc)
    }

    #[test]
    fn defaults_to_now_and_reads_local_times() {
        let c = Craving::new(
            &CravingInput {
                at: None,
                intensity: Some(7),
                context: "after a call".into(),
            },
            Berlin,
            now(),
        )
        .expect("valid");
        assert_eq!(c.at, now());
        let c = Craving::new(
            &CravingInput {
                at: Some("2026-11-25T08:30".into()),
                intensity: Some(3),
                context: String::new(),
            },
            Berlin,
            now(),
        )
        .expect("valid");
        assert_eq!(c.at.to_rfc3339(), "2026-11-25T07:30:00+00:00");
    }

    #[test]
    fn each_rule_names_its_field() {
        let cases = [
            (
                CravingInput {
                    at: None,
                    intensity: None,
                    context: String::new(),
                },
                "intensity",
            ),
            (
                CravingInput {
                    at: None,
                    intensity: Some(11),
                    context: String::new(),
                },
                "intensity",
            ),
            (
                CravingInput {
                    at: Some("2026-11-25T10:00".into()),
                    intensity: Some(1),
                    context: String::new(),
                },
                "at",
            ),
            (
                CravingInput {
                    at: Some("soon".into()),
                    intensity: Some(1),
                    context: String::new(),
                },
                "at",
            ),
            (
                CravingInput {
                    at: None,
                    intensity: Some(1),
                    context: "y".repeat(1001),
                },
                "context",
            ),
        ];
        for (input, field) in cases {
            let e = Craving::new(&input, Berlin, now()).expect_err(field);
            assert_eq!(e.field(), Some(field), "{e}");
        }
    }
}
