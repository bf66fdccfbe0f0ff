//! The history view: entries grouped by the local day they belong to, newest first, a page of
//! days at a time so ten years of entries never load at once.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::journey::DoseView;
use crate::model::checkin::CheckinView;
use crate::model::craving::CravingView;
use crate::model::EntryKind;
use crate::store;

/// One entry of a day, tagged so the UI can tell which it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
// Entries live only from the query to serialisation; a box each would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Entry {
    Checkin(CheckinView),
    Craving(CravingView),
    Dose(DoseView),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DayEntries {
    /// "YYYY-MM-DD"
    pub day: String,
    /// Newest first.
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HistoryPage {
    /// Newest day first.
    pub days: Vec<DayEntries>,
    /// Whether there are days before the last one in `days`.
    pub more: bool,
}

pub(crate) fn page(conn: &Connection, before: Option<&str>, max_days: u32) -> Result<HistoryPage> {
    let max_days = max_days.clamp(1, 366);
    let before = before.unwrap_or("9999-12-31");
    // Each feature names its own days; the page is the newest of all of them.
    let limit = max_days + 1;
    let mut days = vec![];
    for kind in [EntryKind::Checkin, EntryKind::Craving, EntryKind::Dose] {
        days.extend(store::days_before(conn, kind, before, limit)?);
    }
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    days.truncate(limit as usize);
    let more = days.len() > max_days as usize;
    days.truncate(max_days as usize);
    let (Some(newest), Some(oldest)) = (days.first(), days.last()) else {
        return Ok(HistoryPage {
            days: vec![],
            more: false,
        });
    };

    let mut by_day: BTreeMap<String, Vec<(DateTime<Utc>, Entry)>> = BTreeMap::new();
    for (at, v) in store::checkins::in_days(conn, oldest, newest)? {
        by_day
            .entry(v.day.clone())
            .or_default()
            .push((at, Entry::Checkin(v)));
    }
    for (at, v) in store::cravings::in_days(conn, oldest, newest)? {
        let day = v.at.get(..10).unwrap_or_default().to_owned();
        by_day.entry(day).or_default().push((at, Entry::Craving(v)));
    }
    for (at, v) in crate::journey::doses_in_days(conn, oldest, newest)? {
        let day = v.at.get(..10).unwrap_or_default().to_owned();
        by_day.entry(day).or_default().push((at, Entry::Dose(v)));
    }
    let days = by_day
        .into_iter()
        .rev()
        .map(|(day, mut entries)| {
            entries.sort_by_key(|e| std::cmp::Reverse(e.0));
            DayEntries {
                day,
                entries: entries.into_iter().map(|(_, e)| e).collect(),
            }
        })
        .collect();
    Ok(HistoryPage { days, more })
}
