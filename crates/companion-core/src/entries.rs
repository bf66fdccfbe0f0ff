//! The diary's own entries: saving a check-in or a craving (new, or replacing one while keeping
//! the zone it was written in), deleting one so that it can be brought back for a while, and
//! undoing that. Each is one transaction the façade hands in.

use chrono::Duration;
use rusqlite::Connection;

use crate::clock::Moment;
use crate::error::Result;
use crate::model::checkin::{Checkin, CheckinInput, CheckinView};
use crate::model::craving::{Craving, CravingInput, CravingView};
use crate::model::sleep::{SleepDiary, SleepInput, SleepSummary};
use crate::model::{self, EntryKind};
use crate::store;

/// How long a deleted entry can still be brought back. Older deletions are purged for good.
pub const UNDO_WINDOW: Duration = Duration::minutes(10);

/// The zone an entry is kept in: its own when it is replaced, the person's when it is new.
fn zone_of(tx: &Connection, kind: EntryKind, id: Option<i64>, m: &Moment) -> Result<String> {
    match id {
        Some(id) => store::zone_of(tx, kind, id),
        None => Ok(m.zone.name().to_owned()),
    }
}

/// Saves a new check-in (`id` is `None`) or replaces an existing one.
pub fn save_checkin(
    tx: &Connection,
    now: i64,
    m: &Moment,
    id: Option<i64>,
    input: &CheckinInput,
) -> Result<CheckinView> {
    let zone_name = zone_of(tx, EntryKind::Checkin, id, m)?;
    let zone = model::stored_zone(&zone_name);
    let checkin = match id {
        // An imported check-in without a craving may stay so when edited.
        Some(id) if store::checkins::craving_unrecorded(tx, id)? => {
            Checkin::keeping_unrecorded_craving(input, zone, m.now)?
        }
        _ => Checkin::new(input, zone, m.now)?,
    };
    let id = match id {
        Some(id) => {
            store::checkins::update(tx, id, &checkin, now)?;
            id
        }
        None => store::checkins::insert(tx, &checkin, &zone_name, now)?,
    };
    store::checkins::get(tx, id)
}

/// What a sleep diary adds up to, before it is saved, so the form can show it as it is typed.
pub fn preview_sleep(m: &Moment, day: &str, input: &SleepInput) -> Result<SleepSummary> {
    let day = model::parse_day("day", day)?;
    Ok(SleepDiary::new(input, day, m.zone, m.now)?.summary(m.zone))
}

/// Logs a new craving (`id` is `None`) or replaces an existing one.
pub fn save_craving(
    tx: &Connection,
    now: i64,
    m: &Moment,
    id: Option<i64>,
    input: &CravingInput,
) -> Result<CravingView> {
    let zone_name = zone_of(tx, EntryKind::Craving, id, m)?;
    let zone = model::stored_zone(&zone_name);
    let craving = Craving::new(input, zone, m.now)?;
    let day = craving.at.with_timezone(&zone).date_naive().to_string();
    let id = match id {
        Some(id) => {
            store::cravings::update(tx, id, &craving, &day, now)?;
            id
        }
        None => store::cravings::insert(tx, &craving, &zone_name, &day, now)?,
    };
    store::cravings::get(tx, id)
}

/// Deletes an entry so that [`restore`] can still bring it back for [`UNDO_WINDOW`], and
/// purges what was deleted before that.
pub fn delete(tx: &Connection, now: i64, kind: EntryKind, id: i64) -> Result<()> {
    store::purge_deleted(tx, now - UNDO_WINDOW.num_seconds())?;
    store::set_deleted(tx, kind, id, Some(now))
}

/// Undoes a [`delete`].
pub fn restore(tx: &Connection, kind: EntryKind, id: i64) -> Result<()> {
    store::set_deleted(tx, kind, id, None)
}
