//! The diary's rows as the merged state keeps them: each row's fields by document name, the
//! shadow of what the diary held when last in step, recording the person's changes from it
//! (`capture`) and putting the merged state's rows back into the tables (`project`, `place`).

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;
use serde_json::Value;

use crate::diary::document::{self, Kind, KINDS};
use crate::diary::import::checked_row;
use crate::error::Result;
use crate::store::sync as store;
use crate::store::table::{self, Identity, Rule};
use crate::sync::folder::Taken;
use crate::sync::hlc::Hlc;
use crate::sync::replica::Replica;
use crate::sync::state::{RowId, State, WHOLE_ROW};

pub(super) use crate::sync::hex;

/// The merged state's own kind for the computers' names.
pub(super) const COMPUTERS: &str = "computers";

/// The field a row's time in the trash is kept under.
pub(super) const TRASHED: &str = "deletedAt";

/// The kinds that sync: all but the reminders.
pub(super) fn synced() -> impl Iterator<Item = &'static Kind> {
    KINDS.iter().copied().filter(|k| k.table != "reminders")
}

/// Kinds kept as one value: a taper plan is never half of one plan and half of another.
fn whole(kind: &Kind) -> bool {
    kind.table == "taper_plans"
}

fn text(v: &SqlValue) -> String {
    match v {
        SqlValue::Text(t) => t.clone(),
        SqlValue::Integer(i) => i.to_string(),
        _ => String::new(),
    }
}

/// A row's name in the merged state: its uuid, or what tells it apart where it has none.
fn row_key(kind: &Kind, values: &[SqlValue]) -> String {
    let at = |col: &str| {
        kind.fields
            .iter()
            .position(|f| f.column == col)
            .map(|i| text(&values[i]))
            .unwrap_or_default()
    };
    match kind.identity {
        Identity::Uuid => at("uuid"),
        Identity::ParentAnd(col) => format!("{}/{}", text(&values[0]), at(col)),
        Identity::Column("id") => "1".into(),
        Identity::Column(col) => at(col),
    }
}

pub(super) type Fields = BTreeMap<String, Value>;

/// A row's fields as the merged state keeps them.
fn fields_of(kind: &Kind, values: &[SqlValue], trashed: Option<i64>) -> Fields {
    let object = document::row_to_object(kind, values);
    let mut fields: Fields = match whole(kind) {
        true => [(WHOLE_ROW.to_owned(), Value::Object(object))].into(),
        false => object.into_iter().collect(),
    };
    if table::trashable(kind) {
        fields.insert(TRASHED.into(), trashed.map_or(Value::Null, Value::from));
    }
    fields
}

/// The diary's rows of `kind` now: by row name, their stored values and fields.
pub(super) fn current(
    conn: &Connection,
    kind: &Kind,
) -> Result<BTreeMap<String, (Vec<SqlValue>, Fields)>> {
    Ok(table::all_rows(conn, kind)?
        .into_iter()
        .map(|(values, trashed)| {
            let fields = fields_of(kind, &values, trashed);
            (row_key(kind, &values), (values, fields))
        })
        .collect())
}

/// A row as the diary held it when last in step: its fields, and the stamp of the version
/// of each that was shown then (what a change the person makes replaces).
#[derive(Debug, Default)]
struct Seen {
    fields: Fields,
    stamps: BTreeMap<String, Hlc>,
}

fn shadow(conn: &Connection, kind: &Kind) -> Result<BTreeMap<String, Seen>> {
    Ok(store::shadow(conn, kind.key)?
        .into_iter()
        .map(|(name, fields, stamps)| {
            let seen = Seen {
                fields: serde_json::from_str(&fields).unwrap_or_default(),
                stamps: serde_json::from_str::<Vec<(String, Hlc)>>(&stamps)
                    .map(|v| v.into_iter().collect())
                    .unwrap_or_default(),
            };
            (name, seen)
        })
        .collect())
}

