//! The three trend charts as SVG, drawn with plotters. Colours come from colour-blind-safe
//! palettes (Okabe–Ito and Tol) with a light and a dark variant; every series also differs by
//! shape or line style, and every chart carries a `<title>` and a `<desc>` stating its facts.

pub mod checkups;
pub mod detox;
pub mod render;
mod trends;

pub use trends::{craving, mood, sleep};

use chrono::{Duration, NaiveDate};
use plotters::chart::{MeshStyle, SecondaryMeshStyle};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 320;
/// The size of every chart's text in the SVG's own pixels. A chart is shown at least 700 px
/// wide (the content column at the smallest window), so its text is never under 12 px on
/// screen at 100 % zoom.
pub const TEXT_PX: u32 = 14;

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

impl ChartView {
    /// The chart's place when there is nothing to draw: its title, and a sentence saying why
    /// and what would fill it.
    pub(crate) fn empty(title: String, desc: impl Into<String>) -> ChartView {
        ChartView {
            title,
            desc: desc.into(),
            svg: None,
        }
    }
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
        .label_style(("sans-serif", TEXT_PX).into_font().color(&p.text))
}

/// The plot of a chart in the house margins, with values on the left (`label_room` wide) and,
/// with `second_axis`, on the right too (the caller then sets its range with
/// `set_secondary_coord`). Without one, the right margin keeps the plot as wide as those that
/// have it.
fn house_plot<'a, 'b>(
    plot: &'a DrawingArea<SVGBackend<'b>, Shift>,
    label_room: u32,
    second_axis: bool,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
) -> Result<ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>> {
    let mut builder = ChartBuilder::on(plot);
    builder.margin(12).margin_top(4);
    if second_axis {
        builder.right_y_label_area_size(48);
    } else {
        builder.margin_right(12 + 48);
    }
    builder
        .x_label_area_size(30)
        .y_label_area_size(label_room)
        .build_cartesian_2d(x, y)
        .map_err(chart_err)
}

/// The right-hand axis, in the same style.
fn house_axes<'m, 'a, 'b, 'c>(
    axes: &'m mut Axes<'a, 'b, 'c>,
    p: &Palette,
) -> &'m mut Axes<'a, 'b, 'c> {
    axes.axis_style(p.text)
        .label_style(("sans-serif", TEXT_PX).into_font().color(&p.text))
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
    /// A range from lowest to highest: a thin upright line.
    Whisker(RGBColor),
}

/// Height of the legend strip drawn above each plot, so the legend never covers data.
const LEGEND_HEIGHT: u32 = 28;

/// Splits off the top strip of `root` and writes the legend into it, items side by side.
fn with_legend<'b>(
    root: &DrawingArea<SVGBackend<'b>, Shift>,
    p: &Palette,
    items: &[(Mark, &str)],
) -> Result<DrawingArea<SVGBackend<'b>, Shift>> {
    let (strip, plot) = root.split_vertically(LEGEND_HEIGHT);
    let font = ("sans-serif", TEXT_PX).into_font().color(&p.text);
    let mut x = 56;
    let y = 15;
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
            Mark::Whisker(c) => {
                PathElement::new([(x + 6, y - 7), (x + 6, y + 7)], c.stroke_width(1)).into_dyn()
            }
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
            .draw(&Text::new(label.to_string(), (x + 20, y - 8), font.clone()))
            .map_err(chart_err)?;
        // The naive font metrics of plotters without font files: about 0.55 em a character.
        x += 20 + (label.chars().count() as i32 * TEXT_PX as i32 * 11) / 20 + 22;
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
