//! SQL for the `cravings` table.

use chrono::{DateTime, Utc};
use rusqlite::{named_params, Connection, OptionalExtension, Row};

use super::table::{f, opt, Kind, Rule, UUID, ZONE};
use crate::error::{Error, Result};
use crate::model::craving::{Craving, CravingView};
use crate::model::{fmt_local, stored_zone, to_local};

const COLUMNS: &str = "id, at, tz, intensity, context, eased_to, surf_min";

pub(crate) fn insert(
    conn: &Connection,
    c: &Craving,
    zone: &str,
    day: &str,
    now: i64,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO cravings (at, tz, day, intensity, context, eased_to, surf_min, recorded_at,
             updated_at)
         VALUES (:at, :tz, :day, :intensity, :context, :eased_to, :surf_min, :now, :now)",
        named_params! {
            ":at": c.at.timestamp(), ":tz": zone, ":day": day, ":intensity": c.intensity,
            ":context": c.context, ":eased_to": c.eased_to, ":surf_min": c.surf_min, ":now": now,
        },
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn update(conn: &Connection, id: i64, c: &Craving, day: &str, now: i64) -> Result<()> {
    let n = conn.execute(
        "UPDATE cravings SET at = :at, day = :day, intensity = :intensity, context = :context,
             updated_at = :now
         WHERE id = :id AND deleted_at IS NULL",
        named_params! {
            ":id": id, ":at": c.at.timestamp(), ":day": day, ":intensity": c.intensity,
            ":context": c.context, ":now": now,
        },
    )?;
    if n == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<CravingView> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM live_cravings WHERE id = ?"),
        [id],
        view,
    )
    .optional()?
    .map(|(_, v)| v)
    .ok_or(Error::NotFound)
}

pub(crate) fn in_days(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<(DateTime<Utc>, CravingView)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM live_cravings WHERE day BETWEEN ? AND ?"
    ))?;
    let rows = stmt.query_map([from, to], view)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn view(r: &Row<'_>) -> rusqlite::Result<(DateTime<Utc>, CravingView)> {
    let tz_name: String = r.get("tz")?;
    let at = DateTime::from_timestamp(r.get("at")?, 0).unwrap_or_default();
    Ok((
        at,
        CravingView {
            id: r.get("id")?,
            at: fmt_local(to_local(stored_zone(&tz_name), at)),
            time_zone: tz_name,
            intensity: r.get("intensity")?,
            context: r.get("context")?,
            eased_to: r.get("eased_to")?,
            surf_min: r.get("surf_min")?,
        },
    ))
}

/// Every note written with the cravings of `day`, joined, for adaptive hydration.
pub(crate) fn notes_on(conn: &Connection, day: &str) -> Result<String> {
    Ok(conn.query_row(
        "SELECT coalesce(group_concat(context, ' '), '') FROM live_cravings WHERE day = ?1",
        [day],
        |r| r.get(0),
    )?)
}

/// Calls `f` with each craving of the days `from` to `to`: its day, instant (Unix seconds),
/// zone, strength and note, for the trends.
pub(crate) fn each_in_days(
    conn: &Connection,
    from: &str,
    to: &str,
    mut f: impl FnMut(&str, i64, &str, u8, String),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT day, at, tz, intensity, context FROM live_cravings WHERE day BETWEEN ? AND ?",
    )?;
    let mut rows = stmt.query([from, to])?;
    while let Some(r) = rows.next()? {
        let day: String = r.get(0)?;
        let tz: String = r.get(2)?;
        f(&day, r.get(1)?, &tz, r.get(3)?, r.get(4)?);
    }
    Ok(())
}

/// Cravings as the export and the import know them.
pub(crate) const KIND: Kind = Kind {
    key: "cravings",
    table: "cravings",
    source: "live_cravings",
    label: "cravings",
    fields: &[
        UUID,
        f("at", "at", Rule::Time),
        ZONE,
        f("day", "day", Rule::Day),
        f("intensity", "intensity", Rule::Int(0, 10)),
        f(
            "context",
            "context",
            Rule::Text(crate::model::craving::CONTEXT_MAX_CHARS),
        ),
        opt("eased_to", "easedTo", Rule::Int(0, 10)),
        opt("surf_min", "urgeSurfMinutes", Rule::Int(1, 180)),
        f("recorded_at", "recordedAt", Rule::Time),
        f("updated_at", "updatedAt", Rule::Time),
    ],
    ..Kind::ENTRIES
};
