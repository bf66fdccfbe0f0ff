//! The report's figures as CSV, for a clinic's spreadsheet or system.

use super::content::Content;
use crate::error::{Error, Result};

/// One figure: date, measure, value, unit, detail.
type Row = [String; 5];

/// The rows of one part of the report.
#[derive(Default)]
struct Rows(Vec<Row>);

impl Rows {
    fn put(&mut self, date: String, measure: &str, value: String, unit: &str, detail: &str) {
        self.0
            .push([date, measure.into(), value, unit.into(), detail.into()]);
    }
}

/// The report's figures in long form (one figure a row: date, measure, value, unit, detail),
/// which any spreadsheet or clinic system reads, part by part as the person chose them.
/// Notes are never in it.
pub(super) fn figures_csv(c: &Content) -> Result<String> {
    let s = c.sections;
    let mut rows = days(c);
    for (chosen, part) in [
        (s.sleep, sleep_weeks as fn(&Content) -> Rows),
        (s.cravings, urge_surfs),
        (s.checkups, checkups),
        (s.prompts, prompts),
    ] {
        if chosen {
            rows.0.extend(part(c).0);
        }
    }
    let csv_err = |e: csv::Error| Error::Chart(format!("CSV: {e}"));
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record(["date", "measure", "value", "unit", "detail"])
        .map_err(csv_err)?;
    for row in &rows.0 {
        w.write_record(row).map_err(csv_err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::Chart(format!("CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::Chart(format!("CSV: {e}")))
}

/// Day by day: the taper, symptoms, cravings and mood of each day, as chosen.
fn days(c: &Content) -> Rows {
    let mut out = Rows::default();
    let mut put = |date: String, measure: &str, value: String, unit: &str, detail: &str| {
        out.put(date, measure, value, unit, detail)
    };
    let s = c.sections;
    for d in &c.days {
        let day = d.day.to_string();
        if s.taper {
            if let Some(p) = d.planned_mg {
                put(day.clone(), "taper_planned", p.to_string(), "mg", "");
                put(
                    day.clone(),
                    "taper_logged",
                    d.taken_mg.map(|v| v.to_string()).unwrap_or_default(),
                    "mg",
                    d.compared.map(|c| c.words()).unwrap_or(""),
                );
            }
        }
        if s.symptoms {
            if let Some(t) = d.symptom_total {
                put(
                    day.clone(),
                    "withdrawal_score",
                    t.to_string(),
                    "points",
                    &format!("of {}", crate::journey::symptoms::max_total()),
                );
            }
            if let Some(n) = d.since_step_down {
                put(
                    day.clone(),
                    "days_since_step_down",
                    n.to_string(),
                    "days",
                    "",
                );
            }
        }
        if s.cravings {
            if let Some(m) = d.craving_max {
                put(day.clone(), "craving_strongest", m.to_string(), "0-10", "");
            }
            if d.cravings_logged > 0 {
                put(
                    day.clone(),
                    "cravings_logged",
                    d.cravings_logged.to_string(),
                    "count",
                    "",
                );
            }
        }
        if s.mood {
            if let Some(m) = d.mood_avg {
                put(day.clone(), "mood_mean", format!("{m:.1}"), "0-10", "");
            }
        }
    }
    out
}

/// The sleep diary, a row a measure a week.
fn sleep_weeks(c: &Content) -> Rows {
    let mut out = Rows::default();
    let mut put = |date: String, measure: &str, value: String, unit: &str, detail: &str| {
        out.put(date, measure, value, unit, detail)
    };
    for wk in &c.weeks {
        let (day, detail) = (
            wk.from.to_string(),
            format!("week to {}, {} nights", wk.to, wk.nights),
        );
        put(
            day.clone(),
            "sleep_onset_latency",
            format!("{:.0}", wk.latency_min),
            "min",
            &detail,
        );
        put(
            day.clone(),
            "wake_after_sleep_onset",
            format!("{:.0}", wk.awake_min),
            "min",
            &detail,
        );
        put(
            day.clone(),
            "total_sleep_time",
            format!("{:.0}", wk.total_min),
            "min",
            &detail,
        );
        put(
            day,
            "sleep_efficiency",
            format!("{:.1}", wk.efficiency_pct),
            "%",
            &detail,
        );
    }
    out
}

/// Each craving ridden out with the urge-surfing timer.
fn urge_surfs(c: &Content) -> Rows {
    let mut out = Rows::default();
    let mut put = |date: String, measure: &str, value: String, unit: &str, detail: &str| {
        out.put(date, measure, value, unit, detail)
    };
    for u in &c.surfs {
        put(
            u.at.replace('T', " "),
            "urge_surf_end",
            u.after.to_string(),
            "0-10",
            &format!("from {}", u.before),
        );
    }
    out
}

/// Each check-up's total, and the PHQ-9's ninth answer.
fn checkups(c: &Content) -> Rows {
    let mut out = Rows::default();
    let mut put = |date: String, measure: &str, value: String, unit: &str, detail: &str| {
        out.put(date, measure, value, unit, detail)
    };
    for x in &c.checkups {
        let measure = match x.instrument {
            crate::checkups::Instrument::Phq9 => "phq9_total",
            crate::checkups::Instrument::Gad7 => "gad7_total",
            crate::checkups::Instrument::Phq2 => "phq2_total",
            crate::checkups::Instrument::Gad2 => "gad2_total",
        };
        put(
            x.at.replace('T', " "),
            measure,
            x.total.to_string(),
            "points",
            x.band.name,
        );
        if let Some(a) = x.answers.get(8).filter(|_| measure == "phq9_total") {
            put(
                x.at.replace('T', " "),
                "phq9_item9",
                a.to_string(),
                "0-3",
                "",
            );
        }
    }
    out
}

/// The suggestions to reach out, with the days they were shown.
fn prompts(c: &Content) -> Rows {
    let mut out = Rows::default();
    let mut put = |date: String, measure: &str, value: String, unit: &str, detail: &str| {
        out.put(date, measure, value, unit, detail)
    };
    for p in &c.prompts {
        put(
            p.first.to_string(),
            "help_prompt",
            p.days.to_string(),
            "days shown",
            &p.prompt.id,
        );
    }
    out
}
