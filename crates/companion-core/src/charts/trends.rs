//! The three trend charts: cravings per day, sleep per night and mood per day, each as an SVG
//! with its facts in words.

use plotters::prelude::*;

use super::*;
use crate::error::Result;
use crate::stats::{round1, spans, CravingDay, MoodDay, Series, SleepNight, Span, Spread, Step};

fn mean(v: impl Iterator<Item = f64>) -> Option<f64> {
    let (s, n) = v.fold((0.0, 0u32), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| s / f64::from(n))
}

fn range_words(s: &Series) -> String {
    format!(
        "{} to {}",
        s.from.format("%-d %B %Y"),
        s.to.format("%-d %B %Y")
    )
}

fn trend_words(values: &[Option<f64>]) -> String {
    let first = values.iter().flatten().next();
    let last = values.iter().rev().flatten().next();
    match (first, last) {
        (Some(a), Some(b)) => format!(" The 7-day average went from {a:.1} to {b:.1}."),
        _ => String::new(),
    }
}

/// What one mark stands for, in words, when it is more than a day.
fn step_words(step: Step, what: &str) -> String {
    match step {
        Step::Day => String::new(),
        Step::Week => format!(
            " Each mark is a week, Monday to Sunday: the average of its {what}, with a line from the lowest to the highest."
        ),
        Step::Month => format!(
            " Each mark is a calendar month: the average of its {what}, with a line from the lowest to the highest."
        ),
    }
}

/// The spread of each span's values, at the span's middle.
fn marks(spans: &[Span], value: impl Fn(usize) -> Option<f64>) -> Vec<(f64, Option<Spread>)> {
    spans
        .iter()
        .map(|s| {
            let mid = (s.start + s.end) as f64 / 2.0;
            (mid, Spread::of((s.start..s.end).filter_map(&value)))
        })
        .collect()
}

type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Draws each mark's range as a thin upright line from its lowest to its highest value.
fn draw_ranges<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    marks: &[(f64, Option<Spread>)],
    colour: RGBColor,
) -> Result<()> {
    chart
        .draw_series(marks.iter().filter_map(|(x, m)| {
            let m = (*m)?;
            Some(PathElement::new(
                vec![(*x, m.low), (*x, m.high)],
                colour.stroke_width(1),
            ))
        }))
        .map_err(chart_err)?;
    Ok(())
}

/// Draws each mark's range, and its average as a dot on a line (broken where a mark is empty).
fn draw_spreads<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    marks: &[(f64, Option<Spread>)],
    colour: RGBColor,
) -> Result<()> {
    draw_ranges(chart, marks, colour)?;
    for run in runs(marks.iter().map(|(x, m)| (*x, m.map(|m| m.mean)))) {
        chart
            .draw_series(LineSeries::new(run, colour.stroke_width(2)))
            .map_err(chart_err)?;
    }
    chart
        .draw_series(
            marks
                .iter()
                .filter_map(|(x, m)| Some(Circle::new((*x, (*m)?.mean), 3, colour.filled()))),
        )
        .map_err(chart_err)?;
    Ok(())
}

