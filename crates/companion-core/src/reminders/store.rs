//! SQL for the `reminders`, `settings` and `water` tables.

use chrono::NaiveTime;
use rusqlite::{named_params, params, Connection, OptionalExtension, Row};

use super::{schedule, Reminder, ReminderKind, ReminderSettings, WaterToday};
use crate::error::{Error, Result};
use crate::store::settings::{get as setting, put};
use crate::store::table::{f, opt, Kind, Rule, UUID, ZONE};

const COLUMNS: &str = "id, kind, title, message, enabled, at_time, before_min, every_min, \
     window_start, window_end, snoozed_until, paused_until, handled_through, last_fired_at";

fn time(raw: Option<String>) -> Option<NaiveTime> {
    raw.and_then(|s| NaiveTime::parse_from_str(&s, "%H:%M").ok())
}

fn hm(t: Option<NaiveTime>) -> Option<String> {
    t.map(|t| t.format("%H:%M").to_string())
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Reminder> {
    Ok(Reminder {
        id: row.get(0)?,
        kind: ReminderKind::parse(&row.get::<_, String>(1)?),
        title: row.get(2)?,
        message: row.get(3)?,
        enabled: row.get(4)?,
        at: time(row.get(5)?),
        before_min: row.get(6)?,
        every_min: row.get(7)?,
        from: time(row.get(8)?),
        to: time(row.get(9)?),
        snoozed_until: row.get(10)?,
        paused_until: row.get(11)?,
        handled_through: row.get(12)?,
        last_fired_at: row.get(13)?,
    })
}

pub(crate) fn all(conn: &Connection) -> Result<Vec<Reminder>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM reminders ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Reminder> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM reminders WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound)
}

pub(crate) fn insert(conn: &Connection, r: &Reminder, now: i64) -> Result<i64> {
    conn.execute(
        "INSERT INTO reminders (kind, title, message, enabled, at_time, before_min, every_min,
             window_start, window_end, handled_through, updated_at)
         VALUES (:kind, :title, :message, :enabled, :at, :before, :every, :from, :to, :now, :now)",
        named_params! {
            ":kind": r.kind.as_str(), ":title": r.title, ":message": r.message,
            ":enabled": r.enabled, ":at": hm(r.at), ":before": r.before_min,
            ":every": r.every_min, ":from": hm(r.from), ":to": hm(r.to), ":now": now,
        },
    )?;
    Ok(conn.last_insert_rowid())
}

/// Replaces the rule and restarts the reminder from `now`: a changed reminder does not catch up
/// on moments its old rule would have had.
pub(crate) fn update(conn: &Connection, id: i64, r: &Reminder, now: i64) -> Result<()> {
    let n = conn.execute(
        "UPDATE reminders SET title = :title, message = :message, enabled = :enabled,
             at_time = :at, before_min = :before, every_min = :every, window_start = :from,
             window_end = :to, handled_through = :now, snoozed_until = NULL, updated_at = :now
         WHERE id = :id",
        named_params! {
            ":id": id, ":title": r.title, ":message": r.message, ":enabled": r.enabled,
            ":at": hm(r.at), ":before": r.before_min, ":every": r.every_min,
            ":from": hm(r.from), ":to": hm(r.to), ":now": now,
        },
    )?;
    if n == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}

