//! Reminders: hydration, wind-down, rest, check-in and the person's own, with quiet hours,
//! snooze and pause, and glasses of water. `schedule` decides when each is due; `scheduler`
//! runs that on a thread; `notify` shows them on the desktop.

pub mod notify;
pub mod schedule;
pub mod scheduler;
pub(crate) mod store;

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{bounded_text, fmt_local, parse_time, ranged, to_local};
use crate::Companion;
pub use schedule::Rule;

/// "Until turned back on", stored as the last second of the year 9999.
pub(crate) const FOREVER: i64 = 253_402_300_799;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ReminderKind {
    Hydration,
    WindDown,
    Rest,
    Checkin,
    Custom,
}

impl ReminderKind {
    fn as_str(self) -> &'static str {
        match self {
            ReminderKind::Hydration => "hydration",
            ReminderKind::WindDown => "wind_down",
            ReminderKind::Rest => "rest",
            ReminderKind::Checkin => "checkin",
            ReminderKind::Custom => "custom",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "hydration" => ReminderKind::Hydration,
            "wind_down" => ReminderKind::WindDown,
            "rest" => ReminderKind::Rest,
            "checkin" => ReminderKind::Checkin,
            _ => ReminderKind::Custom,
        }
    }
}

/// A reminder as the form sends it. A daily one has `at`; a repeating one has `everyMin`,
/// `from` and `to`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReminderInput {
    pub title: String,
    pub message: String,
    pub enabled: bool,
    /// "HH:MM" for a daily reminder (for a wind-down: the planned bedtime).
    pub at: Option<String>,
    /// Minutes before `at` (a wind-down before bedtime).
    #[cfg_attr(test, ts(type = "number | null"))]
    pub before_min: Option<i64>,
    #[cfg_attr(test, ts(type = "number | null"))]
    pub every_min: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A stored reminder.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reminder {
    pub id: i64,
    pub kind: ReminderKind,
    pub title: String,
    pub message: String,
    pub enabled: bool,
    pub at: Option<NaiveTime>,
    pub before_min: u32,
    pub every_min: Option<u32>,
    pub from: Option<NaiveTime>,
    pub to: Option<NaiveTime>,
    pub snoozed_until: Option<i64>,
    pub paused_until: Option<i64>,
    pub handled_through: i64,
    pub last_fired_at: Option<i64>,
}

impl Reminder {
    /// Today's rule, and the shortened interval when adaptive hydration applies
    /// (`fluid_loss`: today's notes mention losing water).
    fn rule_today(&self, fluid_loss: bool) -> (Rule, Option<u32>) {
        let shortened = (self.kind == ReminderKind::Hydration && fluid_loss)
            .then(|| self.every_min.map(adaptive_minutes))
            .flatten();
        (self.rule(shortened), shortened)
    }

    /// The rule as written, with a repeating interval shortened to `every` when given.
    fn rule(&self, every: Option<u32>) -> Rule {
        match (self.at, self.every_min) {
            (Some(at), _) => Rule::Daily {
                at: at - Duration::minutes(self.before_min.into()),
            },
            (None, minutes) => Rule::Every {
                minutes: every.or(minutes).unwrap_or(90),
                from: self.from.unwrap_or(NaiveTime::MIN),
                to: self.to.unwrap_or(NaiveTime::MIN),
            },
        }
    }
}

/// A reminder as the reminders screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReminderView {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub kind: ReminderKind,
    pub title: String,
    pub message: String,
    pub enabled: bool,
    pub at: Option<String>,
    pub before_min: u32,
    pub every_min: Option<u32>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// The interval in use today, when adaptive hydration has shortened it.
    pub every_min_today: Option<u32>,
    /// Why it comes more often today, in words.
    pub adaptive_reason: Option<String>,
    /// Local "YYYY-MM-DDTHH:MM" of the next time it may come, if it is on.
    pub next: Option<String>,
    pub snoozed_until: Option<String>,
    pub paused_until: Option<String>,
    pub paused_until_resumed: bool,
    /// Local "YYYY-MM-DDTHH:MM" it last came.
    pub last_fired: Option<String>,
}

