//! The relapse-prevention plan, the person's contacts, and urge surfing.

use super::*;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RecoveryPlan {
    pub triggers: String,
    /// Safety plan step 1: what the person notices before things get hard.
    pub warning_signs: String,
    /// Step 2: what they can do on their own.
    pub coping_steps: String,
    pub reasons: String,
    /// Step 3: people and places that take their mind off it.
    #[serde(default)]
    pub distractions: String,
    /// Step 4: people they can ask for help (their supporters are listed beside it).
    #[serde(default)]
    pub helpers: String,
    /// Step 5: professionals and services (the care team and crisis lines are listed beside it).
    #[serde(default)]
    pub professionals: String,
    /// Step 6: making their surroundings safer, in their own words.
    #[serde(default)]
    pub safer_surroundings: String,
}

/// The plan's sections in the order of the Stanley-Brown safety plan, each with the name it
/// is printed under: one list for the screen's words and the printed page.
pub const PLAN_SECTIONS: &[(&str, &str)] = &[
    ("warningSigns", "My warning signs"),
    ("copingSteps", "Things I can do on my own"),
    ("distractions", "People and places that take my mind off it"),
    ("helpers", "People I can ask for help"),
    ("professionals", "Professionals and services I can contact"),
    ("saferSurroundings", "Making my surroundings safer"),
    ("reasons", "My reasons for recovery"),
    ("triggers", "My triggers"),
];

impl RecoveryPlan {
    /// The text of a section named in [`PLAN_SECTIONS`].
    pub fn section(&self, key: &str) -> &str {
        match key {
            "warningSigns" => &self.warning_signs,
            "copingSteps" => &self.coping_steps,
            "distractions" => &self.distractions,
            "helpers" => &self.helpers,
            "professionals" => &self.professionals,
            "saferSurroundings" => &self.safer_surroundings,
            "reasons" => &self.reasons,
            "triggers" => &self.triggers,
            _ => "",
        }
    }
}

pub const PLAN_TEXT_MAX: usize = 4000;

/// A contact's longest name, phone number and note, in characters.
pub const CONTACT_NAME_MAX: usize = 100;
pub const CONTACT_PHONE_MAX: usize = 40;
pub const CONTACT_NOTE_MAX: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ContactKind {
    /// Friends, family, a sponsor: people to reach out to.
    Support,
    /// Doctor, counsellor, clinic.
    Care,
    /// A crisis line the person or their provider added.
    Crisis,
}

