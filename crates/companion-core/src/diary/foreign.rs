//! What the imports from other trackers share: reading their CSV, their times of day, the
//! instant a local time names, and identifiers made from an entry's content, so a file
//! imported twice adds nothing.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use super::import::refused;
use crate::error::Result;

/// A tracker's CSV export, read whole: its first line and its rows that hold anything, each
/// with the line it starts on. A row that cannot be read refuses the file, naming the line.
pub(crate) struct Table {
    headers: csv::StringRecord,
    pub rows: Vec<(u64, csv::StringRecord)>,
}

impl Table {
    pub fn read(bytes: &[u8]) -> Result<Table> {
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
        let headers = reader
            .headers()
            .map_err(|e| {
                refused(format!(
                    "its first line cannot be read ({}).",
                    csv_problem(&e)
                ))
            })?
            .clone();
        let mut rows = vec![];
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                refused(format!("line {line} cannot be read ({}).", csv_problem(&e)))
            })?;
            if record.iter().any(|f| !f.trim().is_empty()) {
                rows.push((record.position().map_or(0, |p| p.line()), record));
            }
        }
        Ok(Table { headers, rows })
    }

    /// The column the first line names `name` (case and a byte-order mark aside): trackers
    /// change their columns between versions, so none is found by position.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(name)
        })
    }
}

/// A check-in from another tracker: a mood and a note at a local time, no craving (neither
/// tracker asks), identified by `uuid`. `Ok(false)` when the diary has it already.
pub(crate) struct Imported<'a> {
    pub day: NaiveDate,
    pub time: NaiveTime,
    pub mood: i64,
    pub note: &'a str,
    pub uuid: &'a str,
}

impl Imported<'_> {
    pub fn insert(
        &self,
        conn: &rusqlite::Connection,
        zone: Tz,
        now: i64,
    ) -> rusqlite::Result<bool> {
        let at = instant(zone, self.day.and_time(self.time), now);
        crate::store::checkins::insert_imported(
            conn,
            &crate::store::checkins::ImportedCheckin {
                day: self.day,
                at,
                tz: zone.name(),
                mood: self.mood,
                note: self.note,
                uuid: self.uuid,
            },
            now,
        )
    }
}

/// The day `raw` starts with (`2024-03-05`, or `2024-03-05T00:00:00`), within 2000–2099.
pub(crate) fn day(raw: &str) -> Option<NaiveDate> {
    raw.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .filter(|d| (2000..2100).contains(&chrono::Datelike::year(d)))
}

/// Why the csv reader stopped, in words.
fn csv_problem(e: &csv::Error) -> String {
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
