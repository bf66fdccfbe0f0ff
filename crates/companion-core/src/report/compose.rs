//! The clinician report's pages: each section the person can choose, in its own function,
//! in the order the report reads. `compose` lays them out one after the other; what a
//! section says comes from [`Content`], gathered beforehand.

use chrono::NaiveDate;

use super::content::{hours, long, mean, ninth_answer, short, Content};
use super::pdf::{Align, Column, Layout};
use super::FOOTER_NOTE;
use crate::error::Result;
use crate::journey::taper::grams;

/// The report as a PDF, and its number of pages.
pub(super) fn compose(c: &Content) -> Result<(Vec<u8>, usize)> {
    let mut l = Layout::new()?;

    intro(&mut l, c);
    at_a_glance(&mut l, c);
    taper_plan(&mut l, c);
    day_by_day(&mut l, c);
    strong_symptoms(&mut l, c);
    sleep_by_week(&mut l, c);
    urge_surfing(&mut l, c);
    checkups(&mut l, c);
    charts(&mut l, c)?;
    prompts(&mut l, c);
    plan(&mut l, c);
    notes(&mut l, c);
    let footer = format!(
        "{} to {} · made {} · {FOOTER_NOTE}",
        long(c.from),
        long(c.to),
        long(c.made)
    );
    l.finish(
        &format!(
            "Summary for my clinician, {} to {}",
            long(c.from),
            long(c.to)
        ),
        &footer,
    )
}

/// A table column.
fn col(head: &'static str, share: f32, align: Align) -> Column {
    Column { head, share, align }
}

/// The title, the period and what a blank means.
fn intro(l: &mut Layout, c: &Content) {
    let days = c.days.len();
    l.title("Summary for my clinician");
    l.paragraph(&format!(
        "From my recovery diary: {} to {} ({days} day{}). Made on {}.",
        long(c.from),
        long(c.to),
        if days == 1 { "" } else { "s" },
        long(c.made)
    ));
    l.note("I chose what this report shows. Each figure comes from my own entries; a blank means nothing was entered that day, not zero.");
}

/// At a glance: one sentence per chosen section.
fn at_a_glance(l: &mut Layout, c: &Content) {
    let s = c.sections;
    let days = c.days.len();
    let mut glance = vec![];
    if s.mood {
        let moods: Vec<f64> = c.days.iter().filter_map(|d| d.mood_avg).collect();
        if let Some(avg) = mean(moods.iter().copied()) {
            glance.push(format!(
                "Mood was entered on {} of {days} days, averaging {avg:.1} of 10 (lowest day {:.1}).",
                moods.len(),
                moods.iter().copied().fold(f64::INFINITY, f64::min)
            ));
        }
    }
    if s.cravings {
        let with: Vec<u8> = c.days.iter().filter_map(|d| d.craving_max).collect();
        if let Some(avg) = mean(with.iter().map(|&v| f64::from(v))) {
            glance.push(format!(
                "Cravings were rated on {} days; the strongest each day averaged {avg:.1} of 10. {} cravings were logged on their own, {} of them ridden out with urge surfing.",
                with.len(),
                c.days.iter().map(|d| d.cravings_logged).sum::<u32>(),
                c.surfs.len()
            ));
        }
    }
    if s.sleep {
        let nights: u32 = c.weeks.iter().map(|w| w.nights).sum();
        if nights > 0 {
            let tst = c
                .weeks
                .iter()
                .map(|w| w.total_min * f64::from(w.nights))
                .sum::<f64>()
                / f64::from(nights);
            glance.push(format!(
                "The sleep diary was kept for {nights} nights, with {} of sleep on average.",
                hours(tst)
            ));
        }
    }
    if s.checkups {
        for inst in [
            crate::checkups::Instrument::Phq9,
            crate::checkups::Instrument::Gad7,
        ] {
            if let Some(last) = c.checkups.iter().rev().find(|x| x.instrument == inst) {
                glance.push(format!(
                    "Latest {}: {} of {} on {} ({}).",
                    last.name,
                    last.total,
                    last.max_score,
                    last.day.parse().map(short).unwrap_or_default(),
                    last.band.name
                ));
            }
        }
    }
    if s.prompts && !c.prompts.is_empty() {
        glance.push(format!(
            "The app suggested reaching out for help {} time{} (see below).",
            c.prompts.len(),
            if c.prompts.len() == 1 { "" } else { "s" }
        ));
    }
    if !glance.is_empty() {
        l.heading("At a glance");
        for g in &glance {
            l.bullet(g);
        }
    }
}

/// The taper plan in words.
fn taper_plan(l: &mut Layout, c: &Content) {
    let s = c.sections;
    if s.taper {
        l.heading("Taper plan");
        for w in &c.taper_words {
            l.paragraph(w);
        }
    }
}

