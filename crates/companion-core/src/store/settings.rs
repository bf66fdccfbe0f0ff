//! The `settings` table: small named values (quiet hours, water goal, and a help region chosen
//! before it had its own file). Each feature reads and writes its own keys through these two
//! functions, so no feature reaches into another's module for them.

use rusqlite::{params, Connection, OptionalExtension};

use super::table::{f, Identity, Kind, Rule};
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

/// Settings as the export and the import know them: only [`IMPORTED`] are taken.
pub(crate) const KIND: Kind = Kind {
    key: "settings",
    table: "settings",
    source: "settings",
    label: "settings",
    fields: &[
        f("key", "key", Rule::Text(64)),
        f("value", "value", Rule::Text(64)),
    ],
    in_range: None,
    identity: Identity::Column("key"),
    setup: true,
    fixed_rows: true,
    order: "t.key",
    keys: IMPORTED,
    ..Kind::ENTRIES
};

/// The settings an import may set, each with its rule; the others are the app's own state.
pub(crate) const IMPORTED: &[(&str, Rule)] = &[
    ("quiet_enabled", Rule::Choice(&["0", "1"])),
    ("quick_checkups", Rule::Choice(&["0", "1"])),
    ("quiet_start", Rule::Clock),
    ("quiet_end", Rule::Clock),
    ("adaptive_hydration", Rule::Choice(&["0", "1"])),
    ("water_goal", Rule::Int(1, 30)),
    ("discreet", Rule::Choice(&["0", "1"])),
];
