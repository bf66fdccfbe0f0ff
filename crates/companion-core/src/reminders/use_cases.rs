//! The reminders' use cases, as functions of a connection (or a transaction) and a reading of
//! the clock that the façade hands them: the list with each one's next time, saving, snooze
//! and pause, settings, water, and `due`, one step of the scheduler.

use rusqlite::Connection;

use super::*;
use crate::clock::Moment;

fn local(m: &Moment, secs: i64) -> String {
    fmt_local(to_local(m.zone, at(secs)))
}

/// Start of the next local day, as Unix seconds.
fn tomorrow_start(m: &Moment) -> i64 {
    let tomorrow = m.today() + Duration::days(1);
    schedule::instant(m.zone, tomorrow.and_time(NaiveTime::MIN)).timestamp()
}

fn pause_until(m: &Moment, pause: Pause, now: i64) -> Option<i64> {
    match pause {
        Pause::Hour => Some(now + 3600),
        Pause::Today => Some(tomorrow_start(m)),
        Pause::UntilResumed => Some(FOREVER),
        Pause::Resume => None,
    }
}

/// Everything the reminders screen shows.
pub(crate) fn overview(conn: &Connection, m: &Moment) -> Result<RemindersView> {
    let (now, zone) = (m.now, m.zone);
    let settings = store::settings(conn)?;
    let all_paused = store::all_paused_until(conn)?;
    let reason = adaptive_reason(conn, &settings, &m.today().to_string())?;
    let mut reminders = Vec::new();
    for r in store::all(conn)? {
        let (rule, shortened) = r.rule_today(reason.is_some());
        let paused_through = [r.paused_until, all_paused, r.snoozed_until]
            .into_iter()
            .flatten()
            .filter(|&p| p > now.timestamp())
            .max();
        let quiet = store::quiet(&settings);
        // The next moment that is neither paused nor in quiet hours, within a week.
        let mut next = None;
        if r.enabled {
            let mut t = at(paused_through
                .unwrap_or(now.timestamp())
                .max(r.handled_through));
            if let Some(s) = r.snoozed_until.filter(|&s| s > now.timestamp()) {
                next = Some(at(s));
            }
            for _ in 0..200 {
                match rule.next_after(t, zone) {
                    Some(m) if m - now > Duration::days(7) => break,
                    Some(m) if schedule::in_quiet(quiet, m, zone) => t = m,
                    Some(m) => {
                        next = Some(next.map_or(m, |n: DateTime<Utc>| n.min(m)));
                        break;
                    }
                    None => break,
                }
            }
        }
        reminders.push(ReminderView {
            id: r.id,
            kind: r.kind,
            title: r.title.clone(),
            message: r.message.clone(),
            enabled: r.enabled,
            at: r.at.map(hm),
            before_min: r.before_min,
            every_min: r.every_min,
            from: r.from.map(hm),
            to: r.to.map(hm),
            every_min_today: shortened,
            adaptive_reason: shortened.and(reason.clone()),
            next: next.map(|n| fmt_local(to_local(zone, n))),
            snoozed_until: r
                .snoozed_until
                .filter(|&s| s > now.timestamp())
                .map(|s| local(m, s)),
            paused_until: r
                .paused_until
                .filter(|&p| p > now.timestamp() && p != FOREVER)
                .map(|p| local(m, p)),
            paused_until_resumed: r.paused_until == Some(FOREVER),
            last_fired: r.last_fired_at.map(|s| local(m, s)),
        });
    }
    let water = store::water_today(conn, &m.today().to_string(), settings.water_goal)?;
    Ok(RemindersView {
        reminders,
        water,
        all_paused_until: all_paused
            .filter(|&p| p > now.timestamp() && p != FOREVER)
            .map(|p| local(m, p)),
        all_paused_until_resumed: all_paused == Some(FOREVER),
        settings,
        discreet_sender: super::notify::discreet_sender().map(str::to_owned),
    })
}

