//! The diary as an open document: which tables and columns an export holds, under which names
//! and rules. One table of fields serves the JSON export, its JSON Schema, the CSV files and
//! the JSON import, so the four cannot disagree.
//!
//! Times are stored as Unix seconds; in a document they are RFC 3339 with the offset of the
//! entry's own zone (named beside it in `timeZone`), so a file read years later says when
//! each thing happened where it happened.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value};

/// Names the document format, so a file from another program is told apart at once.
pub const FORMAT: &str = "recovery-companion-diary";
/// The version of the document layout; a newer one is refused rather than half read.
pub const VERSION: i64 = 1;

/// What one field of an entry may hold.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Rule {
    Int(i64, i64),
    /// Text of at most this many characters, without NUL or other control characters
    /// (tabs and line breaks aside).
    Text(usize),
    /// An instant: stored as Unix seconds, written as RFC 3339.
    Time,
    /// A local day, `YYYY-MM-DD`.
    Day,
    /// An IANA time zone.
    Zone,
    Choice(&'static [&'static str]),
    /// A time of day, `HH:MM`.
    Clock,
    Uuid,
    /// The uuid of a row of that table, stored as its row id.
    Parent(&'static str),
}

#[derive(Debug)]
pub(crate) struct Field {
    pub column: &'static str,
    pub key: &'static str,
    pub rule: Rule,
    pub optional: bool,
}

const fn f(column: &'static str, key: &'static str, rule: Rule) -> Field {
    Field {
        column,
        key,
        rule,
        optional: false,
    }
}

const fn opt(column: &'static str, key: &'static str, rule: Rule) -> Field {
    Field {
        column,
        key,
        rule,
        optional: true,
    }
}

