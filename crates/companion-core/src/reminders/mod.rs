//! Reminders: hydration, wind-down, rest, check-in and the person's own, with quiet hours,
//! snooze and pause, and glasses of water. `schedule` decides when each is due; `scheduler`
//! runs that on a thread; `notify` shows them on the desktop.

pub mod notify;
pub mod schedule;
pub mod scheduler;
pub(crate) mod store;
mod use_cases;

pub(crate) use use_cases::*;

use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{bounded_text, fmt_local, parse_time, ranged, to_local};
pub use schedule::Rule;

/// The longest title and message of a reminder, in characters (also the export's limits).
pub const TITLE_MAX_CHARS: usize = 80;
pub const MESSAGE_MAX_CHARS: usize = 300;

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
    /// The two-weekly mood and anxiety check-up: daily at its time, only while one is due.
    Checkup,
    Custom,
}

impl ReminderKind {
    fn as_str(self) -> &'static str {
        match self {
            ReminderKind::Hydration => "hydration",
            ReminderKind::WindDown => "wind_down",
            ReminderKind::Rest => "rest",
            ReminderKind::Checkin => "checkin",
            ReminderKind::Checkup => "checkup",
            ReminderKind::Custom => "custom",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "hydration" => ReminderKind::Hydration,
            "wind_down" => ReminderKind::WindDown,
            "rest" => ReminderKind::Rest,
            "checkin" => ReminderKind::Checkin,
            "checkup" => ReminderKind::Checkup,
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
    /// Notifications in neutral words, from "Reminders", with no sign of what the app is for.
    pub discreet: bool,
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
    /// The sender discreet reminders come from ("Reminders") where the system lets a
    /// notification name it; `None` on Windows and macOS, which name the app themselves.
    pub discreet_sender: Option<String>,
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
    /// In discreet mode: neutral words (see [`discreet_words`]) from a neutral sender.
    pub discreet: bool,
}

/// The name discreet notifications come from.
pub const DISCREET_NAME: &str = "Reminders";

/// What a reminder says in discreet mode: words anyone may read over the person's shoulder,
/// the same for everyone, never the reminder's own title or message.
pub fn discreet_words(kind: ReminderKind) -> (&'static str, &'static str) {
    match kind {
        ReminderKind::Hydration => ("Time for a glass of water", "A few sips now."),
        ReminderKind::Rest => ("A moment to rest", "Sit or lie down for a few minutes."),
        ReminderKind::WindDown => ("Time to wind down", "Lights low, screens away."),
        ReminderKind::Checkin => ("A moment for yourself", "A minute to note how today went."),
        ReminderKind::Checkup => (
            "A moment for yourself",
            "A few questions, when you are ready.",
        ),
        ReminderKind::Custom => ("A reminder", "You set a reminder for now."),
    }
}

impl Firing {
    /// The words of `firing` as they may be shown: discreet ones when `discreet`.
    pub fn shown(mut self, discreet: bool) -> Firing {
        if discreet {
            let (title, body) = discreet_words(self.kind);
            self.title = title.into();
            self.body = body.into();
        }
        self.discreet = discreet;
        self
    }
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
    /// The app was locked outside the web view (the tray, the window hidden): show the lock.
    Locked,
    /// Entries came from the person's other computers: every screen reads the diary again.
    Synced,
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
    let title = bounded_text("title", "the title", &input.title, TITLE_MAX_CHARS)?;
    if title.is_empty() {
        return Err(Error::invalid("title", "Please give the reminder a title."));
    }
    let message = bounded_text("message", "the message", &input.message, MESSAGE_MAX_CHARS)?;
    let daily = match kind {
        ReminderKind::Hydration => false,
        ReminderKind::WindDown
        | ReminderKind::Rest
        | ReminderKind::Checkin
        | ReminderKind::Checkup => true,
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
