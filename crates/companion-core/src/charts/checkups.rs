//! The check-ups chart: PHQ-9 and GAD-7 scores over the days shown, one mark per check-up,
//! each questionnaire with its own shape and line, and the facts in words.

use chrono::NaiveDate;
use plotters::prelude::*;

use super::*;
use crate::checkups::Instrument;
use crate::error::Result;

/// One check-up on the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckupPoint {
    pub day: NaiveDate,
    pub instrument: Instrument,
    pub total: u8,
}

fn words(points: &[&CheckupPoint], instrument: Instrument) -> String {
    let (name, max) = (instrument.name(), instrument.max_score());
    match (points.first(), points.last()) {
        (Some(first), Some(last)) if points.len() > 1 => format!(
            " {name}: {} check-ups, from {} of {max} on {} to {} on {}.",
            points.len(),
            first.total,
            first.day.format("%-d %B"),
            last.total,
            last.day.format("%-d %B")
        ),
        (Some(only), _) => format!(
            " {name}: one check-up, {} of {max} on {}.",
            only.total,
            only.day.format("%-d %B")
        ),
        _ => String::new(),
    }
}

/// Scores from `from` to `to` (oldest first in `points`).
pub fn scores(
    points: &[CheckupPoint],
    from: NaiveDate,
    to: NaiveDate,
    theme: Theme,
) -> Result<ChartView> {
    let title = "Mood and anxiety check-ups".to_owned();
    let of = |i: Instrument| -> Vec<&CheckupPoint> {
        let mut v: Vec<_> = points.iter().filter(|p| p.instrument == i).collect();
        v.sort_by_key(|p| p.day);
        v
    };
    let (phq, gad) = (of(Instrument::Phq9), of(Instrument::Gad7));
    let range = format!("{} to {}", from.format("%-d %B %Y"), to.format("%-d %B %Y"));
    if phq.is_empty() && gad.is_empty() {
        return Ok(ChartView::empty(
            title,
            format!("No check-ups from {range}. They are on Tools, every two weeks if you like."),
        ));
    }
    let desc = format!(
        "From {range}.{}{} Higher scores mean more signs of low mood or anxiety.",
        words(&phq, Instrument::Phq9),
        words(&gad, Instrument::Gad7)
    );
    let days = (to - from).num_days().max(0) as usize + 1;
    let x = |d: NaiveDate| (d - from).num_days() as f64 + 0.5;
    let svg = svg(&title, &desc, theme, |root, p| {
        let plot = with_legend(
            root,
            p,
            &[
                (Mark::Dot(p.a), "Mood (PHQ-9, of 27)"),
                (Mark::Triangle(p.b), "Anxiety (GAD-7, of 21)"),
            ],
        )?;
        let mut chart = house_plot(&plot, 48, false, 0.0..days as f64, 0.0..28.0)?;
        house_mesh(&mut chart.configure_mesh(), p)
            .x_labels(7)
            .x_label_formatter(&day_label(from, days))
            .y_label_formatter(&whole)
            .y_desc("Score")
            .draw()
            .map_err(chart_err)?;
        let (a, b) = (p.a, p.b);
        chart
            .draw_series(LineSeries::new(
                phq.iter().map(|c| (x(c.day), f64::from(c.total))),
                a.stroke_width(2),
            ))
            .map_err(chart_err)?;
        chart
            .draw_series(
                phq.iter()
                    .map(|c| Circle::new((x(c.day), f64::from(c.total)), 4, a.filled())),
            )
            .map_err(chart_err)?;
        chart
            .draw_series(LineSeries::new(
                gad.iter().map(|c| (x(c.day), f64::from(c.total))),
                b.stroke_width(2),
            ))
            .map_err(chart_err)?;
        chart
            .draw_series(
                gad.iter()
                    .map(|c| TriangleMarker::new((x(c.day), f64::from(c.total)), 5, b.filled())),
            )
            .map_err(chart_err)?;
        Ok(())
    })?;
    Ok(ChartView {
        title,
        desc,
        svg: Some(svg),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("day")
    }

    #[test]
    fn the_chart_says_its_facts_and_draws_one_mark_per_check_up() {
        let points = [
            CheckupPoint {
                day: day("2026-11-01"),
                instrument: Instrument::Phq9,
                total: 14,
            },
            CheckupPoint {
                day: day("2026-11-15"),
                instrument: Instrument::Phq9,
                total: 9,
            },
            CheckupPoint {
                day: day("2026-11-15"),
                instrument: Instrument::Gad7,
                total: 11,
            },
        ];
        let c = scores(&points, day("2026-10-28"), day("2026-11-26"), Theme::Light).expect("chart");
        assert!(
            c.desc.contains(
                "Mood (PHQ-9): 2 check-ups, from 14 of 27 on 1 November to 9 on 15 November"
            ),
            "{}",
            c.desc
        );
        assert!(
            c.desc
                .contains("Anxiety (GAD-7): one check-up, 11 of 21 on 15 November"),
            "{}",
            c.desc
        );
        let svg = c.svg.expect("svg");
        // Two PHQ-9 dots (the legend adds a third circle) and one GAD-7 triangle in the plot.
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        let empty = scores(&[], day("2026-10-28"), day("2026-11-26"), Theme::Dark).expect("empty");
        assert!(empty.svg.is_none());
        assert!(empty.desc.starts_with("No check-ups"));
    }
}
