//! Validated domain types. Inputs arrive as the form has them (strings, optional numbers);
//! constructors turn them into values that cannot break a rule, or into an error that names
//! the field and says, kindly, what to change.

pub mod checkin;
pub mod craving;
pub mod sleep;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Which kind of entry a delete or undo is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum EntryKind {
    Checkin,
    Craving,
    Dose,
}

/// The earliest day an entry may be about; anything before is certainly a typing slip.
pub(crate) const EARLIEST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// Clocks of two machines, or a form opened a moment ago, may differ slightly: accept that much.
pub(crate) const FUTURE_SLACK: Duration = Duration::minutes(2);

pub(crate) fn parse_day(field: &'static str, raw: &str) -> Result<NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Error::invalid(field, "Please choose a day."));
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, "Please enter the day as a date, like 2026-03-14."))
}

/// Checks that `day` is neither in the future (in the user's zone) nor absurdly old.
pub(crate) fn check_day(field: &'static str, day: NaiveDate, today: NaiveDate) -> Result<()> {
    if day > today {
        return Err(Error::invalid(
            field,
            "That day has not come yet. Please pick today or an earlier day.",
        ));
    }
    if day < EARLIEST_DAY {
        return Err(Error::invalid(
            field,
            "That date is a long time ago. Please check the year.",
        ));
    }
    Ok(())
}

pub(crate) fn parse_time(field: &'static str, what: &str, raw: &str) -> Result<NaiveTime> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Error::invalid(
            field,
            format!("Please enter {what} (for example 23:30)."),
        ));
    }
    NaiveTime::parse_from_str(raw, "%H:%M").map_err(|_| {
        Error::invalid(
            field,
            format!("Please enter {what} as hours and minutes, like 23:30."),
        )
    })
}

/// A required whole number inside `lo..=hi`.
pub(crate) fn ranged(
    field: &'static str,
    what: &str,
    value: Option<i64>,
    lo: i64,
    hi: i64,
) -> Result<i64> {
    let v = value.ok_or_else(|| Error::invalid(field, format!("Please choose {what}.")))?;
    if !(lo..=hi).contains(&v) {
        return Err(Error::invalid(
            field,
            format!("{} must be between {lo} and {hi}.", capitalise(what)),
        ));
    }
    Ok(v)
}

/// Free text, trimmed, at most `max` characters (counted as people count them, not bytes).
pub(crate) fn bounded_text(
    field: &'static str,
    what: &str,
    raw: &str,
    max: usize,
) -> Result<String> {
    let text = raw.trim();
    let len = text.chars().count();
    if len > max {
        return Err(Error::invalid(
            field,
            format!(
                "{} can be up to {} characters; this one has {}. Nothing was saved yet, so you can shorten it and try again.",
                capitalise(what),
                group_thousands(max),
                group_thousands(len)
            ),
        ));
    }
    if text.contains('\0') {
        return Err(Error::invalid(
            field,
            format!(
                "{} contains a character that cannot be stored.",
                capitalise(what)
            ),
        ));
    }
    Ok(text.to_owned())
}

/// When something happened, from the form's local "YYYY-MM-DDTHH:MM" (absent or empty: now).
/// Refuses the future (beyond a little slack) and days long past.
pub(crate) fn parse_at(
    field: &'static str,
    raw: Option<&str>,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let raw = match raw.map(str::trim) {
        None | Some("") => return Ok(now),
        Some(raw) => raw,
    };
    let local = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M").map_err(|_| {
        Error::invalid(
            field,
            "Please enter the day and time, like 2026-03-14 18:30.",
        )
    })?;
    let at = resolve_local(zone, local);
    check_day(field, local.date(), now.with_timezone(&zone).date_naive())?;
    if at > now + FUTURE_SLACK {
        return Err(Error::invalid(
            field,
            "That time has not come yet. Please pick a time up to now.",
        ));
    }
    Ok(at)
}

/// The instant a wall-clock time names in `zone`. A time that happens twice (clocks going back)
/// is the first one; a time that never happens (clocks going forward) is read with the offset
/// in force just before the jump, i.e. as many minutes after the jump as it was meant to be.
pub fn resolve_local(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        chrono::LocalResult::None => {
            let before = zone
                .from_local_datetime(&(local - Duration::hours(3)))
                .earliest()
                .map(|t| *t.offset());
            match before {
                Some(offset) => {
                    use chrono::Offset;
                    let secs = offset.fix().local_minus_utc();
                    Utc.from_utc_datetime(&(local - Duration::seconds(secs.into())))
                }
                None => Utc.from_utc_datetime(&local),
            }
        }
    }
}

/// The wall-clock reading of `at` in `zone`.
pub fn to_local(zone: Tz, at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&zone).naive_local()
}

pub(crate) fn fmt_local(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Parses the IANA zone stored with a record. A zone name this build does not know (the tz
/// database renames zones now and then) falls back to UTC rather than hiding the record.
pub(crate) fn stored_zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(zone: Tz, s: &str) -> DateTime<Utc> {
        resolve_local(
            zone,
            NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time"),
        )
    }

    #[test]
    fn spring_forward_gap_moves_forward_by_the_jump() {
        // 02:30 does not exist in New York on 2026-03-08; it is read as 03:30 EDT (07:30 UTC).
        let t = at(chrono_tz::America::New_York, "2026-03-08 02:30");
        assert_eq!(t.to_rfc3339(), "2026-03-08T07:30:00+00:00");
    }

    #[test]
    fn fall_back_takes_the_first_of_the_two() {
        // 01:30 happens twice in New York on 2026-11-01; the first is 05:30 UTC (EDT).
        let t = at(chrono_tz::America::New_York, "2026-11-01 01:30");
        assert_eq!(t.to_rfc3339(), "2026-11-01T05:30:00+00:00");
    }

    #[test]
    fn text_limits_count_characters_and_say_both_numbers() {
        let long = "é".repeat(5001);
        let err = bounded_text("note", "a note", &long, 5000).expect_err("too long");
        assert_eq!(err.field(), Some("note"));
        assert!(err.to_string().contains("5,000"), "{err}");
        assert!(err.to_string().contains("5,001"), "{err}");
        assert_eq!(
            bounded_text("note", "a note", "  hi  ", 5).expect("ok"),
            "hi"
        );
        assert!(bounded_text("note", "a note", "a\0b", 5).is_err());
    }

    #[test]
    fn ranged_rejects_missing_and_out_of_range() {
        assert_eq!(ranged("mood", "your mood", Some(0), 0, 10).expect("ok"), 0);
        assert_eq!(
            ranged("mood", "your mood", Some(10), 0, 10).expect("ok"),
            10
        );
        for bad in [None, Some(-1), Some(11)] {
            let e = ranged("mood", "your mood", bad, 0, 10).expect_err("bad");
            assert_eq!(e.field(), Some("mood"));
        }
    }

    #[test]
    fn days_in_the_future_or_too_old_are_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
        assert!(check_day("day", today, today).is_ok());
        assert!(check_day("day", today.pred_opt().expect("d"), today).is_ok());
        assert!(check_day("day", today.succ_opt().expect("d"), today).is_err());
        assert!(check_day(
            "day",
            NaiveDate::from_ymd_opt(1999, 12, 31).expect("d"),
            today
        )
        .is_err());
        assert!(parse_day("day", "").is_err());
        assert!(parse_day("day", "2026-02-30").is_err());
    }
}
