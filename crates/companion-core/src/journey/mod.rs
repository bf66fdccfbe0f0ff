//! The detox journey: doses and the timeline since the last one, withdrawal symptoms, a
//! clinician's taper plan, the relapse-prevention plan with the person's contacts, urge
//! surfing, crisis lines by region, and prompts to seek help. Pure rules live in the child
//! modules (`timeline`, `symptoms`, `taper`, `prompts`) and the SQL in `store`; the use cases,
//! as functions of a connection and the moment that the façade (`facade/`) hands them, and
//! the types that cross IPC live in a module each (`doses`, `symptom_checks`, `taper_input`,
//! `taper_plans`, `plan`, `help_view`). This file keeps what they share.

mod doses;
mod help_view;
pub(crate) mod kinds;
mod plan;
pub mod prompts;
pub(crate) mod store;
mod symptom_checks;
pub mod symptoms;
pub mod taper;
mod taper_input;
mod taper_plans;
pub mod timeline;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::charts::{self, ChartView, Theme};
use crate::error::{Error, Result};
use crate::model::craving::{Craving, CravingView};
use crate::model::{
    bounded_text, check_day, fmt_local, parse_at, parse_day, ranged, resolve_local, to_local,
};
use crate::store::settings::get as setting;
pub use prompts::HelpPrompt;
pub use symptoms::{Symptom, SymptomInput, SymptomScore};
pub use taper::{Step, StepKind};
pub use timeline::Phase;

pub use doses::*;
pub use help_view::*;
pub use plan::*;
pub use symptom_checks::*;
pub use taper_plans::*;

/// The most a single dose may be, in grams or capsules: more is surely a typing slip.
pub const MAX_DOSE_G: f64 = 500.0;
/// The longest note on a dose, in characters.
pub const DOSE_NOTE_MAX_CHARS: usize = 1000;
/// The longest note on a taper plan, in characters.
pub const TAPER_NOTE_MAX_CHARS: usize = 2000;

/// A positive amount of grams (or capsules) as thousandths, at most `max`.
fn milli(field: &'static str, what: &str, value: Option<f64>, max: f64) -> Result<u32> {
    let v = value.ok_or_else(|| Error::invalid(field, format!("Please enter {what}.")))?;
    if !v.is_finite() || v <= 0.0 {
        return Err(Error::invalid(
            field,
            format!("Please enter {what} above zero."),
        ));
    }
    if v > max {
        return Err(Error::invalid(
            field,
            format!("That is more than {max} for {what}. Please check the number."),
        ));
    }
    // Below a milligram cannot be weighed; refuse rather than store zero.
    let m = (v * 1000.0).round();
    if m < 1.0 {
        return Err(Error::invalid(
            field,
            format!("Please enter {what} of at least 0.001."),
        ));
    }
    Ok(m as u32)
}
