//! SQL for the journey: doses, symptom checks, taper plans and holds, the recovery plan and
//! contacts.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{named_params, params, Connection, OptionalExtension, Row};

use super::symptoms::{Symptom, SymptomScore};
use super::taper::{StepKind, TaperRule};
use super::{Contact, ContactKind, Dose, DoseUnit, DoseView, Preparation, RecoveryPlan, TaperPlan};
use crate::error::{Error, Result};
use crate::model::{fmt_local, stored_zone, to_local};

const DOSE_COLUMNS: &str = "id, at, tz, unit, amount_milli, mg_per_capsule, mg, form, note";

pub(crate) fn insert_dose(
    conn: &Connection,
    d: &Dose,
    zone: &str,
    day: &str,
    now: i64,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO doses (at, tz, day, unit, amount_milli, mg_per_capsule, mg, form, note,
                            recorded_at, updated_at)
         VALUES (:at, :tz, :day, :unit, :amount, :per, :mg, :form, :note, :now, :now)",
        named_params! {
            ":at": d.at.timestamp(), ":tz": zone, ":day": day, ":unit": d.unit.as_str(),
            ":amount": d.amount_milli, ":per": d.mg_per_capsule, ":mg": d.mg,
            ":form": d.form.as_str(), ":note": d.note, ":now": now,
        },
    )?;
    Ok(conn.last_insert_rowid())
}

fn dose_view(r: &Row<'_>) -> rusqlite::Result<(DateTime<Utc>, DoseView)> {
    let tz: String = r.get("tz")?;
    let at = DateTime::from_timestamp(r.get("at")?, 0).unwrap_or_default();
    let unit = DoseUnit::parse(&r.get::<_, String>("unit")?);
    let amount_milli: u32 = r.get("amount_milli")?;
    let per: Option<u32> = r.get("mg_per_capsule")?;
    Ok((
        at,
        DoseView {
            id: r.get("id")?,
            at: fmt_local(to_local(stored_zone(&tz), at)),
            time_zone: tz,
            unit,
            amount: f64::from(amount_milli) / 1000.0,
            grams_per_capsule: per.map(|p| f64::from(p) / 1000.0),
            mg: r.get("mg")?,
            form: Preparation::parse(&r.get::<_, String>("form")?),
            note: r.get("note")?,
        },
    ))
}

pub(crate) fn dose(conn: &Connection, id: i64) -> Result<DoseView> {
    conn.query_row(
        &format!("SELECT {DOSE_COLUMNS} FROM live_doses WHERE id = ?"),
        [id],
        dose_view,
    )
    .optional()?
    .map(|(_, v)| v)
    .ok_or(Error::NotFound)
}

pub(crate) fn doses_in_days(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<(DateTime<Utc>, DoseView)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {DOSE_COLUMNS} FROM live_doses WHERE day BETWEEN ? AND ?"
    ))?;
    let rows = stmt.query_map([from, to], dose_view)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest dose at or before `at`.
pub(crate) fn last_dose(conn: &Connection, at: i64) -> Result<Option<(DateTime<Utc>, DoseView)>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {DOSE_COLUMNS} FROM live_doses WHERE at <= ?
                 ORDER BY at DESC, id DESC LIMIT 1"
            ),
            [at],
            dose_view,
        )
        .optional()?)
}

/// Every dose instant, oldest first (a few thousand at most in years of use).
pub(crate) fn dose_times(conn: &Connection) -> Result<Vec<DateTime<Utc>>> {
    let mut stmt = conn.prepare_cached("SELECT at FROM live_doses ORDER BY at")?;
    let rows = stmt.query_map([], |r| r.get::<_, i64>(0))?;
    Ok(rows
        .map(|r| r.map(|s| DateTime::from_timestamp(s, 0).unwrap_or_default()))
        .collect::<rusqlite::Result<_>>()?)
}

/// The local day of the first logged dose, if any.
pub(crate) fn first_dose_day(conn: &Connection) -> Result<Option<NaiveDate>> {
    let day: Option<String> =
        conn.query_row("SELECT min(day) FROM live_doses", [], |r| r.get(0))?;
    Ok(day.and_then(|d| d.parse().ok()))
}

/// Milligrams logged per local day between `from` and `to`.
pub(crate) fn mg_per_day(conn: &Connection, from: &str, to: &str) -> Result<Vec<(NaiveDate, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT day, sum(mg) FROM live_doses WHERE day BETWEEN ? AND ?
         GROUP BY day ORDER BY day",
    )?;
    let rows = stmt.query_map([from, to], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
    let mut out = vec![];
    for row in rows {
        let (day, mg) = row?;
        if let Ok(day) = day.parse() {
            out.push((day, mg));
        }
    }
    Ok(out)
}

