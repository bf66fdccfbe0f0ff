//! The journey's tables as the export and the import know them: doses, symptom checks and
//! their scores, taper plans and their holds, contacts and the plan for hard moments. Their
//! SQL is in [`super::store`]; their limits are the constants their validation uses.

use crate::store::table::{f, opt, Identity, Kind, Rule, UUID, ZONE};

/// The symptoms' keys, as stored.
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

/// A section of the plan for hard moments.
const PLAN: usize = super::PLAN_TEXT_MAX;

/// Doses.
pub(crate) const DOSES: Kind = Kind {
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
        f("note", "note", Rule::Text(super::DOSE_NOTE_MAX_CHARS)),
        f("recorded_at", "recordedAt", Rule::Time),
        f("updated_at", "updatedAt", Rule::Time),
    ],
    ..Kind::ENTRIES
};

/// Symptom checks.
pub(crate) const SYMPTOM_CHECKS: Kind = Kind {
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
    ..Kind::ENTRIES
};

/// The scores of a symptom check, one row per symptom.
pub(crate) const SYMPTOM_SCORES: Kind = Kind {
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
    order: "t.check_id, t.symptom",
    ..Kind::ENTRIES
};

/// Taper plans.
pub(crate) const TAPER_PLANS: Kind = Kind {
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
        f("note", "note", Rule::Text(super::TAPER_NOTE_MAX_CHARS)),
        opt("ended_on", "endedOn", Rule::Day),
        f("created_at", "createdAt", Rule::Time),
    ],
    in_range: None,
    ..Kind::ENTRIES
};

/// Holds of a taper plan.
pub(crate) const TAPER_HOLDS: Kind = Kind {
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
    ..Kind::ENTRIES
};

/// The people and services to call.
pub(crate) const CONTACTS: Kind = Kind {
    key: "contacts",
    table: "contacts",
    source: "contacts",
    label: "contacts",
    fields: &[
        UUID,
        f("kind", "kind", Rule::Choice(&["support", "care", "crisis"])),
        f("name", "name", Rule::Text(super::CONTACT_NAME_MAX)),
        f("phone", "phone", Rule::Text(super::CONTACT_PHONE_MAX)),
        f("note", "note", Rule::Text(super::CONTACT_NOTE_MAX)),
        f("updated_at", "updatedAt", Rule::Time),
    ],
    in_range: None,
    ..Kind::ENTRIES
};

/// The plan for hard moments: one row, made by the migrations.
pub(crate) const HARD_MOMENTS_PLAN: Kind = Kind {
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
    ..Kind::ENTRIES
};

#[cfg(test)]
mod tests {
    use super::super::symptoms::Symptom;

    #[test]
    fn the_symptom_keys_are_the_symptoms() {
        let keys: Vec<&str> = Symptom::ALL.iter().map(|s| s.key()).collect();
        let mut listed = super::SYMPTOMS.to_vec();
        let mut all = keys.clone();
        listed.sort_unstable();
        all.sort_unstable();
        assert_eq!(listed, all);
    }
}