/// Day by day: the columns of the chosen sections.
fn day_by_day(l: &mut Layout, c: &Content) {
    let s = c.sections;
    let mut columns = vec![Column {
        head: "Day",
        share: 1.25,
        align: Align::Left,
    }];
    if s.taper {
        columns.push(col("Planned", 0.9, Align::Right));
        columns.push(col("Logged", 0.9, Align::Right));
        columns.push(col("Compared", 1.2, Align::Left));
    }
    if s.symptoms {
        columns.push(col("Symptom score", 0.9, Align::Right));
        columns.push(col("Days since step-down", 0.9, Align::Right));
    }
    if s.cravings {
        columns.push(col("Strongest craving", 0.95, Align::Right));
        columns.push(col("Cravings logged", 0.85, Align::Right));
    }
    if s.mood {
        columns.push(col("Mood", 0.7, Align::Right));
    }
    if s.sleep {
        columns.push(col("Sleep", 0.95, Align::Right));
    }
    if columns.len() > 1 {
        let rows: Vec<Vec<String>> = c
            .days
            .iter()
            .filter_map(|d| {
                let mut r = vec![d.day.format("%a %-d %b").to_string()];
                if s.taper {
                    r.push(mg(d.planned_mg));
                    r.push(mg(d.taken_mg));
                    r.push(d.compared.map(|c| c.cell()).unwrap_or_default());
                }
                if s.symptoms {
                    r.push(
                        d.symptom_total
                            .map(|t| format!("{t} of {}", crate::journey::symptoms::max_total()))
                            .unwrap_or_default(),
                    );
                    r.push(d.since_step_down.map(|n| n.to_string()).unwrap_or_default());
                }
                if s.cravings {
                    r.push(
                        d.craving_max
                            .map(|v| format!("{v} of 10"))
                            .unwrap_or_default(),
                    );
                    r.push(match d.cravings_logged {
                        0 => String::new(),
                        n => n.to_string(),
                    });
                }
                if s.mood {
                    r.push(one(d.mood_avg));
                }
                if s.sleep {
                    r.push(d.sleep_min.map(|m| hours(f64::from(m))).unwrap_or_default());
                }
                // A day with nothing entered in any chosen part is left out.
                r[1..].iter().any(|cell| !cell.is_empty()).then_some(r)
            })
            .collect();
        l.heading("Day by day");
        if rows.is_empty() {
            l.paragraph("Nothing was entered for these parts in this period.");
        }
        l.note(&format!("Mood is the day's average of 0 (very low) to 10 (very good). The symptom score adds the day's ratings of {} withdrawal symptoms (each 0–4). Sleep is the time asleep in the night that ended that morning. Days with nothing entered are left out.", crate::journey::Symptom::ALL.len()));
        if !rows.is_empty() {
            l.table(&columns, &rows);
        }
    }
}

/// Per symptom, the days it was strong: a clinician sees the pattern at a glance.
fn strong_symptoms(l: &mut Layout, c: &Content) {
    let s = c.sections;
    if s.symptoms {
        // Per symptom, the days it was strong: a clinician sees the pattern at a glance.
        let mut strong: Vec<(&str, Vec<NaiveDate>)> = vec![];
        for d in &c.days {
            for name in &d.strong_symptoms {
                match strong.iter_mut().find(|(n, _)| n == name) {
                    Some((_, days)) => days.push(d.day),
                    None => strong.push((name, vec![d.day])),
                }
            }
        }
        if !strong.is_empty() {
            l.subheading("Symptoms rated strong or severe (3 or 4 of 4)");
            for (name, days) in &strong {
                l.bullet(&format!(
                    "{}{}: {} ({} day{})",
                    name.get(..1).unwrap_or_default().to_uppercase(),
                    name.get(1..).unwrap_or_default(),
                    day_list(days),
                    days.len(),
                    if days.len() == 1 { "" } else { "s" }
                ));
            }
        }
    }
}

/// The sleep diary, a row a week.
fn sleep_by_week(l: &mut Layout, c: &Content) {
    let s = c.sections;
    if s.sleep {
        l.heading("Sleep diary by week");
        if c.weeks.is_empty() {
            l.paragraph("No sleep diary was kept in this period.");
        } else {
            let rows: Vec<Vec<String>> = c
                .weeks
                .iter()
                .map(|w| {
                    vec![
                        format!("{} – {}", short(w.from), short(w.to)),
                        w.nights.to_string(),
                        format!("{:.0} min", w.latency_min),
                        format!("{:.0} min", w.awake_min),
                        hours(w.total_min),
                        format!("{:.0} %", w.efficiency_pct),
                    ]
                })
                .collect();
            l.table(
                &[
                    col("Week", 1.3, Align::Left),
                    col("Nights", 0.6, Align::Right),
                    col("Time to fall asleep", 1.0, Align::Right),
                    col("Awake after falling asleep", 1.1, Align::Right),
                    col("Total sleep", 1.0, Align::Right),
                    col("Sleep efficiency", 0.9, Align::Right),
                ],
                &rows,
            );
            l.note("Means over the nights entered. Sleep efficiency is the time asleep as a share of the time in bed.");
        }
    }
}