pub(crate) fn save_symptoms(
    conn: &Connection,
    day: &str,
    at: i64,
    zone: &str,
    scores: &[SymptomScore],
    now: i64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO symptom_checks (day, at, tz, recorded_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (day) DO UPDATE SET at = ?2, tz = ?3, updated_at = ?4",
        params![day, at, zone, now],
    )?;
    let id: i64 = conn.query_row("SELECT id FROM symptom_checks WHERE day = ?", [day], |r| {
        r.get(0)
    })?;
    conn.execute("DELETE FROM symptom_scores WHERE check_id = ?", [id])?;
    let mut stmt = conn
        .prepare_cached("INSERT INTO symptom_scores (check_id, symptom, score) VALUES (?, ?, ?)")?;
    for s in scores {
        stmt.execute(params![id, s.symptom.key(), s.score])?;
    }
    Ok(())
}

/// Whether the diary has a symptom check for `day`.
pub(crate) fn has_symptom_check(conn: &Connection, day: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM symptom_checks WHERE day = ?1", [day], |_| {
            Ok(())
        })
        .optional()?
        .is_some())
}

/// Adds a symptom check from another tracker, with its uuid and scores by symptom key.
pub(crate) fn add_imported_symptoms(
    conn: &Connection,
    day: &str,
    at: i64,
    zone: &str,
    now: i64,
    uuid: &str,
    scores: &std::collections::BTreeMap<&str, i64>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO symptom_checks (day, at, tz, recorded_at, updated_at, uuid)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        params![day, at, zone, now, uuid],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn
        .prepare_cached("INSERT INTO symptom_scores (check_id, symptom, score) VALUES (?, ?, ?)")?;
    for (symptom, score) in scores {
        stmt.execute(params![id, symptom, score])?;
    }
    Ok(())
}

/// A symptom check: its day, the instant it describes, and every score in form order.
pub(crate) type CheckRow = (NaiveDate, DateTime<Utc>, Vec<SymptomScore>);

pub(crate) fn symptom_checks(conn: &Connection, from: &str, to: &str) -> Result<Vec<CheckRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.day, c.at, s.symptom, s.score FROM symptom_checks c
         JOIN symptom_scores s ON s.check_id = c.id
         WHERE c.day BETWEEN ? AND ? ORDER BY c.day",
    )?;
    let rows = stmt.query_map([from, to], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, u8>(3)?,
        ))
    })?;
    let mut out: Vec<CheckRow> = vec![];
    for row in rows {
        let (day, at, symptom, score) = row?;
        let (Ok(day), Some(symptom)) = (day.parse::<NaiveDate>(), Symptom::parse(&symptom)) else {
            continue;
        };
        if out.last().is_none_or(|l| l.0 != day) {
            let at = DateTime::from_timestamp(at, 0).unwrap_or_default();
            out.push((day, at, vec![]));
        }
        if let Some(last) = out.last_mut() {
            last.2.push(SymptomScore { symptom, score });
        }
    }
    for c in &mut out {
        c.2.sort_by_key(|s| Symptom::ALL.iter().position(|x| *x == s.symptom));
    }
    Ok(out)
}

const PLAN_COLUMNS: &str = "id, start_day, start_mg, target_mg, step_kind, step_value, \
    days_per_step, rounding_mg, doses_per_day, note, ended_on, end_mg, final_below_mg, final_step_mg";