/// Keeps `fields` as what the diary holds of `row`, each with the stamp the merged state shows
/// for it now; `None` removes the row.
fn set_shadow(
    conn: &Connection,
    state: &State,
    kind: &Kind,
    row: &str,
    fields: Option<&Fields>,
) -> Result<()> {
    let Some(fields) = fields else {
        return store::set_shadow(conn, kind.key, row, None);
    };
    let id = RowId {
        kind: kind.key.into(),
        uuid: row.into(),
    };
    let stamps: Vec<(&String, Hlc)> = fields
        .keys()
        .filter_map(|f| Some((f, state.field(&id, f)?.at)))
        .collect();
    let json = (
        serde_json::to_string(fields).unwrap_or_default(),
        serde_json::to_string(&stamps).unwrap_or_default(),
    );
    store::set_shadow(conn, kind.key, row, Some((&json.0, &json.1)))
}

/// Records what the person changed in the marked kinds since the last step as changes of this
/// computer. On the first step after joining, a set-up row the others already have takes
/// theirs (a new computer's defaults never overwrite the person's settings).
pub(super) fn capture(
    conn: &Connection,
    replica: &mut Replica,
    now_ms: u64,
    first: bool,
    journal: &mut Vec<Taken>,
) -> Result<BTreeSet<RowId>> {
    let dirty: BTreeSet<String> = store::marked(conn)?.into_iter().collect();
    let settled: BTreeSet<RowId> = store::take_settled(conn)?
        .into_iter()
        .map(|(kind, uuid)| RowId { kind, uuid })
        .collect();
    for kind in synced().filter(|k| dirty.contains(k.key)) {
        let now = current(conn, kind)?;
        let before = shadow(conn, kind)?;
        for (name, (values, fields)) in &now {
            let row = RowId {
                kind: kind.key.into(),
                uuid: name.clone(),
            };
            if replica.state().is_purged(&row) {
                // Emptied from the trash on some computer: it never comes back.
                table::delete(conn, kind, values)?;
                set_shadow(conn, replica.state(), kind, name, None)?;
                continue;
            }
            // The person chose among the versions: each field with others is settled on the
            // value the diary holds now (taken from the other version, or kept).
            let mut handled = BTreeSet::new();
            if settled.contains(&row) {
                for (field, value) in fields {
                    let others = replica.state().field(&row, field).map(|s| s.others.len());
                    if others.unwrap_or(0) > 0 {
                        journal.push(Taken::Op(replica.settle(
                            now_ms,
                            row.clone(),
                            field,
                            value.clone(),
                        )));
                        handled.insert(field.as_str());
                    }
                }
            }
            let seen = before.get(name);
            if seen.map(|s| &s.fields) == Some(fields) && handled.is_empty() {
                continue;
            }
            for (field, value) in fields {
                if handled.contains(field.as_str())
                    || seen.and_then(|s| s.fields.get(field)) == Some(value)
                {
                    continue;
                }
                let shown = replica.state().field(&row, field);
                if shown.as_ref().map(|s| &s.value) == Some(value) {
                    continue;
                }
                if first && seen.is_none() && kind.fixed_rows && shown.is_some() {
                    continue;
                }
                // It replaces the version the person saw, not one that arrived since: that one
                // stays, as "also edited on …".
                let base = seen
                    .and_then(|s| s.stamps.get(field).copied())
                    .or(shown.map(|s| s.at));
                journal.push(Taken::Op(replica.set_based(
                    now_ms,
                    row.clone(),
                    field,
                    value.clone(),
                    base,
                )));
            }
            set_shadow(conn, replica.state(), kind, name, Some(fields))?;
        }
        for name in before.keys().filter(|n| !now.contains_key(*n)) {
            let row = RowId {
                kind: kind.key.into(),
                uuid: name.clone(),
            };
            if !replica.state().is_purged(&row) {
                journal.push(Taken::Op(replica.purge(now_ms, row)));
            }
            set_shadow(conn, replica.state(), kind, name, None)?;
        }
    }
    Ok(settled)
}

/// The row the merged state shows, as an export's object would hold it.
fn shown_object(state: &State, kind: &Kind, row: &RowId) -> Option<Value> {
    object_of(kind, |f| state.field(row, f).map(|s| s.value))
}

/// A row as an export's object, from its fields by document name; `None` when it has none.
pub(super) fn object_of(kind: &Kind, field: impl Fn(&str) -> Option<Value>) -> Option<Value> {
    if whole(kind) {
        return field(WHOLE_ROW);
    }
    let mut object = serde_json::Map::new();
    let mut any = false;
    for f in kind.fields {
        let value = field(f.key);
        any |= value.is_some();
        object.insert(f.key.into(), value.unwrap_or(Value::Null));
    }
    any.then_some(Value::Object(object))
}