pub(crate) fn delete(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM reminders WHERE id = ?1", [id])? == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}

pub(crate) fn set_snooze(conn: &Connection, id: i64, until: Option<i64>) -> Result<()> {
    if conn.execute(
        "UPDATE reminders SET snoozed_until = ?2 WHERE id = ?1",
        params![id, until],
    )? == 0
    {
        return Err(Error::NotFound);
    }
    Ok(())
}

/// Pauses or resumes one reminder. Resuming starts it from `now`, so what it would have said
/// during the pause is not said all at once.
pub(crate) fn set_pause(conn: &Connection, id: i64, until: Option<i64>, now: i64) -> Result<()> {
    if conn.execute(
        "UPDATE reminders SET paused_until = ?2,
             handled_through = CASE WHEN ?2 IS NULL THEN max(handled_through, ?3)
                                    ELSE handled_through END
         WHERE id = ?1",
        params![id, until, now],
    )? == 0
    {
        return Err(Error::NotFound);
    }
    Ok(())
}

pub(crate) fn save_state(
    conn: &Connection,
    id: i64,
    st: &schedule::State,
    last_fired_at: Option<i64>,
) -> Result<()> {
    conn.execute(
        "UPDATE reminders SET handled_through = ?2, snoozed_until = ?3, last_fired_at = ?4
         WHERE id = ?1",
        params![
            id,
            st.handled_through.timestamp(),
            st.snoozed_until.map(|t| t.timestamp()),
            last_fired_at
        ],
    )?;
    Ok(())
}

pub(crate) fn settings(conn: &Connection) -> Result<ReminderSettings> {
    Ok(ReminderSettings {
        quiet_enabled: setting(conn, "quiet_enabled")? == "1",
        quiet_start: setting(conn, "quiet_start")?,
        quiet_end: setting(conn, "quiet_end")?,
        adaptive_hydration: setting(conn, "adaptive_hydration")? == "1",
        water_goal: setting(conn, "water_goal")?.parse().unwrap_or(8),
        discreet: setting(conn, "discreet")? == "1",
    })
}

pub(crate) fn save_settings(conn: &Connection, s: &ReminderSettings) -> Result<()> {
    put(
        conn,
        "quiet_enabled",
        if s.quiet_enabled { "1" } else { "0" },
    )?;
    put(conn, "quiet_start", &s.quiet_start)?;
    put(conn, "quiet_end", &s.quiet_end)?;
    put(
        conn,
        "adaptive_hydration",
        if s.adaptive_hydration { "1" } else { "0" },
    )?;
    put(conn, "water_goal", &s.water_goal.to_string())?;
    put(conn, "discreet", if s.discreet { "1" } else { "0" })
}

/// Quiet hours as times, when they are on.
pub(crate) fn quiet(s: &ReminderSettings) -> Option<(NaiveTime, NaiveTime)> {
    let start = time(Some(s.quiet_start.clone()))?;
    let end = time(Some(s.quiet_end.clone()))?;
    (s.quiet_enabled && start != end).then_some((start, end))
}

pub(crate) fn all_paused_until(conn: &Connection) -> Result<Option<i64>> {
    Ok(setting(conn, "reminders_paused_until")?.parse().ok())
}

pub(crate) fn set_all_paused(conn: &Connection, until: Option<i64>) -> Result<()> {
    put(
        conn,
        "reminders_paused_until",
        &until.map(|u| u.to_string()).unwrap_or_default(),
    )
}

/// Everything written today in check-in notes and craving notes, for adaptive hydration.
pub(crate) fn notes_of_day(conn: &Connection, day: &str) -> Result<String> {
    Ok(format!(
        "{} {}",
        crate::store::checkins::notes_on(conn, day)?,
        crate::store::cravings::notes_on(conn, day)?
    ))
}

pub(crate) fn checked_in_on(conn: &Connection, day: &str) -> Result<bool> {
    crate::store::checkins::any_on(conn, day)
}

pub(crate) fn last_water(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT max(at) FROM water", [], |r| r.get(0))?)
}

pub(crate) fn add_water(conn: &Connection, now: i64, zone: &str, day: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO water (at, tz, day) VALUES (?1, ?2, ?3)",
        params![now, zone, day],
    )?;
    Ok(())
}

pub(crate) fn remove_last_water(conn: &Connection, day: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM water WHERE id = (SELECT max(id) FROM water WHERE day = ?1)",
        [day],
    )?;
    Ok(())
}

pub(crate) fn water_today(conn: &Connection, day: &str, goal: u32) -> Result<WaterToday> {
    let glasses: u32 = conn.query_row("SELECT count(*) FROM water WHERE day = ?1", [day], |r| {
        r.get(0)
    })?;
    Ok(WaterToday {
        day: day.to_owned(),
        glasses,
        goal,
    })
}

/// Glasses of water as the export and the import know them.
pub(crate) const WATER: Kind = Kind {
    key: "water",
    table: "water",
    source: "water",
    label: "glasses of water",
    fields: &[
        UUID,
        f("at", "at", Rule::Time),
        ZONE,
        f("day", "day", Rule::Day),
    ],
    ..Kind::ENTRIES
};

/// Reminders as the export and the import know them.
pub(crate) const REMINDERS: Kind = Kind {
    key: "reminders",
    table: "reminders",
    source: "reminders",
    label: "reminders",
    fields: &[
        UUID,
        f(
            "kind",
            "kind",
            Rule::Choice(&[
                "hydration",
                "wind_down",
                "rest",
                "checkin",
                "checkup",
                "custom",
            ]),
        ),
        f(
            "title",
            "title",
            Rule::Text(crate::reminders::TITLE_MAX_CHARS),
        ),
        f(
            "message",
            "message",
            Rule::Text(crate::reminders::MESSAGE_MAX_CHARS),
        ),
        f("enabled", "enabled", Rule::Int(0, 1)),
        opt("at_time", "atTime", Rule::Clock),
        f("before_min", "minutesBefore", Rule::Int(0, 240)),
        opt("every_min", "everyMinutes", Rule::Int(15, 720)),
        opt("window_start", "windowStart", Rule::Clock),
        opt("window_end", "windowEnd", Rule::Clock),
    ],
    in_range: None,
    setup: true,
    stamped: &["handled_through", "updated_at"],
    ..Kind::ENTRIES
};