pub fn craving(s: &Series, theme: Theme) -> Result<ChartView> {
    let title = "Cravings per day".to_owned();
    let d: &[CravingDay] = &s.craving;
    let rated = d.iter().filter(|c| c.avg.is_some()).count();
    if rated == 0 {
        return Ok(ChartView::empty(
            title,
            format!("No cravings or check-ins from {}.", range_words(s)),
        ));
    }
    let logged: u32 = d.iter().map(|c| c.logged).sum();
    let avg = mean(d.iter().filter_map(|c| c.avg)).unwrap_or(0.0);
    let max = d.iter().filter_map(|c| c.max).max().unwrap_or(0);
    let rolling: Vec<Option<f64>> = d.iter().map(|c| c.rolling).collect();
    let step = Step::for_days(d.len());
    let desc = format!(
        "From {}: {rated} days with a craving rating and {logged} cravings logged on their own. Average strength {:.1} of 10, highest {max}.{}{}",
        range_words(s),
        round1(avg),
        trend_words(&rolling),
        step_words(step, "daily averages")
    );
    let n = d.len() as f64;
    let spans = spans(s.from, d.len(), step);
    // Per mark: its span, cravings logged in it, and its strongest rating.
    let per_mark: Vec<(&Span, u32, Option<u8>)> = spans
        .iter()
        .map(|sp| {
            let days = &d[sp.start..sp.end];
            (
                sp,
                days.iter().map(|c| c.logged).sum(),
                days.iter().filter_map(|c| c.max).max(),
            )
        })
        .collect();
    let max_logged = per_mark.iter().map(|m| m.1).max().unwrap_or(0).max(1);
    let (avg_label, high_label, logged_label) = match step {
        Step::Day => (
            "Day's average",
            "Day's highest",
            "Cravings logged (right axis)",
        ),
        Step::Week => (
            "Week's average",
            "Week's highest",
            "Logged per week (right axis)",
        ),
        Step::Month => (
            "Month's average",
            "Month's highest",
            "Logged per month (right axis)",
        ),
    };
    let svg = svg(&title, &desc, theme, |root, p| {
        let (first, second) = match step {
            Step::Day => (
                (Mark::Line(p.a), "7-day average"),
                (Mark::Dot(p.a), avg_label),
            ),
            _ => (
                (Mark::Dot(p.a), avg_label),
                (Mark::Whisker(p.a), "Range of days"),
            ),
        };
        let plot = with_legend(
            root,
            p,
            &[
                first,
                second,
                (Mark::Triangle(p.b), high_label),
                (Mark::Bar(p.c), logged_label),
            ],
        )?;
        let mut chart = house_plot(&plot, 48, true, 0.0..n, 0.0..10.5)?
            .set_secondary_coord(0.0..n, 0.0..(f64::from(max_logged) * 2.0));
        house_mesh(&mut chart.configure_mesh(), p)
            .x_labels(7)
            .x_label_formatter(&day_label(s.from, d.len()))
            .y_label_formatter(&whole)
            .y_desc("Strength (0–10)")
            .draw()
            .map_err(chart_err)?;
        house_axes(&mut chart.configure_secondary_axes(), p)
            // Whole counts only: one tick per step up to a handful, so none repeats.
            .y_labels((max_logged as usize * 2 + 1).min(9))
            .y_label_formatter(&whole)
            .y_desc("Cravings logged")
            .draw()
            .map_err(chart_err)?;
        let c = p.c;
        chart
            .draw_secondary_series(per_mark.iter().filter(|m| m.1 > 0).map(|(sp, logged, _)| {
                let (x0, w) = (sp.start as f64, (sp.end - sp.start) as f64);
                Rectangle::new(
                    [(x0 + 0.3 * w, 0.0), (x0 + 0.7 * w, f64::from(*logged))],
                    c.filled(),
                )
            }))
            .map_err(chart_err)?;
        let (a, b) = (p.a, p.b);
        if step == Step::Day {
            for run in runs(
                rolling
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (i as f64 + 0.5, *v)),
            ) {
                chart
                    .draw_series(LineSeries::new(run, a.stroke_width(3)))
                    .map_err(chart_err)?;
            }
            chart
                .draw_series(d.iter().enumerate().filter_map(|(i, v)| {
                    Some(Circle::new((i as f64 + 0.5, v.avg?), 3, a.filled()))
                }))
                .map_err(chart_err)?;
        } else {
            draw_spreads(&mut chart, &marks(&spans, |i| d[i].avg), a)?;
        }
        chart
            .draw_series(per_mark.iter().filter_map(|(sp, _, high)| {
                let mid = (sp.start + sp.end) as f64 / 2.0;
                Some(TriangleMarker::new(
                    (mid, f64::from((*high)?)),
                    4,
                    b.filled(),
                ))
            }))
            .map_err(chart_err)?;
        Ok(())
    })?;
    Ok(ChartView {
        title,
        desc,
        svg: Some(svg),
    })
}