/// Why hydration reminders come more often on `day`, if they do.
fn adaptive_reason(
    conn: &Connection,
    settings: &ReminderSettings,
    day: &str,
) -> Result<Option<String>> {
    if !settings.adaptive_hydration {
        return Ok(None);
    }
    let rated = crate::journey::fluid_loss_symptoms(conn, day)?;
    let notes = store::notes_of_day(conn, day)?.to_lowercase();
    let mut noted: Vec<&str> = FLUID_LOSS
        .iter()
        .filter(|(stem, _)| notes.contains(stem))
        .map(|&(_, word)| word)
        .filter(|w| !rated.contains(w))
        .collect();
    noted.dedup();
    let all = rated.len() + noted.len();
    let source = match (rated.is_empty(), noted.is_empty()) {
        (true, true) => return Ok(None),
        (false, true) => format!("today's symptom check rates {}", list(&rated)),
        (true, false) => format!("your notes today mention {}", list(&noted)),
        (false, false) => format!(
            "today's symptom check rates {} and your notes mention {}",
            list(&rated),
            list(&noted)
        ),
    };
    Ok(Some(format!(
        "More often today: {source}, and the body loses water with {}.",
        if all == 1 { "it" } else { "them" }
    )))
}

/// Saves a new custom reminder (`id` is `None`) or changes one, in `tx`; its id. Changing a
/// reminder starts it afresh from now: nothing it "missed" before is shown.
pub(crate) fn save(
    tx: &Connection,
    now: i64,
    id: Option<i64>,
    input: &ReminderInput,
) -> Result<i64> {
    let kind = match id {
        Some(id) => store::get(tx, id)?.kind,
        None => ReminderKind::Custom,
    };
    let r = validate(kind, input)?;
    match id {
        Some(id) => {
            store::update(tx, id, &r, now)?;
            Ok(id)
        }
        None => store::insert(tx, &r, now),
    }
}

/// Reminder `id` as the screen shows it.
pub(crate) fn view_of(conn: &Connection, m: &Moment, id: i64) -> Result<ReminderView> {
    overview(conn, m)?
        .reminders
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(Error::NotFound)
}

/// Deletes one of the person's own reminders (the built-in ones can only be turned off).
pub(crate) fn delete(tx: &Connection, id: i64) -> Result<()> {
    if store::get(tx, id)?.kind != ReminderKind::Custom {
        return Err(Error::invalid(
            "reminder",
            "This reminder comes with the app; you can turn it off instead.",
        ));
    }
    store::delete(tx, id)
}

/// Whether `minutes` is a snooze the app offers (10, 30 or 60).
pub(crate) fn check_snooze(minutes: u32) -> Result<()> {
    if ![10, 30, 60].contains(&minutes) {
        return Err(Error::invalid(
            "snooze",
            "A reminder can be snoozed for 10, 30 or 60 minutes.",
        ));
    }
    Ok(())
}

/// Snoozes reminder `id` for `minutes` from `now`.
pub(crate) fn snooze(tx: &Connection, now: i64, id: i64, minutes: u32) -> Result<()> {
    store::set_snooze(tx, id, Some(now + i64::from(minutes) * 60))
}

/// Pauses one reminder, or ends its pause.
pub(crate) fn pause(tx: &Connection, m: &Moment, now: i64, id: i64, pause: Pause) -> Result<()> {
    store::set_pause(tx, id, pause_until(m, pause, now), now)
}

/// Pauses every reminder, or ends that pause.
pub(crate) fn pause_all(tx: &Connection, m: &Moment, now: i64, pause: Pause) -> Result<()> {
    store::set_all_paused(tx, pause_until(m, pause, now))
}

/// Whether all reminders are paused at `now`.
pub(crate) fn all_paused(conn: &Connection, now: i64) -> Result<bool> {
    Ok(store::all_paused_until(conn)?.is_some_and(|p| p > now))
}

/// The settings `input` checked, in their stored form.
pub(crate) fn checked_settings(input: &ReminderSettings) -> Result<ReminderSettings> {
    let start = parse_time("quietStart", "when quiet hours start", &input.quiet_start)?;
    let end = parse_time("quietEnd", "when quiet hours end", &input.quiet_end)?;
    if input.quiet_enabled && start == end {
        return Err(Error::invalid(
            "quietEnd",
            "Please choose an end different from the start.",
        ));
    }
    let goal = ranged(
        "waterGoal",
        "the daily goal",
        Some(i64::from(input.water_goal)),
        1,
        30,
    )?;
    Ok(ReminderSettings {
        quiet_start: hm(start),
        quiet_end: hm(end),
        water_goal: u32::try_from(goal).unwrap_or(8),
        ..input.clone()
    })
}

