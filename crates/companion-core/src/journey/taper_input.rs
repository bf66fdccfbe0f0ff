//! A taper plan as the form sends it, checked field by field into the generator's rule:
//! every refusal names its field and says what would work.

use super::*;

/// Validates a taper plan, on `today`, into its rule, start day and doses per day.
pub(super) fn taper_rule(
    conn: &rusqlite::Connection,
    today: NaiveDate,
    input: &TaperInput,
) -> Result<(NaiveDate, taper::TaperRule, Option<u32>, String)> {
    let start_day = parse_day("startDay", &input.start_day)?;
    // A plan may reach back to the first logged dose, so its days can be compared.
    let first_dose = store::first_dose_day(conn)?;
    let earliest = first_dose
        .map_or(today, |d| d.min(today))
        .max(today - Duration::days(30));
    if start_day < earliest {
        return Err(Error::invalid(
            "startDay",
            if earliest == today {
                "A plan can start today or later; there are no logged doses before today to compare it with.".to_owned()
            } else {
                format!(
                    "A plan can start at the earliest on {}: from your first logged dose, and at most 30 days back. Please pick that day or a later one.",
                    earliest.format("%-d %B")
                )
            },
        ));
    }
    if start_day > today + Duration::days(60) {
        return Err(Error::invalid(
            "startDay",
            "A plan can start at most 60 days ahead. Please pick an earlier day.",
        ));
    }
    let rounding = milli(
        "roundingGrams",
        "the smallest amount you can measure",
        input.rounding_grams,
        10.0,
    )?;
    let unit = taper::grams(rounding);
    let on_grid = |field: &'static str, what: &str, mg: u32| {
        if mg.is_multiple_of(rounding) {
            Ok(mg)
        } else {
            Err(Error::invalid(
                field,
                format!("Please enter {what} you can measure: a multiple of {unit}."),
            ))
        }
    };
    let start_mg = milli(
        "startGrams",
        "the starting amount per day",
        input.start_grams,
        MAX_DOSE_G,
    )?;
    let start_mg = on_grid("startGrams", "a starting amount", start_mg)?;
    let target_mg = match input.target_grams {
        Some(0.0) => 0,
        t => milli("targetGrams", "the target per day", t, MAX_DOSE_G)?,
    };
    let target_mg = on_grid("targetGrams", "a target", target_mg)?;
    if target_mg >= start_mg {
        return Err(Error::invalid(
            "targetGrams",
            "The target needs to be less than the starting amount.",
        ));
    }
    let value = match input.step_kind {
        StepKind::Percent => {
            let v = input.step_value.map(|v| v.round() as i64);
            ranged("stepValue", "the percentage per step", v, 1, 50)? as u32
        }
        StepKind::Amount => milli(
            "stepValue",
            "the amount per step",
            input.step_value,
            MAX_DOSE_G,
        )?,
    };
    let days = ranged(
        "daysPerStep",
        "the days per step",
        input.days_per_step,
        1,
        90,
    )? as u32;
    let end_mg = match input.end_grams {
        None | Some(0.0) => 0,
        e => milli(
            "endGrams",
            "the amount the last step starts from",
            e,
            MAX_DOSE_G,
        )?,
    };
    if end_mg >= start_mg {
        return Err(Error::invalid(
            "endGrams",
            "The last step needs to start below the starting amount.",
        ));
    }
    if input.step_kind == StepKind::Percent && target_mg == 0 && end_mg == 0 {
        return Err(Error::invalid(
            "endGrams",
            "A percentage step never reaches zero by itself. Please enter the amount from which the last step goes to zero, for example 0.5 g.",
        ));
    }
    let final_phase = match (input.final_below_grams, input.final_step_grams) {
        (None, None) => None,
        (below, step) => {
            let below_mg = milli(
                "finalBelowGrams",
                "the amount the final phase starts from",
                below,
                MAX_DOSE_G,
            )?;
            let step_mg = milli("finalStepGrams", "the final phase's step", step, MAX_DOSE_G)?;
            if below_mg <= target_mg {
                return Err(Error::invalid(
                    "finalBelowGrams",
                    "The final phase needs to start above the target.",
                ));
            }
            Some(taper::FinalPhase { below_mg, step_mg })
        }
    };
    let per_day = match input.doses_per_day {
        None => None,
        some => Some(ranged("dosesPerDay", "the doses per day", some, 1, 12)? as u32),
    };
    let note = bounded_text("note", "the note", &input.note, TAPER_NOTE_MAX_CHARS)?;
    let rule = taper::TaperRule {
        start_mg,
        target_mg,
        kind: input.step_kind,
        value,
        days_per_step: days,
        rounding_mg: rounding,
        end_mg,
        final_phase,
    };
    Ok((start_day, rule, per_day, note))
}
