//! Each table as the export and the import know it: its fields (column, document name, rule),
//! how a row is told apart from another diary's, and the order it is written in. Each feature
//! declares its tables' [`Kind`]s beside its own SQL; the SQL that reads and writes checked
//! rows of any kind is built here, only from those declarations, never from a file's words.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use super::unique_violation;
use crate::error::Result;

/// What one field of an entry may hold.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Rule {
    Int(i64, i64),
    /// Text of at most this many characters, without NUL or other control characters
    /// (tabs and line breaks aside).
    Text(usize),
    /// An instant: stored as Unix seconds, written as RFC 3339.
    Time,
    /// A local day, `YYYY-MM-DD`.
    Day,
    /// An IANA time zone.
    Zone,
    Choice(&'static [&'static str]),
    /// A time of day, `HH:MM`.
    Clock,
    Uuid,
    /// The uuid of a row of that table, stored as its row id.
    Parent(&'static str),
}

#[derive(Debug)]
pub(crate) struct Field {
    pub column: &'static str,
    pub key: &'static str,
    pub rule: Rule,
    pub optional: bool,
}

pub(crate) const fn f(column: &'static str, key: &'static str, rule: Rule) -> Field {
    Field {
        column,
        key,
        rule,
        optional: false,
    }
}

pub(crate) const fn opt(column: &'static str, key: &'static str, rule: Rule) -> Field {
    Field {
        column,
        key,
        rule,
        optional: true,
    }
}

/// One kind of entry: a table and its fields.
#[derive(Debug)]
pub(crate) struct Kind {
    /// The document's key, and the CSV file's name.
    pub key: &'static str,
    pub table: &'static str,
    /// What the export reads: the `live_*` view where entries can be soft-deleted.
    pub source: &'static str,
    pub fields: &'static [Field],
    /// The condition that keeps a row within `?1 ..= ?2` (days), for a chosen range.
    pub in_range: Option<&'static str>,
    /// How a row is told apart from others on import, when two diaries share it.
    pub identity: Identity,
    /// Words for the person: "check-ins".
    pub label: &'static str,
    /// The person's set-up rather than dated entries: an import takes it only when asked to.
    pub setup: bool,
    /// Rows the migrations made (the plan, the settings): an import may change them, never add.
    pub fixed_rows: bool,
    /// A stable order for the export.
    pub order: &'static str,
    /// Columns outside the document set to the moment of import, when a row is added or its
    /// set-up taken (reminders start from then: nothing missed while in the file is late).
    pub stamped: &'static [&'static str],
    /// For a kind of named values (the settings): the only names an export writes and an
    /// import takes, each with its value's rule. Empty for the others.
    pub keys: &'static [(&'static str, Rule)],
}