impl ContactKind {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            ContactKind::Support => "support",
            ContactKind::Care => "care",
            ContactKind::Crisis => "crisis",
        }
    }
    pub(super) fn parse(s: &str) -> Self {
        match s {
            "care" => ContactKind::Care,
            "crisis" => ContactKind::Crisis,
            _ => ContactKind::Support,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ContactInput {
    pub kind: ContactKind,
    pub name: String,
    pub phone: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Contact {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub kind: ContactKind,
    pub name: String,
    pub phone: String,
    pub note: String,
}

/// The relapse-prevention plan with the person's contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PlanView {
    pub plan: RecoveryPlan,
    /// Every section of the plan in the safety plan's order, with its heading; the screens
    /// and the printed page show the ones written.
    pub sections: Vec<PlanSection>,
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PlanSection {
    /// The field of [`RecoveryPlan`] it is kept in.
    pub key: String,
    pub title: String,
    pub text: String,
}

impl PlanView {
    pub fn new(plan: RecoveryPlan, contacts: Vec<Contact>) -> PlanView {
        let sections = PLAN_SECTIONS
            .iter()
            .map(|(key, title)| PlanSection {
                key: (*key).to_owned(),
                title: (*title).to_owned(),
                text: plan.section(key).to_owned(),
            })
            .collect();
        PlanView {
            plan,
            sections,
            contacts,
        }
    }
}

/// Urge surfing: riding a craving out with a timer, rated at the start and at the end.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct UrgeSurfInput {
    #[cfg_attr(test, ts(type = "number | null"))]
    pub before: Option<i64>,
    #[cfg_attr(test, ts(type = "number | null"))]
    pub after: Option<i64>,
    /// Minutes the timer ran.
    #[cfg_attr(test, ts(type = "number | null"))]
    pub minutes: Option<i64>,
    pub context: String,
}

/// The plan for hard moments with the person's contacts.
pub(crate) fn plan_view(conn: &rusqlite::Connection) -> Result<PlanView> {
    Ok(PlanView::new(
        store::recovery_plan(conn)?,
        store::contacts(conn)?,
    ))
}

/// The plan as typed, each section checked.
pub(crate) fn checked_plan(input: &RecoveryPlan) -> Result<RecoveryPlan> {
    let text = |field, what, raw: &str| bounded_text(field, what, raw, PLAN_TEXT_MAX);
    Ok(RecoveryPlan {
        triggers: text("triggers", "your triggers", &input.triggers)?,
        warning_signs: text("warningSigns", "your warning signs", &input.warning_signs)?,
        coping_steps: text("copingSteps", "your coping steps", &input.coping_steps)?,
        reasons: text("reasons", "your reasons", &input.reasons)?,
        distractions: text(
            "distractions",
            "the people and places that take your mind off it",
            &input.distractions,
        )?,
        helpers: text("helpers", "the people you can ask", &input.helpers)?,
        professionals: text(
            "professionals",
            "the professionals and services",
            &input.professionals,
        )?,
        safer_surroundings: text(
            "saferSurroundings",
            "making your surroundings safer",
            &input.safer_surroundings,
        )?,
    })
}

/// A contact as typed, checked.
pub(crate) fn checked_contact(input: &ContactInput) -> Result<Contact> {
    let name = bounded_text("name", "the name", &input.name, CONTACT_NAME_MAX)?;
    if name.is_empty() {
        return Err(Error::invalid("name", "Please enter a name."));
    }
    let phone = bounded_text("phone", "the phone number", &input.phone, CONTACT_PHONE_MAX)?;
    if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().#*/".contains(c) || c.is_alphabetic())
    {
        return Err(Error::invalid(
            "phone",
            "Please enter the number with digits, spaces, +, - or brackets.",
        ));
    }
    Ok(Contact {
        id: 0,
        kind: input.kind,
        name,
        phone,
        note: bounded_text("note", "the note", &input.note, CONTACT_NOTE_MAX)?,
    })
}

/// A craving ridden out with the urge-surfing timer, as typed at `now`: it began the timer's
/// minutes before.
pub(crate) fn checked_surf(input: &UrgeSurfInput, now: DateTime<Utc>) -> Result<Craving> {
    let before = ranged(
        "before",
        "how strong it was at the start",
        input.before,
        0,
        10,
    )?;
    let after = ranged("after", "how strong it is now", input.after, 0, 10)?;
    let minutes = ranged("minutes", "the minutes", input.minutes, 1, 180)?;
    let context = bounded_text(
        "context",
        "the note on what was going on",
        &input.context,
        crate::model::craving::CONTEXT_MAX_CHARS,
    )?;
    Ok(Craving {
        at: now - Duration::minutes(minutes),
        intensity: before as u8,
        context,
        eased_to: Some(after as u8),
        surf_min: Some(minutes as u32),
    })
}

/// Saves a ridden-out craving in `tx`, on its local day in `zone`.
pub(crate) fn save_surf(
    tx: &rusqlite::Connection,
    craving: &Craving,
    zone: chrono_tz::Tz,
    now: i64,
) -> Result<CravingView> {
    let day = craving.at.with_timezone(&zone).date_naive().to_string();
    let id = crate::store::cravings::insert(tx, craving, zone.name(), &day, now)?;
    crate::store::cravings::get(tx, id)
}