pub fn sleep(s: &Series, theme: Theme) -> Result<ChartView> {
    let title = "Sleep per night".to_owned();
    let d: &[SleepNight] = &s.sleep;
    let nights = d.iter().filter(|n| n.total_sleep_min.is_some()).count();
    if nights == 0 {
        return Ok(ChartView::empty(
            title,
            format!("No sleep diary from {}.", range_words(s)),
        ));
    }
    let avg_sleep = mean(d.iter().filter_map(|n| n.total_sleep_min.map(f64::from))).unwrap_or(0.0);
    let avg_eff = mean(d.iter().filter_map(|n| n.efficiency_pct)).unwrap_or(0.0);
    let avg_q = mean(d.iter().filter_map(|n| n.quality.map(f64::from))).unwrap_or(0.0);
    let step = Step::for_days(d.len());
    let desc = format!(
        "From {}: {nights} nights with a sleep diary; nights without one are left empty. Average sleep {} h {} min, average sleep efficiency {:.1}%, average quality {:.1} of 5.{}",
        range_words(s),
        (avg_sleep.round() as i64) / 60,
        (avg_sleep.round() as i64) % 60,
        round1(avg_eff),
        round1(avg_q),
        step_words(step, "nights")
    );
    let n = d.len() as f64;
    let spans = spans(s.from, d.len(), step);
    let hours = marks(&spans, |i| {
        d[i].total_sleep_min.map(|m| f64::from(m) / 60.0)
    });
    let efficiency = marks(&spans, |i| d[i].efficiency_pct);
    let quality = marks(&spans, |i| d[i].quality.map(f64::from));
    let top_hours = d
        .iter()
        .filter_map(|n| n.total_sleep_min)
        .max()
        .map_or(10.0, |m| (f64::from(m) / 60.0).ceil().max(10.0));
    let svg = svg(&title, &desc, theme, |root, p| {
        let legend = if step == Step::Day {
            vec![
                (Mark::Bar(p.a), "Hours asleep"),
                (Mark::Dashed(p.b), "Sleep efficiency (right axis)"),
                (Mark::Cross(p.c), "Quality, 1–5 (strip below)"),
            ]
        } else {
            vec![
                (Mark::Bar(p.a), "Hours asleep"),
                (Mark::Whisker(p.text), "Range of nights"),
                (Mark::Dashed(p.b), "Efficiency (right axis)"),
                (Mark::Cross(p.c), "Quality (strip below)"),
            ]
        };
        let plot = with_legend(root, p, &legend)?;
        let (upper, lower) = plot.split_vertically(HEIGHT - LEGEND_HEIGHT - 78);
        let mut chart = ChartBuilder::on(&upper)
            .margin(12)
            .margin_top(4)
            .margin_bottom(0)
            .x_label_area_size(0)
            .y_label_area_size(48)
            .right_y_label_area_size(48)
            .build_cartesian_2d(0.0..n, 0.0..top_hours)
            .map_err(chart_err)?
            .set_secondary_coord(0.0..n, 0.0..105.0);
        house_mesh(&mut chart.configure_mesh(), p)
            .y_label_formatter(&whole)
            .y_desc("Hours asleep")
            .draw()
            .map_err(chart_err)?;
        house_axes(&mut chart.configure_secondary_axes(), p)
            .y_label_formatter(&whole)
            .y_desc("Efficiency %")
            .draw()
            .map_err(chart_err)?;
        let a = p.a;
        chart
            .draw_series(spans.iter().zip(&hours).filter_map(|(sp, (_, h))| {
                let (x0, w) = (sp.start as f64, (sp.end - sp.start) as f64);
                Some(Rectangle::new(
                    [(x0 + 0.15 * w, 0.0), (x0 + 0.85 * w, (*h)?.mean)],
                    a.filled(),
                ))
            }))
            .map_err(chart_err)?;
        if step != Step::Day {
            draw_ranges(&mut chart, &hours, p.text)?;
        }
        let b = p.b;
        let eff = runs(efficiency.iter().map(|(x, e)| (*x, e.map(|e| e.mean))));
        for run in eff {
            chart
                .draw_secondary_series(DashedLineSeries::new(run.clone(), 6, 4, b.stroke_width(2)))
                .map_err(chart_err)?;
            chart
                .draw_secondary_series(
                    run.into_iter()
                        .map(|pt| TriangleMarker::new(pt, 3, b.filled())),
                )
                .map_err(chart_err)?;
        }

        let mut q = ChartBuilder::on(&lower)
            .margin(12)
            .margin_top(4)
            .margin_right(12 + 48)
            .x_label_area_size(26)
            .y_label_area_size(48)
            .build_cartesian_2d(0.0..n, 0.5..5.5)
            .map_err(chart_err)?;
        // The quality strip is short, so its labels are a size smaller.
        house_mesh(&mut q.configure_mesh(), p)
            .label_style(("sans-serif", TEXT_PX - 1).into_font().color(&p.text))
            .x_labels(7)
            .y_labels(3)
            .x_label_formatter(&day_label(s.from, d.len()))
            .y_label_formatter(&whole)
            .y_desc("Quality")
            .draw()
            .map_err(chart_err)?;
        let c = p.c;
        q.draw_series(
            quality
                .iter()
                .filter_map(|(x, m)| Some(Cross::new((*x, (*m)?.mean), 4, c.stroke_width(2)))),
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

pub fn mood(s: &Series, theme: Theme) -> Result<ChartView> {
    let title = "Mood per day".to_owned();
    let d: &[MoodDay] = &s.mood;
    let rated = d.iter().filter(|m| m.avg.is_some()).count();
    if rated == 0 {
        return Ok(ChartView::empty(
            title,
            format!("No check-ins from {}.", range_words(s)),
        ));
    }
    let avg = mean(d.iter().filter_map(|m| m.avg)).unwrap_or(0.0);
    let rolling: Vec<Option<f64>> = d.iter().map(|m| m.rolling).collect();
    let step = Step::for_days(d.len());
    let desc = format!(
        "From {}: {rated} days with a mood rating. Average mood {:.1} of 10.{}{}",
        range_words(s),
        round1(avg),
        trend_words(&rolling),
        step_words(step, "daily averages")
    );
    let n = d.len() as f64;
    let spans = spans(s.from, d.len(), step);
    let svg =
        svg(&title, &desc, theme, |root, p| {
            let legend = match step {
                Step::Day => [
                    (Mark::Line(p.a), "7-day average"),
                    (Mark::Dot(p.b), "Day's average"),
                ],
                Step::Week => [
                    (Mark::Dot(p.a), "Week's average"),
                    (Mark::Whisker(p.a), "Range of days"),
                ],
                Step::Month => [
                    (Mark::Dot(p.a), "Month's average"),
                    (Mark::Whisker(p.a), "Range of days"),
                ],
            };
            let plot = with_legend(root, p, &legend)?;
            let mut chart = house_plot(&plot, 48, false, 0.0..n, 0.0..10.5)?;
            house_mesh(&mut chart.configure_mesh(), p)
                .x_labels(7)
                .x_label_formatter(&day_label(s.from, d.len()))
                .y_label_formatter(&whole)
                .y_desc("Mood (0–10)")
                .draw()
                .map_err(chart_err)?;
            let a = p.a;
            if step != Step::Day {
                return draw_spreads(&mut chart, &marks(&spans, |i| d[i].avg), a);
            }
            for run in runs(
                rolling
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (i as f64 + 0.5, *v)),
            ) {
                chart
                    .draw_series(LineSeries::new(run, a.stroke_width(3)))
                    .map_err(chart_err)?;
            }
            let b = p.b;
            chart
                .draw_series(d.iter().enumerate().filter_map(|(i, v)| {
                    Some(Circle::new((i as f64 + 0.5, v.avg?), 3, b.filled()))
                }))
                .map_err(chart_err)?;
            Ok(())
        })?;
    Ok(ChartView {
        title,
        desc,
        svg: Some(svg),
    })
}
