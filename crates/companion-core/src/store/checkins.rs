//! SQL for the `checkins` table (a check-in and its optional sleep diary share one row).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{named_params, Connection, OptionalExtension, Row};

use super::table::{f, opt, Kind, Rule, UUID, ZONE};
use crate::error::{Error, Result};
use crate::model::checkin::{Checkin, CheckinView};
use crate::model::sleep::SleepDiary;
use crate::model::{fmt_local, stored_zone, to_local};

const COLUMNS: &str = "id, day, recorded_at, tz, mood, craving, note, bed_at, lights_off_at, \
     wake_at, out_of_bed_at, latency_min, awakenings, awake_min, sleep_quality";

pub(crate) fn sleep_diary_taken(e: rusqlite::Error) -> Error {
    if super::unique_violation(&e) {
        Error::invalid(
            "sleep",
            "Last night's sleep is already in another check-in for this day. \
             You can edit that check-in instead, or leave sleep out of this one.",
        )
    } else {
        Error::Storage(e)
    }
}

pub(crate) fn insert(conn: &Connection, c: &Checkin, zone: &str, now: i64) -> Result<i64> {
    let s = c.sleep.as_ref();
    conn.execute(
        "INSERT INTO checkins (day, recorded_at, updated_at, tz, mood, craving, note, bed_at,
             lights_off_at, wake_at, out_of_bed_at, latency_min, awakenings, awake_min, sleep_quality)
         VALUES (:day, :now, :now, :tz, :mood, :craving, :note, :bed, :off, :wake, :out, :lat,
             :awakenings, :awake, :quality)",
        named_params! {
            ":day": c.day.to_string(), ":now": now, ":tz": zone, ":mood": c.mood,
            ":craving": c.craving, ":note": c.note,
            ":bed": s.map(|s| s.bed_at.timestamp()), ":off": s.map(|s| s.lights_off_at.timestamp()),
            ":wake": s.map(|s| s.wake_at.timestamp()), ":out": s.map(|s| s.out_of_bed_at.timestamp()),
            ":lat": s.map(|s| s.latency_min), ":awakenings": s.map(|s| s.awakenings),
            ":awake": s.map(|s| s.awake_min), ":quality": s.map(|s| s.quality),
        },
    )
    .map_err(sleep_diary_taken)?;
    Ok(conn.last_insert_rowid())
}

/// A check-in from another tracker (mood and note only), written as it was made then.
pub(crate) struct ImportedCheckin<'a> {
    pub day: NaiveDate,
    /// When it was made, Unix seconds.
    pub at: i64,
    pub tz: &'a str,
    pub mood: i64,
    pub note: &'a str,
    pub uuid: &'a str,
}

/// Adds `c`; `Ok(false)` when the diary has a check-in with its uuid already.
pub(crate) fn insert_imported(
    conn: &Connection,
    c: &ImportedCheckin<'_>,
    now: i64,
) -> rusqlite::Result<bool> {
    match conn
        .prepare_cached(
            "INSERT INTO checkins (day, recorded_at, updated_at, tz, mood, craving, note, uuid)
             VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7)",
        )?
        .execute(rusqlite::params![
            c.day.to_string(),
            c.at,
            now,
            c.tz,
            c.mood,
            c.note,
            c.uuid
        ]) {
        Ok(_) => Ok(true),
        Err(e) if super::unique_violation(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Adds `words` on a line of their own to the note of check-in `id`, if the note has room
/// for them (see [`crate::model::checkin::NOTE_MAX_CHARS`]); whether it did.
pub(crate) fn append_to_note(conn: &Connection, id: i64, words: &str) -> Result<bool> {
    let added = conn.execute(
        "UPDATE checkins SET note = CASE WHEN note = '' THEN ?2 ELSE note || char(10) || ?2 END
         WHERE id = ?1 AND length(note) + length(?2) < ?3",
        rusqlite::params![id, words, crate::model::checkin::NOTE_MAX_CHARS as i64],
    )?;
    Ok(added == 1)
}

pub(crate) fn update(conn: &Connection, id: i64, c: &Checkin, now: i64) -> Result<()> {
    let s = c.sleep.as_ref();
    let n = conn
        .execute(
            "UPDATE checkins SET day = :day, updated_at = :now, mood = :mood, craving = :craving,
                 note = :note, bed_at = :bed, lights_off_at = :off, wake_at = :wake,
                 out_of_bed_at = :out, latency_min = :lat, awakenings = :awakenings,
                 awake_min = :awake, sleep_quality = :quality
             WHERE id = :id AND deleted_at IS NULL",
            named_params! {
                ":id": id, ":day": c.day.to_string(), ":now": now, ":mood": c.mood,
                ":craving": c.craving, ":note": c.note,
                ":bed": s.map(|s| s.bed_at.timestamp()), ":off": s.map(|s| s.lights_off_at.timestamp()),
                ":wake": s.map(|s| s.wake_at.timestamp()), ":out": s.map(|s| s.out_of_bed_at.timestamp()),
                ":lat": s.map(|s| s.latency_min), ":awakenings": s.map(|s| s.awakenings),
                ":awake": s.map(|s| s.awake_min), ":quality": s.map(|s| s.quality),
            },
        )
        .map_err(sleep_diary_taken)?;
    if n == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<CheckinView> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM live_checkins WHERE id = ?"),
        [id],
        view,
    )
    .optional()?
    .map(|(_, v)| v)
    .ok_or(Error::NotFound)
}

/// Live check-ins of the days `from..=to`, with the instant each was recorded.
pub(crate) fn in_days(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<(DateTime<Utc>, CheckinView)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM live_checkins WHERE day BETWEEN ? AND ?"
    ))?;
    let rows = stmt.query_map([from, to], view)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// The sleep diary columns of a row (selected by name), if the check-in has one.
