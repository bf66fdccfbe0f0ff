//! The three trend charts as SVG, drawn with plotters. Colours come from colour-blind-safe
//! palettes (Okabe–Ito and Tol) with a light and a dark variant; every series also differs by
//! shape or line style, and every chart carries a `<title>` and a `<desc>` stating its facts.

pub mod detox;

use chrono::{Duration, NaiveDate};
use plotters::chart::{MeshStyle, SecondaryMeshStyle};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::stats::{round1, CravingDay, MoodDay, Series, SleepNight};

pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 320;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum Theme {
    Light,
    Dark,
}

struct Palette {
    bg: RGBColor,
    text: RGBColor,
    grid: RGBColor,
    /// Main series: averages (blue).
    a: RGBColor,
    /// Second series: highs, efficiency (vermillion / orange).
    b: RGBColor,
    /// Counts and quality (purple / pink).
    c: RGBColor,
}

impl Theme {
    // Each colour has at least 3:1 contrast with its background (WCAG 1.4.11).
    fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                bg: RGBColor(0xff, 0xff, 0xff),
                text: RGBColor(0x1e, 0x2a, 0x32),
                grid: RGBColor(0xd5, 0xdc, 0xe1),
                a: RGBColor(0x00, 0x72, 0xb2),
                b: RGBColor(0xd5, 0x5e, 0x00),
                c: RGBColor(0xaa, 0x33, 0x77),
            },
            Theme::Dark => Palette {
                bg: RGBColor(0x1d, 0x24, 0x2a),
                text: RGBColor(0xe8, 0xec, 0xef),
                grid: RGBColor(0x34, 0x40, 0x4a),
                a: RGBColor(0x56, 0xb4, 0xe9),
                b: RGBColor(0xe6, 0x9f, 0x00),
                c: RGBColor(0xcc, 0x79, 0xa7),
            },
        }
    }
}

/// A chart to show, or the sentence to show instead when the range holds no data for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ChartView {
    pub title: String,
    /// The chart's facts in words: the SVG's `<desc>`, and the image's text alternative.
    pub desc: String,
    pub svg: Option<String>,
}

fn chart_err<E: std::fmt::Debug>(e: E) -> Error {
    Error::Chart(format!("{e:?}"))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Draws with `draw` on a fresh SVG and puts `title` and `desc` inside it.
fn svg(
    title: &str,
    desc: &str,
    theme: Theme,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>, &Palette) -> Result<()>,
) -> Result<String> {
    let p = theme.palette();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&p.bg).map_err(chart_err)?;
        draw(&root, &p)?;
        root.present().map_err(chart_err)?;
    }
    let head_end = out
        .find('>')
        .ok_or_else(|| Error::Chart("no <svg> element".into()))?;
    let meta = format!(
        r#"<title>{}</title><desc>{}</desc>"#,
        escape(title),
        escape(desc)
    );
    out.insert_str(head_end + 1, &meta);
    out.insert_str(head_end, r#" role="img""#);
    Ok(out)
}

/// The grid of a chart's plot, in the house style: every chart draws its mesh through this,
/// then sets only its own ticks and names.
type Mesh<'a, 'b, 'c> = MeshStyle<'a, 'b, RangedCoordf64, RangedCoordf64, SVGBackend<'c>>;
type Axes<'a, 'b, 'c> = SecondaryMeshStyle<'a, 'b, RangedCoordf64, RangedCoordf64, SVGBackend<'c>>;

fn house_mesh<'m, 'a, 'b, 'c>(
    mesh: &'m mut Mesh<'a, 'b, 'c>,
    p: &Palette,
) -> &'m mut Mesh<'a, 'b, 'c> {
    mesh.light_line_style(p.bg)
        .bold_line_style(p.grid)
        .axis_style(p.text)
        .label_style(("sans-serif", 12).into_font().color(&p.text))
}

/// The right-hand axis, in the same style.
fn house_axes<'m, 'a, 'b, 'c>(
    axes: &'m mut Axes<'a, 'b, 'c>,
    p: &Palette,
) -> &'m mut Axes<'a, 'b, 'c> {
    axes.axis_style(p.text)
        .label_style(("sans-serif", 12).into_font().color(&p.text))
}

/// How a series is marked, in the chart and in its legend.
#[derive(Clone, Copy)]
enum Mark {
    Bar(RGBColor),
    Line(RGBColor),
    Dashed(RGBColor),
    Dot(RGBColor),
    Triangle(RGBColor),
    Cross(RGBColor),
}

/// Height of the legend strip drawn above each plot, so the legend never covers data.
const LEGEND_HEIGHT: u32 = 26;