impl Kind {
    /// What most kinds are, for the others to start from: dated entries matched on their
    /// uuid, kept within a chosen range of days, written in the order they were added.
    pub(crate) const ENTRIES: Kind = Kind {
        key: "",
        table: "",
        source: "",
        fields: &[],
        in_range: Some("day BETWEEN ?1 AND ?2"),
        identity: Identity::Uuid,
        label: "",
        setup: false,
        fixed_rows: false,
        order: "t.id",
        stamped: &[],
        keys: &[],
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Identity {
    Uuid,
    /// Symptom scores: by their check and symptom.
    ParentAnd(&'static str),
    /// Settings-like rows, matched on this column.
    Column(&'static str),
}

/// The uuid of a row, its identity across diaries.
pub(crate) const UUID: Field = f("uuid", "uuid", Rule::Uuid);
/// The IANA zone an entry was written in.
pub(crate) const ZONE: Field = f("tz", "timeZone", Rule::Zone);

/// The SQL that reads `kind` for export, one row per entry, in a stable order; `only` adds a
/// condition on the row (`t`).
pub(crate) fn select_sql(kind: &Kind, ranged: bool, only: Option<&str>) -> String {
    let columns: Vec<String> = kind
        .fields
        .iter()
        .map(|f| match f.rule {
            Rule::Parent(parent) => {
                format!(
                    "(SELECT p.uuid FROM {parent} p WHERE p.id = t.{})",
                    f.column
                )
            }
            _ => format!("t.{}", f.column),
        })
        .collect();
    let mut sql = format!("SELECT {} FROM {} t", columns.join(", "), kind.source);
    let mut conditions = vec![];
    if !kind.keys.is_empty() {
        let keys: Vec<String> = kind.keys.iter().map(|(k, _)| format!("'{k}'")).collect();
        conditions.push(format!("key IN ({})", keys.join(", ")));
    }
    if let (true, Some(cond)) = (ranged, kind.in_range) {
        conditions.push(cond.to_owned());
    }
    conditions.extend(only.map(str::to_owned));
    if !conditions.is_empty() {
        sql.push_str(&format!(" WHERE {}", conditions.join(" AND ")));
    }
    sql.push_str(&format!(" ORDER BY {}", kind.order));
    sql
}

/// Finds the diary's own version of a row, if any: its stored values, in field order.
pub(crate) fn existing(
    conn: &Connection,
    kind: &Kind,
    values: &[SqlValue],
) -> Result<Option<Vec<SqlValue>>> {
    let (condition, key) = identity_condition(kind, values);
    let sql = select_sql(kind, false, Some(&condition));
    let n = kind.fields.len();
    // Cached: the same few statements run once per entry.
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(key), |r| {
            (0..n)
                .map(|i| r.get::<_, SqlValue>(i))
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .optional()?)
}

/// The condition (on `t`) that finds a row by its identity, and its parameters.
fn identity_condition(kind: &Kind, values: &[SqlValue]) -> (String, Vec<SqlValue>) {
    match kind.identity {
        Identity::Uuid if kind.table == "reminders" && !is_custom(values) => {
            ("t.kind = ?1".into(), vec![values[1].clone()])
        }
        Identity::Uuid => ("t.uuid = ?1".into(), vec![values[0].clone()]),
        Identity::ParentAnd(col) => (
            format!(
                "t.check_id = (SELECT id FROM symptom_checks WHERE uuid = ?1) AND t.{col} = ?2"
            ),
            vec![values[0].clone(), values[1].clone()],
        ),
        Identity::Column("id") => ("t.id = 1".into(), vec![]),
        Identity::Column(col) => {
            let i = kind
                .fields
                .iter()
                .position(|f| f.column == col)
                .unwrap_or(0);
            (format!("t.{col} = ?1"), vec![values[i].clone()])
        }
    }
}

/// Whether rows of `kind` go to the trash before they are gone (they have `deleted_at`).
pub(crate) fn trashable(kind: &Kind) -> bool {
    kind.source != kind.table
}

/// Every row of `kind`, trashed ones too, as the export reads them (a parent by its uuid),
/// each with when it went to the trash.
pub(crate) fn all_rows(
    conn: &Connection,
    kind: &Kind,
) -> Result<Vec<(Vec<SqlValue>, Option<i64>)>> {
    let whole = Kind {
        source: kind.table,
        ..*kind
    };
    let mut sql = select_sql(&whole, false, None);
    if trashable(kind) {
        sql = sql.replacen(" FROM ", ", t.deleted_at FROM ", 1);
    }
    let n = kind.fields.len();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], |r| {
        let values = (0..n)
            .map(|i| r.get::<_, SqlValue>(i))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let deleted = match trashable(kind) {
            true => r.get::<_, Option<i64>>(n)?,
            false => None,
        };
        Ok((values, deleted))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces every field of the row with `values`' identity (one the diary has); `false` when
/// another row holds one of its unique keys, and nothing was changed.
pub(crate) fn update(conn: &Connection, kind: &Kind, values: &[SqlValue]) -> Result<bool> {
    let (condition, mut params) = identity_condition(kind, values);
    let offset = params.len();
    let sets: Vec<String> = kind
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| format!("{} = {}", f.column, slot(f, offset + i + 1)))
        .collect();
    params.extend(values.iter().cloned());
    let sql = format!(
        "UPDATE {} AS t SET {} WHERE {condition}",
        kind.table,
        sets.join(", ")
    );
    unless_taken(conn.prepare_cached(&sql)?.execute(params_from_iter(params)))
}

/// A field's parameter `?n` in a write; a parent's, as the row id its uuid names.
fn slot(field: &Field, n: usize) -> String {
    match field.rule {
        Rule::Parent(parent) => format!("(SELECT id FROM {parent} WHERE uuid = ?{n})"),
        _ => format!("?{n}"),
    }
}

/// A write that may meet another row's unique key (the same night, day or plan start):
/// `false` then, and nothing was written.
fn unless_taken(written: rusqlite::Result<usize>) -> Result<bool> {
    match written {
        Ok(_) => Ok(true),
        Err(e) if unique_violation(&e) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Puts the row with `values`' identity in the trash (or takes it out, with `None`).
pub(crate) fn set_trashed(
    conn: &Connection,
    kind: &Kind,
    values: &[SqlValue],
    deleted_at: Option<i64>,
) -> Result<()> {
    let (condition, mut params) = identity_condition(kind, values);
    params.push(deleted_at.map_or(SqlValue::Null, SqlValue::Integer));
    let at = params.len();
    conn.prepare_cached(&format!(
        "UPDATE {} AS t SET deleted_at = ?{at} WHERE {condition} AND deleted_at IS NOT ?{at}",
        kind.table
    ))?
    .execute(params_from_iter(params))?;
    Ok(())
}

/// Deletes the row with `values`' identity for good (emptied from the trash elsewhere).
pub(crate) fn delete(conn: &Connection, kind: &Kind, values: &[SqlValue]) -> Result<()> {
    let (condition, params) = identity_condition(kind, values);
    conn.prepare_cached(&format!(
        "DELETE FROM {} AS t WHERE {condition}",
        kind.table
    ))?
    .execute(params_from_iter(params))?;
    Ok(())
}

/// Whether a reminder's row is one of the person's own (the others are built in, one of each
/// kind, matched on their kind).
pub(crate) fn is_custom(values: &[SqlValue]) -> bool {
    matches!(&values[1], SqlValue::Text(k) if k == "custom")
}

/// Whether a row of `parent` has the uuid `uuid`.
pub(crate) fn parent_exists(conn: &Connection, parent: &str, uuid: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!("SELECT id FROM {parent} WHERE uuid = ?1"))?
        .query_row([uuid], |r| r.get::<_, i64>(0))
        .optional()?
        .is_some())
}

/// Adds a checked row of `kind` (its values in field order, a parent's by its uuid); `false`
/// when another row already holds one of its unique keys (the same night, day or plan start),
/// and nothing was added.
pub(crate) fn insert(
    conn: &Connection,
    kind: &Kind,
    values: &[SqlValue],
    now: i64,
) -> Result<bool> {
    let mut columns: Vec<&str> = vec![];
    let mut slots: Vec<String> = vec![];
    for (i, field) in kind.fields.iter().enumerate() {
        columns.push(field.column);
        slots.push(slot(field, i + 1));
    }
    let now = SqlValue::Integer(now);
    for column in kind.stamped {
        columns.push(column);
        slots.push(format!("?{}", kind.fields.len() + 1));
    }
    let extra = if kind.stamped.is_empty() {
        None
    } else {
        Some(&now)
    };
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        kind.table,
        columns.join(", "),
        slots.join(", ")
    );
    unless_taken(
        conn.prepare_cached(&sql)?
            .execute(params_from_iter(values.iter().chain(extra))),
    )
}

/// Takes the file's version of a set-up row in place of the diary's.
pub(crate) fn update_setup(
    conn: &Connection,
    kind: &Kind,
    values: &[SqlValue],
    now: i64,
) -> Result<()> {
    let fields: Vec<_> = kind
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.column != "uuid" && f.column != "kind" && f.column != "key")
        .collect();
    let sets: Vec<String> = fields
        .iter()
        .enumerate()
        .map(|(n, (_, f))| match f.optional && kind.fixed_rows {
            // A section an older file does not have keeps the diary's own.
            true => format!("{0} = COALESCE(?{1}, {0})", f.column, n + 1),
            false => format!("{} = ?{}", f.column, n + 1),
        })
        .collect();
    let mut params: Vec<SqlValue> = fields.iter().map(|(i, _)| values[*i].clone()).collect();
    let condition = match kind.identity {
        // The one row the migrations made.
        Identity::Column("id") => "id = 1".to_owned(),
        Identity::Column(col) => {
            let i = kind
                .fields
                .iter()
                .position(|f| f.column == col)
                .unwrap_or(0);
            params.push(values[i].clone());
            format!("{col} = ?{}", params.len())
        }
        _ if is_custom(values) => {
            params.push(values[0].clone());
            format!("uuid = ?{}", params.len())
        }
        _ => {
            params.push(values[1].clone());
            format!("kind = ?{}", params.len())
        }
    };
    if !kind.stamped.is_empty() {
        params.push(SqlValue::Integer(now));
    }
    let at_now = params.len();
    let touch: String = kind
        .stamped
        .iter()
        .map(|c| format!(", {c} = ?{at_now}"))
        .collect();
    conn.execute(
        &format!(
            "UPDATE {} SET {}{touch} WHERE {condition}",
            kind.table,
            sets.join(", ")
        ),
        params_from_iter(params),
    )?;
    Ok(())
}
