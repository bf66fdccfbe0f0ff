//! Drawing a laid-out page with krilla: text in the embedded font, shaded rows, rules and the
//! core's SVG charts as vectors, and the footer.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla_svg::{SurfaceExt, SvgSettings};

use super::{Op, Weight, FOOTER, LEADING, MARGIN, MUTED, PAGE_H, RULE, WIDTH};
use crate::charts::render::{sans, sans_bold};
use crate::error::{Error, Result};

/// What draws a page's operations: the two weights of the embedded font.
pub(super) struct Painter {
    regular: Font,
    bold: Font,
}

impl Painter {
    pub(super) fn new() -> Result<Painter> {
        let font = |data: &'static [u8]| {
            Font::new(data.into(), 0).ok_or_else(|| Error::Chart("PDF: the font".into()))
        };
        Ok(Painter {
            regular: font(sans())?,
            bold: font(sans_bold())?,
        })
    }

    fn fill(c: (u8, u8, u8)) -> Fill {
        Fill {
            paint: rgb::Color::new(c.0, c.1, c.2).into(),
            opacity: NormalizedF32::ONE,
            rule: Default::default(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn text(
        &self,
        s: &mut krilla::surface::Surface<'_>,
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        color: (u8, u8, u8),
        t: &str,
    ) {
        s.set_fill(Some(Self::fill(color)));
        let f = match weight {
            Weight::Regular => self.regular.clone(),
            Weight::Bold => self.bold.clone(),
        };
        s.draw_text(Point::from_xy(x, y), f, size, t, false, TextDirection::Auto);
    }

    /// One operation of a laid-out page.
    pub(super) fn draw(&self, s: &mut krilla::surface::Surface<'_>, op: Op) {
        match op {
            Op::Text {
                x,
                y,
                size,
                weight,
                color,
                text: t,
            } => self.text(s, x, y, size, weight, color, &t),
            Op::Rect { x, y, w, h, color } => {
                if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                    let mut pb = PathBuilder::new();
                    pb.push_rect(rect);
                    if let Some(path) = pb.finish() {
                        s.set_stroke(None);
                        s.set_fill(Some(Self::fill(color)));
                        s.draw_path(&path);
                    }
                }
            }
            Op::Line { x1, x2, y } => {
                let mut pb = PathBuilder::new();
                pb.move_to(x1, y);
                pb.line_to(x2, y);
                if let Some(path) = pb.finish() {
                    s.set_fill(None);
                    s.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(RULE.0, RULE.1, RULE.2).into(),
                        width: 0.5,
                        ..Default::default()
                    }));
                    s.draw_path(&path);
                    s.set_stroke(None);
                }
            }
            Op::Svg { tree, x, y, w, h } => {
                s.push_transform(&Transform::from_translate(x, y));
                if let Some(size) = Size::from_wh(w, h) {
                    s.draw_svg(&tree, size, SvgSettings::default());
                }
                s.pop();
            }
        }
    }

    /// The footer's lines on the left and the page's number on the right.
    pub(super) fn footer(
        &self,
        s: &mut krilla::surface::Surface<'_>,
        lines: &[String],
        number: &str,
        number_width: f32,
    ) {
        let top = PAGE_H - MARGIN - FOOTER + 22.0;
        let mut y = top;
        for l in lines {
            self.text(s, MARGIN, y, 7.5, Weight::Regular, MUTED, l);
            y += 7.5 * LEADING;
        }
        let x = MARGIN + WIDTH - number_width;
        self.text(s, x, top, 7.5, Weight::Regular, MUTED, number);
    }
}
