//! The tables of keeping in step (migration 0013): the kinds marked as changed, the shadow of
//! what the diary held when last in step, the journal of what was merged, and this computer's
//! own record (folder, name, key, where it is in the folder). What they mean is
//! `diary/sync.rs`'s; their SQL is here.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// This computer's own record.
pub(crate) struct Computer {
    pub folder: String,
    pub name: String,
    pub key: Vec<u8>,
    pub saved: String,
}

pub(crate) fn computer(conn: &Connection) -> Result<Option<Computer>> {
    Ok(conn
        .query_row(
            "SELECT folder, name, key, saved FROM sync_computer",
            [],
            |r| {
                Ok(Computer {
                    folder: r.get(0)?,
                    name: r.get(1)?,
                    key: r.get(2)?,
                    saved: r.get(3)?,
                })
            },
        )
        .optional()?)
}

pub(crate) fn add_computer(conn: &Connection, c: &Computer) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_computer (id, folder, name, key, saved) VALUES (1, ?1, ?2, ?3, ?4)",
        params![c.folder, c.name, c.key, c.saved],
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

/// The shadow's rows of `kind`: row names and their fields as JSON.
pub(crate) fn shadow(conn: &Connection, kind: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT row, fields FROM sync_shadow WHERE kind = ?1")?;
    let rows = stmt.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn set_shadow(
    conn: &Connection,
    kind: &str,
    row: &str,
    fields: Option<&str>,
) -> Result<()> {
    match fields {
        Some(f) => conn
            .prepare_cached(
                "INSERT OR REPLACE INTO sync_shadow (kind, row, fields) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![kind, row, f])?,
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