/// Splits off the top strip of `root` and writes the legend into it, items side by side.
fn with_legend<'b>(
    root: &DrawingArea<SVGBackend<'b>, Shift>,
    p: &Palette,
    items: &[(Mark, &str)],
) -> Result<DrawingArea<SVGBackend<'b>, Shift>> {
    let (strip, plot) = root.split_vertically(LEGEND_HEIGHT);
    let font = ("sans-serif", 12).into_font().color(&p.text);
    let mut x = 56;
    let y = 14;
    for (mark, label) in items {
        let el: DynElement<'_, SVGBackend<'_>, (i32, i32)> = match *mark {
            Mark::Bar(c) => Rectangle::new([(x, y - 5), (x + 12, y + 5)], c.filled()).into_dyn(),
            Mark::Line(c) => {
                PathElement::new([(x - 2, y), (x + 14, y)], c.stroke_width(3)).into_dyn()
            }
            Mark::Dashed(c) => {
                PathElement::new([(x - 2, y), (x + 4, y)], c.stroke_width(2)).into_dyn()
            }
            Mark::Dot(c) => Circle::new((x + 6, y), 4, c.filled()).into_dyn(),
            Mark::Triangle(c) => TriangleMarker::new((x + 6, y), 5, c.filled()).into_dyn(),
            Mark::Cross(c) => Cross::new((x + 6, y), 4, c.stroke_width(2)).into_dyn(),
        };
        strip.draw(&el).map_err(chart_err)?;
        if let Mark::Dashed(c) = *mark {
            strip
                .draw(&PathElement::new(
                    [(x + 8, y), (x + 14, y)],
                    c.stroke_width(2),
                ))
                .map_err(chart_err)?;
        }
        strip
            .draw(&Text::new(label.to_string(), (x + 20, y - 7), font.clone()))
            .map_err(chart_err)?;
        // The naive font metrics of plotters without font files: about 6.5 px a character.
        x += 20 + (label.chars().count() as i32 * 13) / 2 + 24;
    }
    Ok(plot)
}

fn whole(v: &f64) -> String {
    format!("{v:.0}")
}

fn day_label(from: NaiveDate, days: usize) -> impl Fn(&f64) -> String {
    move |x: &f64| {
        let d = from + Duration::days(x.floor() as i64);
        if days > 400 {
            d.format("%b %Y").to_string()
        } else {
            d.format("%-d %b").to_string()
        }
    }
}

