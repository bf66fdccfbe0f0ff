//! What the imports from other trackers share: reading their CSV, their times of day, the
//! instant a local time names, and identifiers made from an entry's content, so a file
//! imported twice adds nothing.

use chrono::{NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// Why the csv reader stopped, in words.
pub(crate) fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "it is not UTF-8 text".into(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("it has {len} fields where the first line has {expected_len}")
        }
        _ => "it is not CSV".into(),
    }
}

/// An instant for a local time in `zone`: a time skipped by a clock change is read an hour
/// later, a repeated one as the first.
pub(crate) fn instant(zone: Tz, local: NaiveDateTime, fallback: i64) -> i64 {
    zone.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map_or(fallback, |t| t.timestamp())
}

/// `8:30 pm`, `8:30 PM`, `8:30 p.m.`, `12:05 am`, `14:58`, `14:58:00`.
pub(crate) fn parse_time(raw: &str) -> Option<NaiveTime> {
    let lower = raw.trim().to_lowercase().replace('.', "");
    let (clock, pm) = if let Some(c) = lower.strip_suffix("pm") {
        (c.trim(), Some(true))
    } else if let Some(c) = lower.strip_suffix("am") {
        (c.trim(), Some(false))
    } else {
        (lower.as_str(), None)
    };
    let mut parts = clock.split(':');
    let h: u32 = parts.next()?.trim().parse().ok()?;
    let m: u32 = parts.next()?.trim().parse().ok()?;
    let s: u32 = match parts.next() {
        Some(s) => s.trim().parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let h = match pm {
        Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => h,
    };
    NaiveTime::from_hms_opt(h, m, s)
}

/// A stable identifier from the words that make an entry what it is (FNV-1a, 128 bits,
/// written as a version-8 UUID: made from content, not random).
pub(crate) fn content_uuid(parts: &[&str]) -> String {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for b in parts.join("\u{1f}").bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    let hex = format!("{h:032x}");
    format!(
        "{}-{}-8{}-{}{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        ["8", "9", "a", "b"][usize::from(hex.as_bytes()[16] % 4)],
        &hex[17..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_phones_write_them() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_time("8:30 pm"), t(20, 30));
        assert_eq!(parse_time("8:30 PM"), t(20, 30));
        assert_eq!(parse_time("8:30 p.m."), t(20, 30));
        assert_eq!(parse_time("12:05 am"), t(0, 5));
        assert_eq!(parse_time("12:05 pm"), t(12, 5));
        assert_eq!(parse_time("14:58"), t(14, 58));
        assert_eq!(parse_time("07:00:00"), t(7, 0));
        for bad in [
            "",
            "25:00",
            "13:00 pm",
            "0:30 am",
            "noon",
            "8",
            "8:30:00:00",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