/// Settings that apply to every reminder.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReminderSettings {
    pub quiet_enabled: bool,
    /// "HH:MM"
    pub quiet_start: String,
    pub quiet_end: String,
    /// Hydration reminders come more often on days with sweating, diarrhea, nausea or vomiting.
    pub adaptive_hydration: bool,
    /// Glasses of water a day.
    pub water_goal: u32,
}

/// Glasses of water today.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WaterToday {
    pub day: String,
    pub glasses: u32,
    pub goal: u32,
}

/// The reminders screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RemindersView {
    pub reminders: Vec<ReminderView>,
    pub settings: ReminderSettings,
    pub water: WaterToday,
    /// All reminders paused until then (local "YYYY-MM-DDTHH:MM").
    pub all_paused_until: Option<String>,
    pub all_paused_until_resumed: bool,
}

/// How long to pause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Pause {
    Hour,
    Today,
    UntilResumed,
    /// Ends a pause.
    Resume,
}

/// A reminder to show now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Firing {
    #[cfg_attr(test, ts(type = "number"))]
    pub reminder_id: i64,
    pub kind: ReminderKind,
    pub title: String,
    pub body: String,
    /// It comes again after a snooze.
    pub snoozed: bool,
}

/// What the app's background tells the web view (over a channel the web view opens, so no
/// event permission is needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ReminderEvent {
    /// Show this reminder inside the app: the desktop could not.
    InApp { firing: Firing },
    /// Reminders or water changed outside the web view (a notification button, the tray).
    Changed,
    /// Open the "craving now" screen: the tray's shortcut to it.
    CravingNow,
}

/// One step of the scheduler: what to show, and when to look again at the latest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    pub due: Vec<Firing>,
    pub next: Option<DateTime<Utc>>,
}

/// Words in today's notes that mean the body is losing water; today's symptom check feeds
/// adaptive hydration too (see `journey::fluid_loss_symptoms`).
const FLUID_LOSS: &[(&str, &str)] = &[
    ("sweat", "sweating"),
    ("diarrh", "diarrhea"),
    ("nause", "nausea"),
    ("vomit", "vomiting"),
    ("threw up", "vomiting"),
    ("throwing up", "vomiting"),
];

/// The shorter interval adaptive hydration uses: two thirds, in whole 5 minutes, at least 15.
pub fn adaptive_minutes(every: u32) -> u32 {
    ((every * 2 / 3) / 5 * 5).max(15)
}

fn time_field(field: &'static str, what: &str, raw: Option<&str>) -> Result<NaiveTime> {
    parse_time(field, what, raw.unwrap_or(""))
}

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// Validates `input` for a reminder of `kind` into the stored shape (id and state aside).
fn validate(kind: ReminderKind, input: &ReminderInput) -> Result<Reminder> {
    let title = bounded_text("title", "the title", &input.title, 80)?;
    if title.is_empty() {
        return Err(Error::invalid("title", "Please give the reminder a title."));
    }
    let message = bounded_text("message", "the message", &input.message, 300)?;
    let daily = match kind {
        ReminderKind::Hydration => false,
        ReminderKind::WindDown | ReminderKind::Rest | ReminderKind::Checkin => true,
        ReminderKind::Custom => input.every_min.is_none(),
    };
    let mut r = Reminder {
        id: 0,
        kind,
        title,
        message,
        enabled: input.enabled,
        at: None,
        before_min: 0,
        every_min: None,
        from: None,
        to: None,
        snoozed_until: None,
        paused_until: None,
        handled_through: 0,
        last_fired_at: None,
    };
    if daily {
        let what = if kind == ReminderKind::WindDown {
            "your planned bedtime"
        } else {
            "a time"
        };
        r.at = Some(time_field("at", what, input.at.as_deref())?);
        if kind == ReminderKind::WindDown {
            r.before_min = u32::try_from(ranged(
                "beforeMin",
                "the minutes before bedtime",
                input.before_min,
                0,
                240,
            )?)
            .unwrap_or(0);
        }
    } else {
        r.every_min = Some(
            u32::try_from(ranged(
                "everyMin",
                "how many minutes apart",
                input.every_min,
                15,
                720,
            )?)
            .unwrap_or(90),
        );
        r.from = Some(time_field(
            "from",
            "when it may start",
            input.from.as_deref(),
        )?);
        r.to = Some(time_field("to", "when it stops", input.to.as_deref())?);
        if r.from == r.to {
            return Err(Error::invalid(
                "to",
                "Please choose an end time different from the start.",
            ));
        }
    }
    Ok(r)
}