/// One kind of entry: a table and its fields.
#[derive(Debug)]
pub(crate) struct Kind {
    /// The document's key, and the CSV file's name.
    pub key: &'static str,
    pub table: &'static str,
    /// What the export reads: the `live_*` view where entries can be soft-deleted.
    pub source: &'static str,
    pub fields: &'static [Field],
    /// The condition that keeps a row within `?1 ..= ?2` (days), for a chosen range.
    pub in_range: Option<&'static str>,
    /// How a row is told apart from others on import, when two diaries share it.
    pub identity: Identity,
    /// Words for the person: "check-ins".
    pub label: &'static str,
    /// The person's set-up rather than dated entries: an import takes it only when asked to.
    pub setup: bool,
    /// Rows the migrations made (the plan, the settings): an import may change them, never add.
    pub fixed_rows: bool,
    /// A stable order for the export.
    pub order: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Identity {
    Uuid,
    /// Symptom scores: by their check and symptom.
    ParentAnd(&'static str),
    /// Settings-like rows, matched on this column.
    Column(&'static str),
}

const ZONE: Field = f("tz", "timeZone", Rule::Zone);
/// A section of the plan for hard moments.
const PLAN: usize = crate::journey::PLAN_TEXT_MAX;
const UUID: Field = f("uuid", "uuid", Rule::Uuid);
const SYMPTOMS: &[&str] = &[
    "anxiety",
    "irritability",
    "muscle_aches",
    "joint_pain",
    "insomnia",
    "restlessness",
    "sweating",
    "chills",
    "runny_nose",
    "nausea",
    "vomiting",
    "stomach_upset",
    "diarrhea",
    "mood_swings",
    "low_mood",
    "cravings",
];

/// The settings an import may set, each with its rule; the others are the app's own state.
pub(crate) const IMPORTED_SETTINGS: &[(&str, Rule)] = &[
    ("quiet_enabled", Rule::Choice(&["0", "1"])),
    ("quick_checkups", Rule::Choice(&["0", "1"])),
    ("quiet_start", Rule::Clock),
    ("quiet_end", Rule::Clock),
    ("adaptive_hydration", Rule::Choice(&["0", "1"])),
    ("water_goal", Rule::Int(1, 30)),
    ("discreet", Rule::Choice(&["0", "1"])),
];

/// Every kind, parents before children.
pub(crate) const KINDS: &[Kind] = &[
    Kind {
        key: "checkins",
        table: "checkins",
        source: "live_checkins",
        label: "check-ins",
        fields: &[
            UUID,
            f("day", "day", Rule::Day),
            ZONE,
            f("mood", "mood", Rule::Int(0, 10)),
            opt("craving", "craving", Rule::Int(0, 10)),
            f(
                "note",
                "note",
                Rule::Text(crate::model::checkin::NOTE_MAX_CHARS),
            ),
            opt("bed_at", "bedAt", Rule::Time),
            opt("lights_off_at", "lightsOffAt", Rule::Time),
            opt("latency_min", "minutesToFallAsleep", Rule::Int(0, 720)),
            opt("awakenings", "awakenings", Rule::Int(0, 50)),
            opt("awake_min", "minutesAwakeInNight", Rule::Int(0, 720)),
            opt("wake_at", "finalWakeAt", Rule::Time),
            opt("out_of_bed_at", "outOfBedAt", Rule::Time),
            opt("sleep_quality", "sleepQuality", Rule::Int(1, 5)),
            f("recorded_at", "recordedAt", Rule::Time),
            f("updated_at", "updatedAt", Rule::Time),
        ],
        in_range: Some("day BETWEEN ?1 AND ?2"),
        identity: Identity::Uuid,
        setup: false,
        fixed_rows: false,
        order: "t.id",
    },
    Kind {
        key: "cravings",
        table: "cravings",
        source: "live_cravings",
        label: "cravings",
        fields: &[
            UUID,
            f("at", "at", Rule::Time),
            ZONE,
            f("day", "day", Rule::Day),
            f("intensity", "intensity", Rule::Int(0, 10)),
            f(
                "context",
                "context",
                Rule::Text(crate::model::craving::CONTEXT_MAX_CHARS),
            ),
            opt("eased_to", "easedTo", Rule::Int(0, 10)),
            opt("surf_min", "urgeSurfMinutes", Rule::Int(1, 180)),
            f("recorded_at", "recordedAt", Rule::Time),
            f("updated_at", "updatedAt", Rule::Time),
        ],
        in_range: Some("day BETWEEN ?1 AND ?2"),
        identity: Identity::Uuid,
        setup: false,
        fixed_rows: false,
        order: "t.id",
    },
    Kind {
        key: "doses",
        table: "doses",
        source: "live_doses",
        label: "doses",
        fields: &[
            UUID,
            f("at", "at", Rule::Time),
            ZONE,
            f("day", "day", Rule::Day),
            f("unit", "unit", Rule::Choice(&["grams", "capsules"])),
            f("amount_milli", "amountThousandths", Rule::Int(1, 500_000)),
            opt("mg_per_capsule", "mgPerCapsule", Rule::Int(1, 5000)),
            f("mg", "mg", Rule::Int(1, 500_000)),
            f(
                "form",
                "form",
                Rule::Choice(&["powder", "capsules", "tea", "extract", "other"]),
            ),
            f(
                "note",
                "note",
                Rule::Text(crate::journey::DOSE_NOTE_MAX_CHARS),
            ),
            f("recorded_at", "recordedAt", Rule::Time),
            f("updated_at", "updatedAt", Rule::Time),
        ],
        in_range: Some("day BETWEEN ?1 AND ?2"),
        identity: Identity::Uuid,
        setup: false,
        fixed_rows: false,
        order: "t.id",
    },
    Kind {
        key: "symptomChecks",
        table: "symptom_checks",
        source: "symptom_checks",
        label: "symptom checks",
        fields: &[
            UUID,
            f("day", "day", Rule::Day),
            f("at", "at", Rule::Time),
            ZONE,
            f("recorded_at", "recordedAt", Rule::Time),
            f("updated_at", "updatedAt", Rule::Time),
        ],
        in_range: Some("day BETWEEN ?1 AND ?2"),
        identity: Identity::Uuid,
        setup: false,
        fixed_rows: false,
        order: "t.id",
    },
    Kind {
        key: "symptomScores",
        table: "symptom_scores",
        source: "symptom_scores",
        label: "symptom scores",
        fields: &[
            f("check_id", "check", Rule::Parent("symptom_checks")),
            f("symptom", "symptom", Rule::Choice(SYMPTOMS)),
            f("score", "score", Rule::Int(0, 4)),
        ],
        in_range: Some("check_id IN (SELECT id FROM symptom_checks WHERE day BETWEEN ?1 AND ?2)"),
        identity: Identity::ParentAnd("symptom"),
        setup: false,
        fixed_rows: false,
        order: "t.check_id, t.symptom",
    },
    Kind {
        key: "taperPlans",
        table: "taper_plans",
        source: "taper_plans",
        label: "taper plans",
        fields: &[
            UUID,
            f("start_day", "startDay", Rule::Day),
            f("start_mg", "startMg", Rule::Int(1, 500_000)),
            f("target_mg", "targetMg", Rule::Int(0, 500_000)),
            f(
                "step_kind",
                "stepKind",
                Rule::Choice(&["percent", "amount"]),
            ),
            f("step_value", "stepValue", Rule::Int(1, 500_000)),
            f("days_per_step", "daysPerStep", Rule::Int(1, 90)),
            f("rounding_mg", "roundingMg", Rule::Int(1, 10_000)),
            opt("doses_per_day", "dosesPerDay", Rule::Int(1, 12)),
            f("end_mg", "endMg", Rule::Int(0, 500_000)),
            opt("final_below_mg", "finalPhaseBelowMg", Rule::Int(1, 500_000)),
            opt("final_step_mg", "finalStepMg", Rule::Int(1, 500_000)),
            f(
                "note",
                "note",
                Rule::Text(crate::journey::TAPER_NOTE_MAX_CHARS),
            ),
            opt("ended_on", "endedOn", Rule::Day),
            f("created_at", "createdAt", Rule::Time),
        ],
        in_range: None,
        identity: Identity::Uuid,
        setup: false,
        fixed_rows: false,
        order: "t.id",
    },
    Kind {
        key: "taperHolds",
        table: "taper_holds",
        source: "taper_holds",
        label: "taper holds",
        fields: &[
            UUID,
            f("plan_id", "plan", Rule::Parent("taper_plans")),
            f("day", "day", Rule::Day),
            f("days", "days", Rule::Int(1, 60)),
            f("created_at", "createdAt", Rule::Time),
        ],
        in_range: None,
        identity: Identity::Uuid,
        setup: false,
        fixed_rows: false,
        order: "t.id",
    },
    Kind {
        key: "checkups",
        table: "checkups",
        source: "checkups",
        label: "mood and anxiety check-ups",
        fields: &[
            UUID,
            f(
                "instrument",
                "instrument",
                Rule::Choice(&["phq9", "gad7", "phq2", "gad2"]),
            ),
            f("day", "day", Rule::Day),
            f("at", "at", Rule::Time),
            ZONE,
            f("answers", "answers", Rule::Text(9)),
            opt("difficulty", "difficulty", Rule::Int(0, 3)),
            f("recorded_at", "recordedAt", Rule::Time),
        ],
        in_range: Some("day BETWEEN ?1 AND ?2"),
        identity: Identity::Uuid,
        setup: false,
        fixed_rows: false,
        order: "t.id",
    },
    Kind {
        key: "water",
        table: "water",
        source: "water",
        label: "glasses of water",
        fields: &[
            UUID,
            f("at", "at", Rule::Time),
            ZONE,
            f("day", "day", Rule::Day),
        ],
        in_range: Some("day BETWEEN ?1 AND ?2"),
        identity: Identity::Uuid,
        setup: false,
        fixed_rows: false,
        order: "t.id",
    },
    Kind {
        key: "contacts",
        table: "contacts",
        source: "contacts",
        label: "contacts",
        fields: &[
            UUID,
            f("kind", "kind", Rule::Choice(&["support", "care", "crisis"])),
            f("name", "name", Rule::Text(crate::journey::CONTACT_NAME_MAX)),
            f(
                "phone",
                "phone",
                Rule::Text(crate::journey::CONTACT_PHONE_MAX),
            ),
            f("note", "note", Rule::Text(crate::journey::CONTACT_NOTE_MAX)),
            f("updated_at", "updatedAt", Rule::Time),
        ],
        in_range: None,
        identity: Identity::Uuid,
        setup: false,
        fixed_rows: false,
        order: "t.id",
    },
    Kind {
        key: "hardMomentsPlan",
        table: "recovery_plan",
        source: "recovery_plan",
        label: "plan for hard moments",
        fields: &[
            f("triggers", "triggers", Rule::Text(PLAN)),
            f("warning_signs", "warningSigns", Rule::Text(PLAN)),
            f("coping_steps", "copingSteps", Rule::Text(PLAN)),
            f("reasons", "reasons", Rule::Text(PLAN)),
            // Sections added with the full safety plan: optional, so older files still import.
            opt("distractions", "distractions", Rule::Text(PLAN)),
            opt("helpers", "helpers", Rule::Text(PLAN)),
            opt("professionals", "professionals", Rule::Text(PLAN)),
            opt("safer_surroundings", "saferSurroundings", Rule::Text(PLAN)),
            f("updated_at", "updatedAt", Rule::Time),
        ],
        in_range: None,
        identity: Identity::Column("id"),
        setup: true,
        fixed_rows: true,
        order: "t.id",
    },
    Kind {
        key: "reminders",
        table: "reminders",
        source: "reminders",
        label: "reminders",
        fields: &[
            UUID,
            f(
                "kind",
                "kind",
                Rule::Choice(&[
                    "hydration",
                    "wind_down",
                    "rest",
                    "checkin",
                    "checkup",
                    "custom",
                ]),
            ),
            f(
                "title",
                "title",
                Rule::Text(crate::reminders::TITLE_MAX_CHARS),
            ),
            f(
                "message",
                "message",
                Rule::Text(crate::reminders::MESSAGE_MAX_CHARS),
            ),
            f("enabled", "enabled", Rule::Int(0, 1)),
            opt("at_time", "atTime", Rule::Clock),
            f("before_min", "minutesBefore", Rule::Int(0, 240)),
            opt("every_min", "everyMinutes", Rule::Int(15, 720)),
            opt("window_start", "windowStart", Rule::Clock),
            opt("window_end", "windowEnd", Rule::Clock),
        ],
        in_range: None,
        identity: Identity::Uuid,
        setup: true,
        fixed_rows: false,
        order: "t.id",
    },
    Kind {
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
    },
];

/// The SQL that reads `kind` for export, one row per entry, in a stable order; `only` adds a
/// condition on the row (`t`).
pub(crate) fn select_sql(kind: &Kind, ranged: bool, only: Option<&str>) -> String {
    let columns: Vec<String> = kind
        .fields
        .iter()
        .map(|f| match f.rule {
            Rule::Parent(parent) => {
                format!(
                    "(SELECT p.uuid FROM {parent} p WHERE p.id = t.{})",
                    f.column
                )
            }
            _ => format!("t.{}", f.column),
        })
        .collect();
    let mut sql = format!("SELECT {} FROM {} t", columns.join(", "), kind.source);
    let mut conditions = vec![];
    if kind.table == "settings" {
        let keys: Vec<String> = IMPORTED_SETTINGS
            .iter()
            .map(|(k, _)| format!("'{k}'"))
            .collect();
        conditions.push(format!("key IN ({})", keys.join(", ")));
    }
    if let (true, Some(cond)) = (ranged, kind.in_range) {
        conditions.push(cond.to_owned());
    }
    conditions.extend(only.map(str::to_owned));
    if !conditions.is_empty() {
        sql.push_str(&format!(" WHERE {}", conditions.join(" AND ")));
    }
    sql.push_str(&format!(" ORDER BY {}", kind.order));
    sql
}

/// The zone an entry's times are written in: its own, or UTC for rows without one.
pub(crate) fn zone_of(row: &[rusqlite::types::Value], kind: &Kind) -> Tz {
    kind.fields
        .iter()
        .position(|f| matches!(f.rule, Rule::Zone))
        .and_then(|i| match &row[i] {
            rusqlite::types::Value::Text(t) => t.parse().ok(),
            _ => None,
        })
        .unwrap_or(Tz::UTC)
}

/// One stored value as it appears in a document.
pub(crate) fn to_json(rule: Rule, value: &rusqlite::types::Value, zone: Tz) -> Value {
    use rusqlite::types::Value as V;
    match (rule, value) {
        (_, V::Null) => Value::Null,
        (Rule::Time, V::Integer(secs)) => match Utc.timestamp_opt(*secs, 0).single() {
            Some(t) => Value::String(
                t.with_timezone(&zone)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ),
            None => Value::Null,
        },
        (_, V::Integer(i)) => Value::from(*i),
        (_, V::Text(t)) => Value::String(t.clone()),
        (_, V::Real(r)) => Value::from(*r),
        (_, V::Blob(_)) => Value::Null,
    }
}

/// One row of `kind` as a document object.
pub(crate) fn row_to_object(kind: &Kind, row: &[rusqlite::types::Value]) -> Map<String, Value> {
    let zone = zone_of(row, kind);
    kind.fields
        .iter()
        .zip(row)
        .map(|(f, v)| (f.key.to_owned(), to_json(f.rule, v, zone)))
        .collect()
}

/// Why a value breaks its rule, in words for the person; `None` when it keeps it.
pub(crate) fn check(rule: Rule, value: &Value) -> Result<rusqlite::types::Value, String> {
    use rusqlite::types::Value as V;
    let text = || {
        value
            .as_str()
            .ok_or_else(|| format!("should be text, not {}", describe(value)))
    };
    match rule {
        Rule::Int(lo, hi) => match value.as_i64() {
            Some(i) if (lo..=hi).contains(&i) => Ok(V::Integer(i)),
            _ => Err(format!(
                "should be a whole number from {lo} to {hi}, not {}",
                describe(value)
            )),
        },
        Rule::Text(max) => {
            let t = text()?;
            if t.chars().count() > max {
                return Err(format!("is longer than {max} characters"));
            }
            if t.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            {
                return Err(
                    "contains control characters (such as NUL) that text cannot hold".into(),
                );
            }
            Ok(V::Text(t.to_owned()))
        }
        Rule::Time => {
            let t = text()?;
            let at = DateTime::parse_from_rfc3339(t).map_err(|_| {
                format!(
                    "should be a date and time like 2026-01-31T21:05:00+01:00, not \"{}\"",
                    short(t)
                )
            })?;
            let secs = at.timestamp();
            // Up to 2100-01-01; 1970 is where a never-edited plan's time starts.
            if !(0..4_102_444_800).contains(&secs) {
                return Err(format!(
                    "is outside the years 1970 to 2099 (\"{}\")",
                    short(t)
                ));
            }
            Ok(V::Integer(secs))
        }
        Rule::Day => {
            let t = text()?;
            match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
                Ok(d) if t.len() == 10 && (2000..2100).contains(&chrono::Datelike::year(&d)) => {
                    Ok(V::Text(t.to_owned()))
                }
                _ => Err(format!(
                    "should be a day like 2026-01-31, not \"{}\"",
                    short(t)
                )),
            }
        }
        Rule::Zone => {
            let t = text()?;
            t.parse::<Tz>().map(|_| V::Text(t.to_owned())).map_err(|_| {
                format!(
                    "should be a time zone like Europe/Berlin, not \"{}\"",
                    short(t)
                )
            })
        }
        Rule::Choice(options) => {
            let t = match value {
                Value::Number(n) => n.to_string(),
                _ => text()?.to_owned(),
            };
            if options.contains(&t.as_str()) {
                Ok(V::Text(t))
            } else {
                Err(format!(
                    "should be one of {}, not \"{}\"",
                    options.join(", "),
                    short(&t)
                ))
            }
        }
        Rule::Clock => {
            let t = text()?;
            match NaiveTime::parse_from_str(t, "%H:%M") {
                Ok(_) if t.len() == 5 => Ok(V::Text(t.to_owned())),
                _ => Err(format!(
                    "should be a time of day like 08:30, not \"{}\"",
                    short(t)
                )),
            }
        }
        Rule::Uuid | Rule::Parent(_) => {
            let t = text()?;
            if is_uuid(t) {
                Ok(V::Text(t.to_owned()))
            } else {
                Err(format!(
                    "should be an identifier like 0b9d…-…, not \"{}\"",
                    short(t)
                ))
            }
        }
    }
}

/// A lower-case UUID in its 8-4-4-4-12 form.
pub(crate) fn is_uuid(t: &str) -> bool {
    t.len() == 36
        && t.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
        })
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "empty".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("\"{}\"", short(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a group of fields".into(),
    }
}

/// At most 40 characters of `s`, for an error message.
pub(crate) fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).filter(|c| !c.is_control()).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// The JSON Schema (draft 2020-12) of the document, made from the same fields as everything
/// else; `docs/diary-export.schema.json` is this, and a test keeps it so.
pub fn json_schema() -> Value {
    use serde_json::json;
    let mut properties = Map::new();
    properties.insert("format".into(), json!({ "const": FORMAT }));
    properties.insert("version".into(), json!({ "const": VERSION }));
    properties.insert(
        "exportedAt".into(),
        json!({ "type": "string", "format": "date-time" }),
    );
    properties.insert(
        "timeZone".into(),
        json!({ "type": "string", "description": "The IANA zone the diary was kept in when exported." }),
    );
    for key in ["from", "to"] {
        properties.insert(
            key.into(),
            json!({ "type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                    "description": "The chosen range of days, or null for everything." }),
        );
    }
    for kind in KINDS {
        let mut props = Map::new();
        let mut required = vec![];
        for field in kind.fields {
            let mut schema = match field.rule {
                Rule::Int(lo, hi) => json!({ "type": "integer", "minimum": lo, "maximum": hi }),
                Rule::Text(max) => json!({ "type": "string", "maxLength": max }),
                Rule::Time => json!({ "type": "string", "format": "date-time" }),
                Rule::Day => {
                    json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
                }
                Rule::Zone => json!({ "type": "string", "description": "An IANA time zone." }),
                Rule::Choice(options) => json!({ "enum": options }),
                Rule::Clock => json!({ "type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$" }),
                Rule::Uuid | Rule::Parent(_) => {
                    json!({ "type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$" })
                }
            };
            if field.optional {
                if let Some(obj) = schema.as_object_mut() {
                    match obj.get("type").cloned() {
                        Some(Value::String(t)) => {
                            obj.insert("type".into(), json!([t, "null"]));
                        }
                        _ => {
                            let inner = Value::Object(obj.clone());
                            schema = json!({ "anyOf": [inner, { "type": "null" }] });
                        }
                    }
                }
            } else {
                required.push(field.key);
            }
            props.insert(field.key.into(), schema);
        }
        let item = json!({
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": false,
        });
        properties.insert(
            kind.key.into(),
            json!({ "type": "array", "description": format!("Every entry of: {}.", kind.label), "items": item }),
        );
    }
    let mut required: Vec<&str> = vec!["format", "version", "exportedAt", "timeZone"];
    required.extend(KINDS.iter().map(|k| k.key));
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Recovery Companion diary export",
        "description": "Everything a person kept in Recovery Companion. Times are RFC 3339 with the offset of the entry's own zone, named in timeZone.",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The longest text each column takes, as the database's own CHECK says it.
    fn checked_length(schema: &str, column: &str) -> Option<usize> {
        let at = schema.find(&format!("length({column})"))?;
        let rest = &schema[at..];
        let after = &rest[format!("length({column})").len()..];
        let after = after.trim_start();
        let number = after
            .strip_prefix("<=")
            .or_else(|| after.strip_prefix("BETWEEN 1 AND"))?;
        number
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .ok()
    }

    /// One limit, three owners agree: the feature's constant (used by its validation and by
    /// this table) is what the migrations' CHECK enforces, for every text column that has one.
    #[test]
    fn every_text_limit_is_the_one_the_database_enforces() {
        let dir = tempfile::tempdir().expect("dir");
        let conn = crate::store::open(&dir.path().join("d.sqlite3"), None, chrono::Utc::now())
            .expect("open");
        let mut checked = 0;
        for kind in KINDS {
            let schema: String = conn
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                    [kind.table],
                    |r| r.get(0),
                )
                .expect(kind.table);
            for field in kind.fields {
                let Rule::Text(max) = field.rule else {
                    continue;
                };
                if let Some(enforced) = checked_length(&schema, field.column) {
                    assert_eq!(enforced, max, "{}.{}", kind.table, field.column);
                    checked += 1;
                }
            }
        }
        assert!(checked >= 14, "only {checked} limits found in the schema");
    }
}