/// Puts the merged state's version of each touched row into the diary, parents before
/// children, each row whole or not at all; a row the diary cannot take is left as it is.
/// Returns how many rows were placed and how many left.
pub(super) fn project(
    conn: &Connection,
    replica: &Replica,
    touched: &BTreeSet<RowId>,
) -> Result<(usize, usize)> {
    let state = replica.state();
    let (mut placed, mut left) = (0, 0);
    for row in touched.iter().filter(|r| r.kind == COMPUTERS) {
        if let Some(Value::String(name)) = state.field(row, "name").map(|s| s.value) {
            store::set_name(conn, &row.uuid, &name)?;
        }
    }
    for kind in synced() {
        let rows: Vec<&RowId> = touched.iter().filter(|r| r.kind == kind.key).collect();
        if rows.is_empty() {
            continue;
        }
        let mine = current(conn, kind)?;
        for row in rows {
            let have = mine.get(&row.uuid);
            if state.is_purged(row) {
                if let Some((values, _)) = have {
                    table::delete(conn, kind, values)?;
                    placed += 1;
                }
                set_shadow(conn, state, kind, &row.uuid, None)?;
                continue;
            }
            let Some(object) = shown_object(state, kind, row) else {
                continue;
            };
            let trashed = state.field(row, TRASHED).and_then(|s| s.value.as_i64());
            match place(
                conn,
                kind,
                &object,
                have.map(|(v, _)| v.as_slice()),
                trashed,
            )? {
                true => placed += 1,
                false => left += 1,
            }
        }
        // What the diary holds now is what it was last in step with.
        let now = current(conn, kind)?;
        for row in touched.iter().filter(|r| r.kind == kind.key) {
            set_shadow(
                conn,
                state,
                kind,
                &row.uuid,
                now.get(&row.uuid).map(|(_, f)| f),
            )?;
            store::set_versions(conn, kind.key, &row.uuid, &others_of(state, kind, row))?;
        }
    }
    Ok((placed, left))
}

/// The versions of a row's fields made elsewhere at the same time as the shown ones.
fn others_of(state: &State, kind: &Kind, row: &RowId) -> Vec<store::Version> {
    if state.is_purged(row) {
        return vec![];
    }
    let keys = kind
        .fields
        .iter()
        .map(|f| f.key)
        .chain([WHOLE_ROW, TRASHED]);
    let mut out = vec![];
    for field in keys {
        for (at, value) in state
            .field(row, field)
            .map(|s| s.others)
            .unwrap_or_default()
        {
            out.push(store::Version {
                kind: kind.key.into(),
                row: row.uuid.clone(),
                field: field.into(),
                node: hex(&at.node),
                at_ms: i64::try_from(at.wall_ms).unwrap_or(i64::MAX),
                value: value.to_string(),
            });
        }
    }
    out
}

/// Writes one row, with the import's checks, inside a savepoint: `false` when the diary
/// cannot take it, and nothing of it was written.
pub(super) fn place(
    conn: &Connection,
    kind: &Kind,
    object: &Value,
    have: Option<&[SqlValue]>,
    trashed: Option<i64>,
) -> Result<bool> {
    let Ok(values) = checked_row(kind, object) else {
        return Ok(false);
    };
    for (field, value) in kind.fields.iter().zip(&values) {
        if let (Rule::Parent(parent), SqlValue::Text(uuid)) = (field.rule, value) {
            if !table::parent_exists(conn, parent, uuid)? {
                return Ok(false);
            }
        }
    }
    conn.execute("SAVEPOINT place_row", [])?;
    let written = (|| -> Result<bool> {
        let ok = match have {
            Some(mine) if mine == values.as_slice() => true,
            Some(_) => table::update(conn, kind, &values)?,
            None if kind.fixed_rows && kind.keys.is_empty() => table::update(conn, kind, &values)?,
            None => table::insert(conn, kind, &values, 0)?,
        };
        if ok && table::trashable(kind) {
            table::set_trashed(conn, kind, &values, trashed)?;
        }
        Ok(ok)
    })();
    match written {
        Ok(true) => {
            conn.execute("RELEASE place_row", [])?;
            Ok(true)
        }
        other => {
            conn.execute("ROLLBACK TO place_row", [])?;
            conn.execute("RELEASE place_row", [])?;
            other.map(|_| false)
        }
    }
}
