//! The tables of keeping in step (migration 0013): the kinds marked as changed, the shadow of
//! what the diary held when last in step, the journal of what was merged, and this computer's
//! own record (folder, name, key, where it is in the folder). What they mean is
//! `diary/sync/`'s; their SQL is here.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// This computer's own record.
pub(crate) struct Computer {
    pub folder: String,
    pub name: String,
    pub key: Vec<u8>,
    pub saved: String,
    /// This computer's own key in the vault: `None` for a diary shared before version 2.
    pub own_key: Option<Vec<u8>>,
}

pub(crate) fn computer(conn: &Connection) -> Result<Option<Computer>> {
    Ok(conn
        .query_row(
            "SELECT folder, name, key, saved, own_key FROM sync_computer",
            [],
            |r| {
                Ok(Computer {
                    folder: r.get(0)?,
                    name: r.get(1)?,
                    key: r.get(2)?,
                    saved: r.get(3)?,
                    own_key: r.get(4)?,
                })
            },
        )
        .optional()?)
}

pub(crate) fn add_computer(conn: &Connection, c: &Computer) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_computer (id, folder, name, key, saved, own_key) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
        params![c.folder, c.name, c.key, c.saved, c.own_key],
    )?;
    Ok(())
}

/// The data keys after the first: (epoch, the computer that made it in hex, key).
pub(crate) fn keys(conn: &Connection) -> Result<Vec<(u32, String, Vec<u8>)>> {
    Ok(conn
        .prepare("SELECT epoch, maker, key FROM sync_keys ORDER BY epoch, maker")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn add_key(conn: &Connection, epoch: u32, maker: &str, key: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO sync_keys (epoch, maker, key) VALUES (?1, ?2, ?3)",
        params![epoch, maker, key],
    )?;
    Ok(())
}

pub(crate) fn save(conn: &Connection, saved: &str) -> Result<()> {
    conn.execute("UPDATE sync_computer SET saved = ?1", [saved])?;
    Ok(())
}

pub(crate) fn mark(conn: &Connection, kind: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO sync_dirty VALUES (?1)")?
        .execute([kind])?;
    Ok(())
}

pub(crate) fn marked(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare("SELECT kind FROM sync_dirty")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn unmark_all(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM sync_dirty", [])?;
    Ok(())
}

/// Whether the shadow is empty: the first step since this computer joined.
pub(crate) fn shadow_empty(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM sync_shadow)", [], |r| {
            r.get(0)
        })?,
    )
}

/// The shadow's rows of `kind`: row names, their fields and their fields' stamps, as JSON.
pub(crate) fn shadow(conn: &Connection, kind: &str) -> Result<Vec<(String, String, String)>> {
    let mut stmt =
        conn.prepare_cached("SELECT row, fields, stamps FROM sync_shadow WHERE kind = ?1")?;
    let rows = stmt.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets (with its fields and stamps as JSON) or removes one row of the shadow.
pub(crate) fn set_shadow(
    conn: &Connection,
    kind: &str,
    row: &str,
    seen: Option<(&str, &str)>,
) -> Result<()> {
    match seen {
        Some((fields, stamps)) => conn
            .prepare_cached(
                "INSERT OR REPLACE INTO sync_shadow (kind, row, fields, stamps) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![kind, row, fields, stamps])?,
        None => conn
            .prepare_cached("DELETE FROM sync_shadow WHERE kind = ?1 AND row = ?2")?
            .execute(params![kind, row])?,
    };
    Ok(())
}

/// Every journal entry, oldest first.
pub(crate) fn journal(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare("SELECT entry FROM sync_journal ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Adds entries to the journal; how many it holds then.
pub(crate) fn append(conn: &Connection, entries: &[String]) -> Result<i64> {
    let mut insert = conn.prepare_cached("INSERT INTO sync_journal (entry) VALUES (?1)")?;
    for e in entries {
        insert.execute([e])?;
    }
    Ok(conn.query_row("SELECT count(*) FROM sync_journal", [], |r| r.get(0))?)
}

/// Replaces the whole journal by one entry.
pub(crate) fn fold(conn: &Connection, entry: &str) -> Result<()> {
    conn.execute("DELETE FROM sync_journal", [])?;
    conn.execute("INSERT INTO sync_journal (entry) VALUES (?1)", [entry])?;
    Ok(())
}

/// One other version of a field, as `sync_versions` keeps it.
pub(crate) struct Version {
    pub kind: String,
    pub row: String,
    pub field: String,
    pub node: String,
    pub at_ms: i64,
    pub value: String,
}

/// Replaces the other versions kept of one row.
pub(crate) fn set_versions(
    conn: &Connection,
    kind: &str,
    row: &str,
    versions: &[Version],
) -> Result<()> {
    conn.prepare_cached("DELETE FROM sync_versions WHERE kind = ?1 AND row = ?2")?
        .execute(params![kind, row])?;
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO sync_versions (kind, row, field, node, at_ms, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for v in versions {
        insert.execute(params![v.kind, v.row, v.field, v.node, v.at_ms, v.value])?;
    }
    Ok(())
}

/// Every other version kept, by row.
pub(crate) fn versions(conn: &Connection) -> Result<Vec<Version>> {
    let mut stmt = conn.prepare(
        "SELECT kind, row, field, node, at_ms, value FROM sync_versions ORDER BY kind, row, node, at_ms",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Version {
            kind: r.get(0)?,
            row: r.get(1)?,
            field: r.get(2)?,
            node: r.get(3)?,
            at_ms: r.get(4)?,
            value: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn set_name(conn: &Connection, node: &str, name: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_names (node, name) VALUES (?1, ?2) \
         ON CONFLICT (node) DO UPDATE SET name = excluded.name",
    )?
    .execute(params![node, name])?;
    Ok(())
}

/// A change from `node` made at `ms` was seen: its last change is the latest of them.
pub(crate) fn changed_at(conn: &Connection, node: &str, ms: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_names (node, name, last_ms) VALUES (?1, '', ?2) \
         ON CONFLICT (node) DO UPDATE SET last_ms = max(last_ms, excluded.last_ms)",
    )?
    .execute(params![node, ms])?;
    Ok(())
}

/// Every computer seen: its id, name (empty until it arrives) and last change (ms, 0: none).
pub(crate) fn names(conn: &Connection) -> Result<Vec<(String, String, i64)>> {
    Ok(conn
        .prepare("SELECT node, name, last_ms FROM sync_names ORDER BY last_ms DESC")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The person settled a row's versions; the next step records it.
pub(crate) fn settle(conn: &Connection, kind: &str, row: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO sync_settle (kind, row) VALUES (?1, ?2)")?
        .execute(params![kind, row])?;
    mark(conn, kind)
}

/// The rows settled since the last step, taken (the list is emptied).
pub(crate) fn take_settled(conn: &Connection) -> Result<Vec<(String, String)>> {
    let out = settling(conn)?;
    conn.execute("DELETE FROM sync_settle", [])?;
    Ok(out)
}

/// The rows settled and not yet recorded by a step.
pub(crate) fn settling(conn: &Connection) -> Result<Vec<(String, String)>> {
    Ok(conn
        .prepare("SELECT kind, row FROM sync_settle")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}