/// A stored day as a date; a row the schema let through but the calendar does not is an error.
fn date(r: &Row<'_>, column: &str) -> rusqlite::Result<Option<NaiveDate>> {
    let Some(text) = r.get::<_, Option<String>>(column)? else {
        return Ok(None);
    };
    text.parse().map(Some).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn plan_row(r: &Row<'_>) -> rusqlite::Result<TaperPlan> {
    let final_below: Option<u32> = r.get("final_below_mg")?;
    let final_step: Option<u32> = r.get("final_step_mg")?;
    Ok(TaperPlan {
        id: r.get("id")?,
        start: date(r, "start_day")?.ok_or(rusqlite::Error::InvalidColumnType(
            1,
            "start_day".into(),
            rusqlite::types::Type::Null,
        ))?,
        ended_on: date(r, "ended_on")?,
        rule: TaperRule {
            start_mg: r.get("start_mg")?,
            target_mg: r.get("target_mg")?,
            kind: if r.get::<_, String>("step_kind")? == "percent" {
                StepKind::Percent
            } else {
                StepKind::Amount
            },
            value: r.get("step_value")?,
            days_per_step: r.get("days_per_step")?,
            rounding_mg: r.get("rounding_mg")?,
            end_mg: r.get("end_mg")?,
            final_phase: final_below
                .zip(final_step)
                .map(|(below_mg, step_mg)| super::taper::FinalPhase { below_mg, step_mg }),
        },
        doses_per_day: r.get("doses_per_day")?,
        note: r.get("note")?,
    })
}

/// Every plan, oldest first.
pub(crate) fn plans(conn: &Connection) -> Result<Vec<TaperPlan>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PLAN_COLUMNS} FROM taper_plans ORDER BY start_day"
    ))?;
    let rows = stmt.query_map([], plan_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a plan from `start_day`; one that started that same day is replaced, and any plan
/// starting later is dropped, as the new one supersedes it.
pub(crate) fn insert_plan(
    conn: &Connection,
    start_day: &str,
    rule: &TaperRule,
    doses_per_day: Option<u32>,
    note: &str,
    now: i64,
) -> Result<i64> {
    conn.execute("DELETE FROM taper_plans WHERE start_day >= ?", [start_day])?;
    conn.execute(
        "INSERT INTO taper_plans (start_day, start_mg, target_mg, step_kind, step_value,
             days_per_step, rounding_mg, doses_per_day, note, created_at, end_mg,
             final_below_mg, final_step_mg)
         VALUES (:day, :start, :target, :kind, :value, :days, :grid, :per_day, :note, :now,
             :end, :below, :final_step)",
        named_params! {
            ":day": start_day, ":start": rule.start_mg, ":target": rule.target_mg,
            ":kind": match rule.kind { StepKind::Percent => "percent", StepKind::Amount => "amount" },
            ":value": rule.value, ":days": rule.days_per_step, ":grid": rule.rounding_mg,
            ":per_day": doses_per_day, ":note": note, ":now": now, ":end": rule.end_mg,
            ":below": rule.final_phase.map(|f| f.below_mg),
            ":final_step": rule.final_phase.map(|f| f.step_mg),
        },
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn end_plan(conn: &Connection, id: i64, day: &str) -> Result<()> {
    conn.execute(
        "UPDATE taper_plans SET ended_on = ? WHERE id = ?",
        params![day, id],
    )?;
    Ok(())
}

pub(crate) fn holds(conn: &Connection, plan_id: i64) -> Result<Vec<(NaiveDate, u32)>> {
    let mut stmt = conn
        .prepare_cached("SELECT day, days FROM taper_holds WHERE plan_id = ? ORDER BY day, id")?;
    let rows = stmt.query_map([plan_id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
    let mut out = vec![];
    for row in rows {
        let (day, days) = row?;
        if let Ok(day) = day.parse() {
            out.push((day, days));
        }
    }
    Ok(out)
}

pub(crate) fn add_hold(
    conn: &Connection,
    plan_id: i64,
    day: &str,
    days: u32,
    now: i64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO taper_holds (plan_id, day, days, created_at) VALUES (?, ?, ?, ?)",
        params![plan_id, day, days, now],
    )?;
    Ok(())
}

pub(crate) fn recovery_plan(conn: &Connection) -> Result<RecoveryPlan> {
    Ok(conn.query_row(
        "SELECT triggers, warning_signs, coping_steps, reasons, distractions, helpers,
                professionals, safer_surroundings FROM recovery_plan WHERE id = 1",
        [],
        |r| {
            Ok(RecoveryPlan {
                triggers: r.get(0)?,
                warning_signs: r.get(1)?,
                coping_steps: r.get(2)?,
                reasons: r.get(3)?,
                distractions: r.get(4)?,
                helpers: r.get(5)?,
                professionals: r.get(6)?,
                safer_surroundings: r.get(7)?,
            })
        },
    )?)
}

pub(crate) fn save_recovery_plan(conn: &Connection, p: &RecoveryPlan, now: i64) -> Result<()> {
    conn.execute(
        "UPDATE recovery_plan SET triggers = ?, warning_signs = ?, coping_steps = ?, reasons = ?,
             distractions = ?, helpers = ?, professionals = ?, safer_surroundings = ?,
             updated_at = ? WHERE id = 1",
        params![
            p.triggers,
            p.warning_signs,
            p.coping_steps,
            p.reasons,
            p.distractions,
            p.helpers,
            p.professionals,
            p.safer_surroundings,
            now
        ],
    )?;
    Ok(())
}

pub(crate) fn contacts(conn: &Connection) -> Result<Vec<Contact>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, kind, name, phone, note FROM contacts ORDER BY kind, id")?;
    let rows = stmt.query_map([], |r| {
        Ok(Contact {
            id: r.get(0)?,
            kind: ContactKind::parse(&r.get::<_, String>(1)?),
            name: r.get(2)?,
            phone: r.get(3)?,
            note: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn save_contact(
    conn: &Connection,
    id: Option<i64>,
    c: &Contact,
    now: i64,
) -> Result<i64> {
    match id {
        Some(id) => {
            let n = conn.execute(
                "UPDATE contacts SET kind = ?, name = ?, phone = ?, note = ?, updated_at = ?
                 WHERE id = ?",
                params![c.kind.as_str(), c.name, c.phone, c.note, now, id],
            )?;
            if n == 0 {
                return Err(Error::NotFound);
            }
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO contacts (kind, name, phone, note, updated_at) VALUES (?, ?, ?, ?, ?)",
                params![c.kind.as_str(), c.name, c.phone, c.note, now],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

pub(crate) fn delete_contact(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM contacts WHERE id = ?", [id])? == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}