/// The cravings ridden out with the urge-surfing timer.
fn urge_surfing(l: &mut Layout, c: &Content) {
    let s = c.sections;
    if s.cravings && !c.surfs.is_empty() {
        l.heading("Urge surfing");
        l.paragraph(&format!(
            "{} craving{} ridden out with the urge-surfing timer: on average from {:.1} to {:.1} of 10.",
            c.surfs.len(),
            if c.surfs.len() == 1 { " was" } else { "s were" },
            mean(c.surfs.iter().map(|u| f64::from(u.before))).unwrap_or(0.0),
            mean(c.surfs.iter().map(|u| f64::from(u.after))).unwrap_or(0.0),
        ));
        let rows: Vec<Vec<String>> = c
            .surfs
            .iter()
            .map(|u| {
                vec![
                    u.at.replace('T', " "),
                    format!("{} of 10", u.before),
                    format!("{} of 10", u.after),
                    u.minutes.map(|m| format!("{m} min")).unwrap_or_default(),
                ]
            })
            .collect();
        l.table(
            &[
                col("When", 1.4, Align::Left),
                col("Craving at the start", 1.0, Align::Right),
                col("At the end", 1.0, Align::Right),
                col("Timer", 0.8, Align::Right),
            ],
            &rows,
        );
    }
}

/// The PHQ-9 and GAD-7 taken in the period.
fn checkups(l: &mut Layout, c: &Content) {
    let s = c.sections;
    if s.checkups {
        l.heading("Mood and anxiety check-ups (PHQ-9, GAD-7)");
        if c.checkups.is_empty() {
            l.paragraph("No check-up was taken in this period.");
        } else {
            let rows: Vec<Vec<String>> = c
                .checkups
                .iter()
                .map(|x| {
                    vec![
                        x.at.replace('T', " "),
                        x.name.clone(),
                        format!("{} of {}", x.total, x.max_score),
                        x.band.name.to_owned(),
                        ninth_answer(x).unwrap_or_default(),
                    ]
                })
                .collect();
            l.table(
                &[
                    col("Taken", 1.2, Align::Left),
                    col("Questionnaire", 1.2, Align::Left),
                    col("Score", 0.7, Align::Right),
                    col("Band", 1.1, Align::Left),
                    col("Note", 1.6, Align::Left),
                ],
                &rows,
            );
            l.note(crate::checkups::NOT_A_DIAGNOSIS);
        }
    }
}

/// The charts chosen, each with its facts in words.
fn charts(l: &mut Layout, c: &Content) -> Result<()> {
    if !c.charts.is_empty() {
        l.heading("Charts");
        for chart in &c.charts {
            l.subheading(&chart.title);
            l.svg(&chart.svg)?;
            l.note(&chart.desc);
        }
    }
    Ok(())
}

/// The suggestions to reach out that the app showed, with why.
fn prompts(l: &mut Layout, c: &Content) {
    let s = c.sections;
    if s.prompts {
        l.heading("Suggestions to reach out that the app showed");
        if c.prompts.is_empty() {
            l.paragraph("None in this period.");
        }
        for p in &c.prompts {
            let when = if p.first == p.last {
                format!("On {}", short(p.first))
            } else {
                format!(
                    "From {} to {} ({} days)",
                    short(p.first),
                    short(p.last),
                    p.days
                )
            };
            l.bullet(&format!(
                "{when}: {} Why: {}",
                p.prompt.message, p.prompt.basis
            ));
        }
    }
}

/// The plan for hard moments, as written.
fn plan(l: &mut Layout, c: &Content) {
    let s = c.sections;
    if s.plan {
        l.heading("My plan for hard moments");
        if c.plan.is_empty() {
            l.paragraph("Not written yet.");
        }
        for section in &c.plan {
            l.subheading(&section.title);
            l.paragraph(&section.text);
        }
    }
}

/// The person's notes, only when they chose to include them.
fn notes(l: &mut Layout, c: &Content) {
    let s = c.sections;
    if s.notes {
        l.heading("My notes");
        if c.notes.is_empty() {
            l.paragraph("No notes in this period.");
        }
        for (day, text) in &c.notes {
            l.subheading(&day.format("%a %-d %b").to_string());
            l.paragraph(text);
        }
    }
}

/// "1, 2, 6 Oct; 3 Nov": days grouped by month.
fn day_list(days: &[NaiveDate]) -> String {
    let mut groups: Vec<(String, Vec<String>)> = vec![];
    for d in days {
        let month = d.format("%b").to_string();
        match groups.last_mut() {
            Some((m, list)) if *m == month => list.push(d.format("%-d").to_string()),
            _ => groups.push((month, vec![d.format("%-d").to_string()])),
        }
    }
    groups
        .into_iter()
        .map(|(m, list)| format!("{} {m}", list.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn mg(v: Option<u32>) -> String {
    v.map(grams).unwrap_or_default()
}

fn one(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.1}")).unwrap_or_default()
}