pub(crate) fn diary(r: &Row<'_>) -> rusqlite::Result<Option<SleepDiary>> {
    let Some(bed) = r.get::<_, Option<i64>>("bed_at")? else {
        return Ok(None);
    };
    Ok(Some(SleepDiary {
        bed_at: instant(bed),
        lights_off_at: instant(r.get("lights_off_at")?),
        wake_at: instant(r.get("wake_at")?),
        out_of_bed_at: instant(r.get("out_of_bed_at")?),
        latency_min: r.get("latency_min")?,
        awakenings: r.get("awakenings")?,
        awake_min: r.get("awake_min")?,
        quality: r.get("sleep_quality")?,
    }))
}

fn view(r: &Row<'_>) -> rusqlite::Result<(DateTime<Utc>, CheckinView)> {
    let tz_name: String = r.get("tz")?;
    let zone = stored_zone(&tz_name);
    let recorded = instant(r.get("recorded_at")?);
    let day: String = r.get("day")?;
    let sleep = diary(r)?;
    debug_assert!(NaiveDate::parse_from_str(&day, "%Y-%m-%d").is_ok());
    Ok((
        recorded,
        CheckinView {
            id: r.get("id")?,
            day,
            recorded_at: fmt_local(to_local(zone, recorded)),
            time_zone: tz_name,
            mood: r.get("mood")?,
            craving: r.get("craving")?,
            note: r.get("note")?,
            sleep: sleep.map(|s| s.view(zone)),
        },
    ))
}

/// A day's check-ins in brief, for the help prompts: the average and lowest mood, and the
/// minutes asleep in that day's sleep diary, if one was kept.
pub(crate) type DaySummary = (NaiveDate, f64, u8, Option<u32>);

/// Each day with a check-in from `from` to `to`, oldest first.
pub(crate) fn day_summaries(conn: &Connection, from: &str, to: &str) -> Result<Vec<DaySummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT day, avg(mood), min(mood),
                max((wake_at - lights_off_at) / 60 - latency_min - awake_min)
         FROM live_checkins WHERE day BETWEEN ? AND ?
         GROUP BY day ORDER BY day",
    )?;
    let rows = stmt.query_map([from, to], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, f64>(1)?,
            r.get::<_, u8>(2)?,
            r.get::<_, Option<i64>>(3)?,
        ))
    })?;
    let mut out = vec![];
    for row in rows {
        let (day, avg, low, asleep) = row?;
        if let Ok(day) = day.parse() {
            out.push((day, avg, low, asleep.map(|m| m.max(0) as u32)));
        }
    }
    Ok(out)
}

/// Every note written in the check-ins of `day`, joined, for adaptive hydration.
pub(crate) fn notes_on(conn: &Connection, day: &str) -> Result<String> {
    Ok(conn.query_row(
        "SELECT coalesce(group_concat(note, ' '), '') FROM live_checkins WHERE day = ?1",
        [day],
        |r| r.get(0),
    )?)
}

/// Whether `day` has a check-in.
pub(crate) fn any_on(conn: &Connection, day: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM live_checkins WHERE day = ?1)",
        [day],
        |r| r.get(0),
    )?)
}

/// Whether the live check-in `id` has no craving recorded (one imported from elsewhere).
pub(crate) fn craving_unrecorded(conn: &Connection, id: i64) -> Result<bool> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT craving IS NULL FROM live_checkins WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

/// Calls `f` with each check-in of the days `from` to `to`: its day, mood, craving and sleep
/// diary, for the trends (no views are built, so ten years stay quick).
pub(crate) fn each_in_days(
    conn: &Connection,
    from: &str,
    to: &str,
    mut f: impl FnMut(&str, u8, Option<u8>, Option<SleepDiary>),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT day, mood, craving, bed_at, lights_off_at, wake_at, out_of_bed_at, latency_min,
                awakenings, awake_min, sleep_quality
         FROM live_checkins WHERE day BETWEEN ? AND ?",
    )?;
    let mut rows = stmt.query([from, to])?;
    while let Some(r) = rows.next()? {
        let day: String = r.get(0)?;
        f(&day, r.get(1)?, r.get(2)?, diary(r)?);
    }
    Ok(())
}

/// Check-ins as the export and the import know them.
pub(crate) const KIND: Kind = Kind {
    key: "checkins",
    table: "checkins",
    source: "live_checkins",
    label: "check-ins",
    fields: &[
        UUID,
        f("day", "day", Rule::Day),
        ZONE,
        f("mood", "mood", Rule::Int(0, 10)),
        opt("craving", "craving", Rule::Int(0, 10)),
        f(
            "note",
            "note",
            Rule::Text(crate::model::checkin::NOTE_MAX_CHARS),
        ),
        opt("bed_at", "bedAt", Rule::Time),
        opt("lights_off_at", "lightsOffAt", Rule::Time),
        opt("latency_min", "minutesToFallAsleep", Rule::Int(0, 720)),
        opt("awakenings", "awakenings", Rule::Int(0, 50)),
        opt("awake_min", "minutesAwakeInNight", Rule::Int(0, 720)),
        opt("wake_at", "finalWakeAt", Rule::Time),
        opt("out_of_bed_at", "outOfBedAt", Rule::Time),
        opt("sleep_quality", "sleepQuality", Rule::Int(1, 5)),
        f("recorded_at", "recordedAt", Rule::Time),
        f("updated_at", "updatedAt", Rule::Time),
    ],
    ..Kind::ENTRIES
};