/// Saves settings checked by [`checked_settings`], in `tx`.
pub(crate) fn save_settings(tx: &Connection, settings: &ReminderSettings) -> Result<()> {
    store::save_settings(tx, settings)
}

/// Whether notifications, the window title and the tray speak in neutral words: when the
/// person chose so, and always while the app is `locked`.
pub(crate) fn discreet(conn: &Connection, locked: bool) -> Result<bool> {
    Ok(locked || store::settings(conn)?.discreet)
}

/// Records a glass of water at `now`, on the day of `m`.
pub(crate) fn log_water(tx: &Connection, now: i64, m: &Moment) -> Result<WaterToday> {
    let day = m.today().to_string();
    store::add_water(tx, now, m.zone.name(), &day)?;
    let goal = store::settings(tx)?.water_goal;
    store::water_today(tx, &day, goal)
}

/// Undoes the latest glass of the day of `m` (a mistaken click).
pub(crate) fn undo_water(tx: &Connection, m: &Moment) -> Result<WaterToday> {
    let day = m.today().to_string();
    store::remove_last_water(tx, &day)?;
    let goal = store::settings(tx)?.water_goal;
    store::water_today(tx, &day, goal)
}

/// One step of the scheduler at `m`, in `tx`: the reminders to show, each marked as dealt
/// with in the same transaction before it is shown (a crash may lose one reminder, but a
/// restart never repeats one), and when to look again.
pub(crate) fn due(tx: &Connection, m: &Moment, locked: bool) -> Result<Tick> {
    let (zone, now) = (m.zone, m.now);
    let settings = store::settings(tx)?;
    let all_paused = store::all_paused_until(tx)?.map(at);
    let reason = adaptive_reason(tx, &settings, &m.today().to_string())?;
    let quiet = store::quiet(&settings);
    let mut due = Vec::new();
    let mut next: Option<DateTime<Utc>> = None;
    for r in store::all(tx)? {
        let (rule, _) = r.rule_today(reason.is_some());
        let not_needed = |m: DateTime<Utc>| -> bool {
            let result = match r.kind {
                ReminderKind::Checkin => {
                    let day = m.with_timezone(&zone).date_naive().to_string();
                    store::checked_in_on(tx, &day)
                }
                // Only while a check-up is due: neither questionnaire taken in the
                // two weeks it asks about.
                ReminderKind::Checkup => {
                    let day = m.with_timezone(&zone).date_naive();
                    crate::checkups::taken_recently(tx, day)
                }
                ReminderKind::Hydration => {
                    let half = rule.grace().num_seconds() / 2;
                    store::last_water(tx).map(|w| w.is_some_and(|w| m.timestamp() - w < half))
                }
                _ => Ok(false),
            };
            // If the data cannot be read, showing the reminder is the kinder mistake.
            result.unwrap_or(false)
        };
        let ctx = schedule::Context {
            zone,
            quiet,
            all_paused_until: all_paused,
            not_needed: &not_needed,
        };
        let state = schedule::State {
            enabled: r.enabled,
            handled_through: at(r.handled_through),
            snoozed_until: r.snoozed_until.map(at),
            paused_until: r.paused_until.map(at),
        };
        let out = schedule::evaluate(rule, state, &ctx, now);
        if out.state != state || out.due.is_some() {
            store::save_state(
                tx,
                r.id,
                &out.state,
                out.due.map(|_| now.timestamp()).or(r.last_fired_at),
            )?;
        }
        if let Some(d) = out.due {
            due.push(
                Firing {
                    reminder_id: r.id,
                    kind: r.kind,
                    title: r.title.clone(),
                    body: r.message.clone(),
                    snoozed: d.snoozed,
                    discreet: false,
                }
                .shown(settings.discreet || locked),
            );
        }
        if let Some(n) = out.next {
            next = Some(next.map_or(n, |x| x.min(n)));
        }
    }
    Ok(Tick { due, next })
}

fn list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