/// Contiguous runs of present values, so lines break where data is missing.
fn runs(points: impl Iterator<Item = (f64, Option<f64>)>) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = vec![];
    let mut current = vec![];
    for (x, y) in points {
        match y {
            Some(y) => current.push((x, y)),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

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

pub fn craving(s: &Series, theme: Theme) -> Result<ChartView> {
    let title = "Cravings per day".to_owned();
    let d: &[CravingDay] = &s.craving;
    let rated = d.iter().filter(|c| c.avg.is_some()).count();
    if rated == 0 {
        return Ok(ChartView {
            title,
            desc: format!("No cravings or check-ins from {}.", range_words(s)),
            svg: None,
        });
    }
    let logged: u32 = d.iter().map(|c| c.logged).sum();
    let avg = mean(d.iter().filter_map(|c| c.avg)).unwrap_or(0.0);
    let max = d.iter().filter_map(|c| c.max).max().unwrap_or(0);
    let rolling: Vec<Option<f64>> = d.iter().map(|c| c.rolling).collect();
    let desc = format!(
        "From {}: {rated} days with a craving rating and {logged} cravings logged on their own. Average strength {:.1} of 10, highest {max}.{}",
        range_words(s),
        round1(avg),
        trend_words(&rolling)
    );
    let n = d.len() as f64;
    let max_logged = d.iter().map(|c| c.logged).max().unwrap_or(0).max(1);
    let svg =
        svg(&title, &desc, theme, |root, p| {
            let plot = with_legend(
                root,
                p,
                &[
                    (Mark::Line(p.a), "7-day average"),
                    (Mark::Dot(p.a), "Day's average"),
                    (Mark::Triangle(p.b), "Day's highest"),
                    (Mark::Bar(p.c), "Cravings logged (right axis)"),
                ],
            )?;
            let mut chart = ChartBuilder::on(&plot)
                .margin(12)
                .margin_top(4)
                .x_label_area_size(28)
                .y_label_area_size(48)
                .right_y_label_area_size(48)
                .build_cartesian_2d(0.0..n, 0.0..10.5)
                .map_err(chart_err)?
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
                .draw_secondary_series(d.iter().enumerate().filter(|(_, v)| v.logged > 0).map(
                    |(i, v)| {
                        let x = i as f64;
                        Rectangle::new([(x + 0.3, 0.0), (x + 0.7, f64::from(v.logged))], c.filled())
                    },
                ))
                .map_err(chart_err)?;
            let a = p.a;
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
            let b = p.b;
            chart
                .draw_series(d.iter().enumerate().filter_map(|(i, v)| {
                    Some(TriangleMarker::new(
                        (i as f64 + 0.5, f64::from(v.max?)),
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
        return Ok(ChartView {
            title,
            desc: format!("No sleep diary from {}.", range_words(s)),
            svg: None,
        });
    }
    let avg_sleep = mean(d.iter().filter_map(|n| n.total_sleep_min.map(f64::from))).unwrap_or(0.0);
    let avg_eff = mean(d.iter().filter_map(|n| n.efficiency_pct)).unwrap_or(0.0);
    let avg_q = mean(d.iter().filter_map(|n| n.quality.map(f64::from))).unwrap_or(0.0);
    let desc = format!(
        "From {}: {nights} nights with a sleep diary; nights without one are left empty. Average sleep {} h {} min, average sleep efficiency {:.1}%, average quality {:.1} of 5.",
        range_words(s),
        (avg_sleep.round() as i64) / 60,
        (avg_sleep.round() as i64) % 60,
        round1(avg_eff),
        round1(avg_q),
    );
    let n = d.len() as f64;
    let top_hours = d
        .iter()
        .filter_map(|n| n.total_sleep_min)
        .max()
        .map_or(10.0, |m| (f64::from(m) / 60.0).ceil().max(10.0));
    let svg = svg(&title, &desc, theme, |root, p| {
        let plot = with_legend(
            root,
            p,
            &[
                (Mark::Bar(p.a), "Hours asleep"),
                (Mark::Dashed(p.b), "Sleep efficiency (right axis)"),
                (Mark::Cross(p.c), "Quality, 1–5 (strip below)"),
            ],
        )?;
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
            .draw_series(d.iter().enumerate().filter_map(|(i, v)| {
                let x = i as f64;
                let h = f64::from(v.total_sleep_min?) / 60.0;
                Some(Rectangle::new([(x + 0.15, 0.0), (x + 0.85, h)], a.filled()))
            }))
            .map_err(chart_err)?;
        let b = p.b;
        let eff = runs(
            d.iter()
                .enumerate()
                .map(|(i, v)| (i as f64 + 0.5, v.efficiency_pct)),
        );
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
            .x_label_area_size(24)
            .y_label_area_size(48)
            .build_cartesian_2d(0.0..n, 0.5..5.5)
            .map_err(chart_err)?;
        // The quality strip is short, so its labels are a size smaller.
        house_mesh(&mut q.configure_mesh(), p)
            .label_style(("sans-serif", 11).into_font().color(&p.text))
            .x_labels(7)
            .y_labels(3)
            .x_label_formatter(&day_label(s.from, d.len()))
            .y_label_formatter(&whole)
            .y_desc("Quality")
            .draw()
            .map_err(chart_err)?;
        let c = p.c;
        q.draw_series(d.iter().enumerate().filter_map(|(i, v)| {
            Some(Cross::new(
                (i as f64 + 0.5, f64::from(v.quality?)),
                4,
                c.stroke_width(2),
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

pub fn mood(s: &Series, theme: Theme) -> Result<ChartView> {
    let title = "Mood per day".to_owned();
    let d: &[MoodDay] = &s.mood;
    let rated = d.iter().filter(|m| m.avg.is_some()).count();
    if rated == 0 {
        return Ok(ChartView {
            title,
            desc: format!("No check-ins from {}.", range_words(s)),
            svg: None,
        });
    }
    let avg = mean(d.iter().filter_map(|m| m.avg)).unwrap_or(0.0);
    let rolling: Vec<Option<f64>> = d.iter().map(|m| m.rolling).collect();
    let desc = format!(
        "From {}: {rated} days with a mood rating. Average mood {:.1} of 10.{}",
        range_words(s),
        round1(avg),
        trend_words(&rolling)
    );
    let n = d.len() as f64;
    let svg =
        svg(&title, &desc, theme, |root, p| {
            let plot = with_legend(
                root,
                p,
                &[
                    (Mark::Line(p.a), "7-day average"),
                    (Mark::Dot(p.b), "Day's average"),
                ],
            )?;
            let mut chart = ChartBuilder::on(&plot)
                .margin(12)
                .margin_top(4)
                .margin_right(12 + 48)
                .x_label_area_size(28)
                .y_label_area_size(48)
                .build_cartesian_2d(0.0..n, 0.0..10.5)
                .map_err(chart_err)?;
            house_mesh(&mut chart.configure_mesh(), p)
                .x_labels(7)
                .x_label_formatter(&day_label(s.from, d.len()))
                .y_label_formatter(&whole)
                .y_desc("Mood (0–10)")
                .draw()
                .map_err(chart_err)?;
            let a = p.a;
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
