//! The check-ups chart: questionnaire scores over the days shown, one mark per check-up,
//! each questionnaire with its own shape and line, and the facts in words. It knows no
//! questionnaire: the feature hands it each one's name, maximum and scores.

use chrono::NaiveDate;
use plotters::prelude::*;

use super::*;
use crate::error::Result;

/// One questionnaire's scores, as the chart draws them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreSeries {
    /// As the words name it: "Mood (PHQ-9)".
    pub name: &'static str,
    pub max: u8,
    /// Day and total, in any order.
    pub points: Vec<(NaiveDate, u8)>,
}

impl ScoreSeries {
    fn sorted(&self) -> Vec<(NaiveDate, u8)> {
        let mut v = self.points.clone();
        v.sort_by_key(|p| p.0);
        v
    }

    /// "Mood (PHQ-9, of 27)".
    fn legend(&self) -> String {
        format!("{}, of {})", self.name.trim_end_matches(')'), self.max)
    }

    fn words(&self) -> String {
        let points = self.sorted();
        let (name, max) = (self.name, self.max);
        match (points.first(), points.last()) {
            (Some(first), Some(last)) if points.len() > 1 => format!(
                " {name}: {} check-ups, from {} of {max} on {} to {} on {}.",
                points.len(),
                first.1,
                first.0.format("%-d %B"),
                last.1,
                last.0.format("%-d %B")
            ),
            (Some(only), _) => format!(
                " {name}: one check-up, {} of {max} on {}.",
                only.1,
                only.0.format("%-d %B")
            ),
            _ => String::new(),
        }
    }
}

/// Scores from `from` to `to`: the first questionnaire as dots, the second as triangles.
pub fn scores(
    [first, second]: &[ScoreSeries; 2],
    from: NaiveDate,
    to: NaiveDate,
    theme: Theme,
) -> Result<ChartView> {
    let title = "Mood and anxiety check-ups".to_owned();
    let (phq, gad) = (first.sorted(), second.sorted());
    let range = format!("{} to {}", from.format("%-d %B %Y"), to.format("%-d %B %Y"));
    if phq.is_empty() && gad.is_empty() {
        return Ok(ChartView::empty(
            title,
            format!("No check-ups from {range}. They are on Tools, every two weeks if you like."),
        ));
    }
    let desc = format!(
        "From {range}.{}{} Higher scores mean more signs of low mood or anxiety.",
        first.words(),
        second.words()
    );
    let days = (to - from).num_days().max(0) as usize + 1;
    let x = |d: NaiveDate| (d - from).num_days() as f64 + 0.5;
    let svg = svg(&title, &desc, theme, |root, p| {
        let plot = with_legend(
            root,
            p,
            &[
                (Mark::Dot(p.a), first.legend().as_str()),
                (Mark::Triangle(p.b), second.legend().as_str()),
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
                phq.iter().map(|&(d, t)| (x(d), f64::from(t))),
                a.stroke_width(2),
            ))
            .map_err(chart_err)?;
        chart
            .draw_series(
                phq.iter()
                    .map(|&(d, t)| Circle::new((x(d), f64::from(t)), 4, a.filled())),
            )
            .map_err(chart_err)?;
        chart
            .draw_series(LineSeries::new(
                gad.iter().map(|&(d, t)| (x(d), f64::from(t))),
                b.stroke_width(2),
            ))
            .map_err(chart_err)?;
        chart
            .draw_series(
                gad.iter()
                    .map(|&(d, t)| TriangleMarker::new((x(d), f64::from(t)), 5, b.filled())),
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
