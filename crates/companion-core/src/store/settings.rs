//! The `settings` table: small named values (quiet hours, water goal, and a help region chosen
//! before it had its own file). Each feature reads and writes its own keys through these two
//! functions, so no feature reaches into another's module for them.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// The value of `key`, or empty when it was never set.
pub(crate) fn get(conn: &Connection, key: &str) -> Result<String> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or_default())
}

pub(crate) fn put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
