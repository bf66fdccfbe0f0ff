//! The detox charts: symptoms by detox day, and a taper plan against the doses logged.

use chrono::NaiveDate;
use plotters::prelude::*;

use super::{
    chart_err, day_label, house_axes, house_mesh, house_plot, runs, svg, whole, with_legend,
    ChartView, Mark, Theme,
};
use crate::error::Result;

/// What the symptom chart counts its days from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DaysFrom {
    LastDose,
    StepDown,
}

/// One symptom check on the chart: its day (1 = the start), its tally, and the scores of the
/// symptoms drawn, in the order of their names.
#[derive(Debug, Clone, PartialEq)]
pub struct SymptomPoint {
    pub day: u32,
    pub tally: u32,
    pub scores: Vec<Option<u8>>,
}

/// A day of the taper chart: what the plan says and what was logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaperBar {
    pub day: NaiveDate,
    pub planned_mg: u32,
    pub taken_mg: Option<u32>,
}

fn grams(mg: f64) -> String {
    let g = mg / 1000.0;
    if (g - g.round()).abs() < 1e-9 {
        format!("{g:.0} g")
    } else {
        format!("{}", (g * 100.0).round() / 100.0) + " g"
    }
}

/// The total score as bars and up to three chosen symptoms as lines, by day since `start`: the
/// last dose (detox day) or the taper's last step down. Each point comes with its day.
#[allow(clippy::too_many_arguments)]
pub fn symptoms(
    points: &[SymptomPoint],
    names: &[&str],
    max_tally: u32,
    from: DaysFrom,
    start: Option<NaiveDate>,
    checks: usize,
    theme: Theme,
) -> Result<ChartView> {
    let (title, since) = match from {
        DaysFrom::LastDose => ("Symptoms by detox day", "the dose on"),
        DaysFrom::StepDown => ("Symptoms since the last step down", "the step down on"),
    };
    let title = title.to_owned();
    let names = &names[..names.len().min(3)];
    let (Some(first), Some(last), Some(start)) = (points.first(), points.last(), start) else {
        return Ok(ChartView::empty(title, match (checks, from) {
                (0, _) => "No symptom checks yet.",
                (_, DaysFrom::LastDose) => "Symptoms are drawn by days since the last dose. Log your last dose to see them here.",
                (_, DaysFrom::StepDown) => "Symptoms are drawn by days since your taper plan last lowered the amount. Checks made after a step down show here.",
            }));
    };
    let (first, last) = (first.day, last.day);
    let highest = points.iter().map(|p| p.tally).max().unwrap_or(0);
    let peak_day = points
        .iter()
        .find(|p| p.tally == highest)
        .map_or(first, |p| p.day);
    let latest = points.last().map_or(0, |p| p.tally);
    let desc = format!(
        "{} symptom checks since {since} {}, from day {first} to day {last}. Your tally (0–{}) was highest on day {peak_day} at {highest}, and {latest} at the latest check. Also drawn: {}.",
        points.len(),
        start.format("%-d %B %Y"),
        max_tally,
        names.join(", ")
    );
    let x_max = f64::from(last.max(7)) + 1.0;
    let y_top = (f64::from(highest) / 8.0).ceil().max(2.0) * 8.0;
    let svg = svg(&title, &desc, theme, |root, p| {
        let marks = [Mark::Line(p.a), Mark::Dashed(p.b), Mark::Cross(p.text)];
        let mut legend: Vec<(Mark, String)> = vec![(Mark::Bar(p.c), "Your tally".to_owned())];
        for (i, name) in names.iter().enumerate() {
            legend.push((marks[i], format!("{name} (0–4, right axis)")));
        }
        let items: Vec<(Mark, &str)> = legend.iter().map(|(m, l)| (*m, l.as_str())).collect();
        let plot = with_legend(root, p, &items)?;
        let mut chart = house_plot(&plot, 48, true, 0.5..x_max, 0.0..y_top)?
            .set_secondary_coord(0.5..x_max, 0.0..4.2);
        house_mesh(&mut chart.configure_mesh(), p)
            .x_labels(((x_max - 0.5) as usize).min(15))
            .x_label_formatter(&|x: &f64| {
                if (x - x.round()).abs() < 1e-6 {
                    format!("Day {:.0}", x)
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&whole)
            .y_desc("Your tally")
            .draw()
            .map_err(chart_err)?;
        house_axes(&mut chart.configure_secondary_axes(), p)
            .y_labels(5)
            .y_label_formatter(&whole)
            .y_desc("Symptom (0–4)")
            .draw()
            .map_err(chart_err)?;
        let c = p.c;
        chart
            .draw_series(points.iter().map(|pt| {
                let x = f64::from(pt.day);
                Rectangle::new([(x - 0.3, 0.0), (x + 0.3, f64::from(pt.tally))], c.filled())
            }))
            .map_err(chart_err)?;
        for (i, mark) in marks.iter().enumerate().take(names.len()) {
            let series: Vec<(f64, Option<f64>)> = points
                .iter()
                .filter_map(|pt| {
                    let score = (*pt.scores.get(i)?)?;
                    Some((f64::from(pt.day), Some(f64::from(score))))
                })
                .collect();
            let colour = match *mark {
                Mark::Line(c) | Mark::Dashed(c) | Mark::Cross(c) => c,
                _ => p.text,
            };
            for run in runs(series.iter().copied()) {
                match i {
                    0 => {
                        chart
                            .draw_secondary_series(LineSeries::new(
                                run.clone(),
                                colour.stroke_width(3),
                            ))
                            .map_err(chart_err)?;
                        chart
                            .draw_secondary_series(
                                run.iter().map(|&pt| Circle::new(pt, 4, colour.filled())),
                            )
                            .map_err(chart_err)?;
                    }
                    1 => {
                        chart
                            .draw_secondary_series(DashedLineSeries::new(
                                run.clone(),
                                6,
                                4,
                                colour.stroke_width(2),
                            ))
                            .map_err(chart_err)?;
                        chart
                            .draw_secondary_series(
                                run.iter()
                                    .map(|&pt| TriangleMarker::new(pt, 5, colour.filled())),
                            )
                            .map_err(chart_err)?;
                    }
                    _ => {
                        chart
                            .draw_secondary_series(
                                run.iter()
                                    .map(|&pt| Cross::new(pt, 5, colour.stroke_width(2))),
                            )
                            .map_err(chart_err)?;
                    }
                }
            }
        }
        Ok(())
    })?;
    Ok(ChartView {
        title,
        desc,
        svg: Some(svg),
    })
}

/// The plan's amount per day as a stepped line, and the doses logged as bars.
pub fn taper(days: &[TaperBar], today: NaiveDate, theme: Theme) -> Result<ChartView> {
    let title = "Taper plan and doses logged".to_owned();
    let parsed: Vec<(NaiveDate, &TaperBar)> = days.iter().map(|d| (d.day, d)).collect();
    let (Some(&(from, _)), Some(&(to, _))) = (parsed.first(), parsed.last()) else {
        return Ok(ChartView::empty(title, "No taper plan yet."));
    };
    let past: Vec<&TaperBar> = parsed
        .iter()
        .filter(|(d, _)| *d <= today)
        .map(|(_, d)| *d)
        .collect();
    let logged = past.iter().filter(|d| d.taken_mg.is_some()).count();
    let over = past
        .iter()
        .filter(|d| d.taken_mg.is_some_and(|t| t > d.planned_mg))
        .count();
    let desc = format!(
        "The plan from {} to {}: {} on the first day, {} on the last. Doses were logged on {logged} of the {} days so far; {over} of them were above the plan.",
        from.format("%-d %B %Y"),
        to.format("%-d %B %Y"),
        grams(f64::from(parsed[0].1.planned_mg)),
        grams(f64::from(parsed[parsed.len() - 1].1.planned_mg)),
        past.len(),
    );
    let n = parsed.len();
    let top = parsed
        .iter()
        .map(|(_, d)| d.planned_mg.max(d.taken_mg.unwrap_or(0)))
        .max()
        .unwrap_or(1000);
    let top = (f64::from(top) / 1000.0).ceil().max(1.0) * 1000.0 * 1.1;
    let today_x = (today - from).num_days() as f64;
    let svg = svg(&title, &desc, theme, |root, p| {
        let plot = with_legend(
            root,
            p,
            &[
                (Mark::Line(p.a), "Planned per day"),
                (Mark::Bar(p.b), "Logged per day"),
                (Mark::Dashed(p.text), "Today"),
            ],
        )?;
        let mut chart = house_plot(&plot, 56, false, 0.0..n as f64, 0.0..top)?;
        house_mesh(&mut chart.configure_mesh(), p)
            .x_labels(7)
            .x_label_formatter(&day_label(from, n))
            .y_label_formatter(&|v: &f64| grams(*v))
            .y_desc("Amount per day")
            .draw()
            .map_err(chart_err)?;
        let b = p.b;
        chart
            .draw_series(parsed.iter().enumerate().filter_map(|(i, (_, d))| {
                let x = i as f64;
                Some(Rectangle::new(
                    [(x + 0.2, 0.0), (x + 0.8, f64::from(d.taken_mg?))],
                    b.filled(),
                ))
            }))
            .map_err(chart_err)?;
        // A step line: flat across each day, straight down where the plan changes.
        let mut line = vec![];
        for (i, (_, d)) in parsed.iter().enumerate() {
            let y = f64::from(d.planned_mg);
            line.push((i as f64, y));
            line.push((i as f64 + 1.0, y));
        }
        chart
            .draw_series(LineSeries::new(line, p.a.stroke_width(3)))
            .map_err(chart_err)?;
        if (0.0..n as f64).contains(&today_x) {
            chart
                .draw_series(DashedLineSeries::new(
                    [(today_x + 0.5, 0.0), (today_x + 0.5, top)],
                    4,
                    4,
                    p.text.stroke_width(1),
                ))
                .map_err(chart_err)?;
        }
        Ok(())
    })?;
    Ok(ChartView {
        title,
        desc,
        svg: Some(svg),
    })
}