impl Companion {
    fn zone(&self) -> Tz {
        self.clock.zone()
    }

    fn local(&self, secs: i64) -> String {
        fmt_local(to_local(self.zone(), at(secs)))
    }

    /// Start of the next local day, as Unix seconds.
    fn tomorrow_start(&self) -> i64 {
        let zone = self.zone();
        let tomorrow = self.local_today() + Duration::days(1);
        schedule::instant(zone, tomorrow.and_time(NaiveTime::MIN)).timestamp()
    }

    fn pause_until(&self, pause: Pause, now: i64) -> Option<i64> {
        match pause {
            Pause::Hour => Some(now + 3600),
            Pause::Today => Some(self.tomorrow_start()),
            Pause::UntilResumed => Some(FOREVER),
            Pause::Resume => None,
        }
    }

    /// Everything the reminders screen shows.
    pub fn reminders(&self) -> Result<RemindersView> {
        let conn = self.lock();
        let now = self.clock.now();
        let zone = self.zone();
        let settings = store::settings(&conn)?;
        let all_paused = store::all_paused_until(&conn)?;
        let reason = self.adaptive_reason(&conn, &settings)?;
        let mut reminders = Vec::new();
        for r in store::all(&conn)? {
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
                    .map(|s| self.local(s)),
                paused_until: r
                    .paused_until
                    .filter(|&p| p > now.timestamp() && p != FOREVER)
                    .map(|p| self.local(p)),
                paused_until_resumed: r.paused_until == Some(FOREVER),
                last_fired: r.last_fired_at.map(|s| self.local(s)),
            });
        }
        let water = store::water_today(&conn, &self.today_str(), settings.water_goal)?;
        Ok(RemindersView {
            reminders,
            water,
            all_paused_until: all_paused
                .filter(|&p| p > now.timestamp() && p != FOREVER)
                .map(|p| self.local(p)),
            all_paused_until_resumed: all_paused == Some(FOREVER),
            settings,
        })
    }

    fn today_str(&self) -> String {
        self.local_today().to_string()
    }

    /// Why hydration reminders come more often today, if they do.
    fn adaptive_reason(
        &self,
        conn: &rusqlite::Connection,
        settings: &ReminderSettings,
    ) -> Result<Option<String>> {
        if !settings.adaptive_hydration {
            return Ok(None);
        }
        let day = self.today_str();
        let rated = crate::journey::fluid_loss_symptoms(conn, &day)?;
        let notes = store::notes_of_day(conn, &day)?.to_lowercase();
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

    /// Saves a new custom reminder (`id` is `None`) or changes one. Changing a reminder starts
    /// it afresh from now: nothing it "missed" before is shown.
    pub fn save_reminder(&self, id: Option<i64>, input: &ReminderInput) -> Result<ReminderView> {
        let id = self.write(|tx, now| {
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
        })?;
        self.reminder_view(id)
    }

    fn reminder_view(&self, id: i64) -> Result<ReminderView> {
        self.reminders()?
            .reminders
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(Error::NotFound)
    }

    /// Deletes one of the person's own reminders (the built-in ones can only be turned off).
    pub fn delete_reminder(&self, id: i64) -> Result<()> {
        self.write(|tx, _| {
            if store::get(tx, id)?.kind != ReminderKind::Custom {
                return Err(Error::invalid(
                    "reminder",
                    "This reminder comes with the app; you can turn it off instead.",
                ));
            }
            store::delete(tx, id)
        })
    }

    /// Shows the reminder again `minutes` from now (10, 30 or 60) instead of at its next time.
    pub fn snooze_reminder(&self, id: i64, minutes: u32) -> Result<ReminderView> {
        if ![10, 30, 60].contains(&minutes) {
            return Err(Error::invalid(
                "snooze",
                "A reminder can be snoozed for 10, 30 or 60 minutes.",
            ));
        }
        self.write(|tx, now| store::set_snooze(tx, id, Some(now + i64::from(minutes) * 60)))?;
        self.reminder_view(id)
    }

    /// Pauses one reminder, or ends its pause.
    pub fn pause_reminder(&self, id: i64, pause: Pause) -> Result<ReminderView> {
        self.write(|tx, now| store::set_pause(tx, id, self.pause_until(pause, now), now))?;
        self.reminder_view(id)
    }

    /// Pauses every reminder (from the tray or the reminders screen), or ends that pause.
    pub fn pause_all(&self, pause: Pause) -> Result<RemindersView> {
        self.write(|tx, now| store::set_all_paused(tx, self.pause_until(pause, now)))?;
        self.reminders()
    }

    /// Whether all reminders are paused now.
    pub fn all_paused(&self) -> Result<bool> {
        let now = self.clock.now().timestamp();
        Ok(store::all_paused_until(&self.lock())?.is_some_and(|p| p > now))
    }

    pub fn save_reminder_settings(&self, input: &ReminderSettings) -> Result<RemindersView> {
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
        let clean = ReminderSettings {
            quiet_start: hm(start),
            quiet_end: hm(end),
            water_goal: u32::try_from(goal).unwrap_or(8),
            ..input.clone()
        };
        self.write(|tx, _| store::save_settings(tx, &clean))?;
        self.reminders()
    }

    /// Records a glass of water now.
    pub fn log_water(&self) -> Result<WaterToday> {
        let zone = self.zone();
        let day = self.today_str();
        self.write(|tx, now| {
            store::add_water(tx, now, zone.name(), &day)?;
            let goal = store::settings(tx)?.water_goal;
            store::water_today(tx, &day, goal)
        })
    }

    /// Undoes the latest glass of today (a mistaken click).
    pub fn undo_water(&self) -> Result<WaterToday> {
        let day = self.today_str();
        self.write(|tx, _| {
            store::remove_last_water(tx, &day)?;
            let goal = store::settings(tx)?.water_goal;
            store::water_today(tx, &day, goal)
        })
    }

    /// One step of the scheduler at the clock's now: the reminders to show, each marked as
    /// dealt with in the same transaction before it is shown (a crash may lose one reminder,
    /// but a restart never repeats one), and when to look again.
    pub fn due_reminders(&self) -> Result<Tick> {
        let zone = self.zone();
        let now = self.clock.now();
        self.write_quietly(|tx, _| {
            let settings = store::settings(tx)?;
            let all_paused = store::all_paused_until(tx)?.map(at);
            let reason = self.adaptive_reason(tx, &settings)?;
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
                        ReminderKind::Hydration => {
                            let half = rule.grace().num_seconds() / 2;
                            store::last_water(tx)
                                .map(|w| w.is_some_and(|w| m.timestamp() - w < half))
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
                    due.push(Firing {
                        reminder_id: r.id,
                        kind: r.kind,
                        title: r.title.clone(),
                        body: r.message.clone(),
                        snoozed: d.snoozed,
                    });
                }
                if let Some(n) = out.next {
                    next = Some(next.map_or(n, |x| x.min(n)));
                }
            }
            Ok(Tick { due, next })
        })
    }
}

fn list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
