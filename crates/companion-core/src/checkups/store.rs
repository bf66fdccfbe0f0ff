//! The `checkups` table: a check-up's answers as given, read back newest first.

use rusqlite::{params, Connection};

use super::instruments::Instrument;
use crate::error::Result;
use crate::store::table::{f, opt, Kind, Rule, UUID, ZONE};

/// A stored check-up: id, instrument, day, instant, zone, answers, difficulty.
pub(crate) type Row = (i64, Instrument, String, i64, String, Vec<u8>, Option<u8>);

fn code(i: Instrument) -> &'static str {
    match i {
        Instrument::Phq9 => "phq9",
        Instrument::Gad7 => "gad7",
        Instrument::Phq2 => "phq2",
        Instrument::Gad2 => "gad2",
    }
}

fn parse(code: &str) -> Instrument {
    match code {
        "phq9" => Instrument::Phq9,
        "phq2" => Instrument::Phq2,
        "gad2" => Instrument::Gad2,
        _ => Instrument::Gad7,
    }
}

pub(crate) fn insert(
    conn: &Connection,
    instrument: Instrument,
    day: &str,
    at: i64,
    tz: &str,
    answers: &[u8],
    difficulty: Option<u8>,
) -> Result<i64> {
    let digits: String = answers.iter().map(|a| char::from(b'0' + a)).collect();
    conn.execute(
        "INSERT INTO checkups (instrument, day, at, tz, answers, difficulty, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?3)",
        params![code(instrument), day, at, tz, digits, difficulty],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Check-ups from the day `from` on, newest first.
pub(crate) fn since(conn: &Connection, from: &str) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, instrument, day, at, tz, answers, difficulty FROM checkups
         WHERE day >= ?1 ORDER BY at DESC, id DESC",
    )?;
    let rows = stmt
        .query_map([from], |r| {
            let instrument = parse(&r.get::<_, String>(1)?);
            let answers: String = r.get(5)?;
            Ok((
                r.get(0)?,
                instrument,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                answers.bytes().map(|b| b.saturating_sub(b'0')).collect(),
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Check-ups as the export and the import know them.
pub(crate) const KIND: Kind = Kind {
    key: "checkups",
    table: "checkups",
    source: "checkups",
    label: "mood and anxiety check-ups",
    fields: &[
        UUID,
        f(
            "instrument",
            "instrument",
            Rule::Choice(&["phq9", "gad7", "phq2", "gad2"]),
        ),
        f("day", "day", Rule::Day),
        f("at", "at", Rule::Time),
        ZONE,
        f("answers", "answers", Rule::Text(9)),
        opt("difficulty", "difficulty", Rule::Int(0, 3)),
        f("recorded_at", "recordedAt", Rule::Time),
    ],
    ..Kind::ENTRIES
};
