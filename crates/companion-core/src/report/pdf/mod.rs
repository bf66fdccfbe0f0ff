//! A small page layout for PDFs the core makes (the clinician report, the printed safety plan):
//! headings, wrapped paragraphs, tables whose header repeats on each page, and the core's SVG
//! charts as vectors, on A4 with a footer on every page. Laid out first into pages of drawing
//! operations, then written with krilla, so the footer can say "page 2 of 3".
//!
//! Text is real text in an embedded, subset font (DejaVu Sans): it looks the same on every
//! system, can be selected and searched, and is read aloud by screen readers.

mod metrics;
mod painter;

use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::Document;
use resvg::usvg;

use crate::charts::render;
use crate::error::{Error, Result};

use metrics::Metrics;
use painter::Painter;

/// A4 in points.
pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 48.0;
/// Room kept at the bottom of each page for the footer.
const FOOTER: f32 = 40.0;
pub(crate) const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;

const INK: (u8, u8, u8) = (0x1e, 0x2a, 0x32);
/// Secondary text: 8.6:1 on white.
const MUTED: (u8, u8, u8) = (0x44, 0x52, 0x5c);
const RULE: (u8, u8, u8) = (0xc5, 0xce, 0xd4);
const SHADE: (u8, u8, u8) = (0xec, 0xf0, 0xf3);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

#[derive(Debug)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        color: (u8, u8, u8),
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: (u8, u8, u8),
    },
    Line {
        x1: f32,
        x2: f32,
        y: f32,
    },
    Svg {
        tree: Box<usvg::Tree>,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

/// A table column: its heading, its share of the width and how its cells align.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub head: &'static str,
    pub share: f32,
    pub align: Align,
}

/// Pages being laid out, top to bottom.
pub(crate) struct Layout {
    metrics: Metrics,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl std::fmt::Debug for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Layout")
            .field("pages", &self.pages.len())
            .field("y", &self.y)
            .finish()
    }
}

const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const LEADING: f32 = 1.35;

impl Layout {
    pub(crate) fn new() -> Result<Layout> {
        Ok(Layout {
            metrics: Metrics::new()?,
            pages: vec![vec![]],
            y: MARGIN,
        })
    }

    fn bottom() -> f32 {
        PAGE_H - MARGIN - FOOTER
    }

    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(vec![]);
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(vec![]);
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` more fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > Self::bottom() && self.y > MARGIN {
            self.new_page();
        }
    }

    fn line(&mut self, x: f32, text: String, size: f32, weight: Weight, color: (u8, u8, u8)) {
        let y = self.y + size;
        self.page().push(Op::Text {
            x,
            y,
            size,
            weight,
            color,
            text,
        });
        self.y += size * LEADING;
    }

    pub(crate) fn title(&mut self, text: &str) {
        for l in self.metrics.wrap(text, 18.0, Weight::Bold, WIDTH) {
            self.line(MARGIN, l, 18.0, Weight::Bold, INK);
        }
        self.y += 2.0;
    }

    /// A section heading, kept on the page with at least the first lines that follow it.
    pub(crate) fn heading(&mut self, text: &str) {
        self.ensure(13.0 * LEADING + 4.0 * BODY * LEADING + 10.0);
        self.y += 10.0;
        for l in self.metrics.wrap(text, 13.0, Weight::Bold, WIDTH) {
            self.line(MARGIN, l, 13.0, Weight::Bold, INK);
        }
        self.y += 2.0;
    }

    pub(crate) fn subheading(&mut self, text: &str) {
        self.ensure(BODY * LEADING * 3.0);
        self.y += 3.0;
        for l in self.metrics.wrap(text, BODY, Weight::Bold, WIDTH) {
            self.line(MARGIN, l, BODY, Weight::Bold, INK);
        }
    }

    pub(crate) fn paragraph(&mut self, text: &str) {
        self.text(text, BODY, INK, 0.0);
        self.y += 3.0;
    }

    pub(crate) fn note(&mut self, text: &str) {
        self.text(text, SMALL, MUTED, 0.0);
        self.y += 3.0;
    }

    /// Text indented by `indent`, broken over pages line by line.
    fn text(&mut self, text: &str, size: f32, color: (u8, u8, u8), indent: f32) {
        for l in self
            .metrics
            .wrap(text, size, Weight::Regular, WIDTH - indent)
        {
            self.ensure(size * LEADING);
            self.line(MARGIN + indent, l, size, Weight::Regular, color);
        }
    }

    pub(crate) fn bullet(&mut self, text: &str) {
        self.ensure(BODY * LEADING);
        let y = self.y + BODY;
        self.page().push(Op::Text {
            x: MARGIN + 2.0,
            y,
            size: BODY,
            weight: Weight::Regular,
            color: INK,
            text: "•".into(),
        });
        self.text(text, BODY, INK, 12.0);
        self.y += 2.0;
    }

    /// A table with a shaded header row, repeated at the top of each page it runs onto.
    pub(crate) fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let pad = 3.0;
        let widths = self.widths(columns, rows, pad);
        let size = SMALL;
        let line_h = size * LEADING;
        let wrap = |m: &Metrics, cells: &[String], weight| -> Vec<Vec<String>> {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| m.wrap(c, size, weight, w - 2.0 * pad))
                .collect()
        };
        let heads: Vec<String> = columns.iter().map(|c| c.head.to_owned()).collect();
        let head_lines = wrap(&self.metrics, &heads, Weight::Bold);
        let head_h = head_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_h + 2.0 * pad;
        let draw_head = |me: &mut Layout| {
            let top = me.y;
            me.page().push(Op::Rect {
                x: MARGIN,
                y: top,
                w: WIDTH,
                h: head_h,
                color: SHADE,
            });
            me.row(columns, &widths, &head_lines, Weight::Bold, pad, line_h);
            me.y = top + head_h;
        };
        self.ensure(head_h + line_h * 2.0 + 2.0 * pad);
        draw_head(self);
        for cells in rows {
            let lines = wrap(&self.metrics, cells, Weight::Regular);
            let h = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_h + 2.0 * pad;
            if self.y + h > Self::bottom() {
                self.new_page();
                draw_head(self);
            }
            let top = self.y;
            self.row(columns, &widths, &lines, Weight::Regular, pad, line_h);
            self.y = top + h;
            let y = self.y;
            self.page().push(Op::Line {
                x1: MARGIN,
                x2: MARGIN + WIDTH,
                y,
            });
        }
        self.y += 6.0;
    }

    /// Column widths from their shares, widened where a word would not fit (a heading
    /// broken mid-word is hard to read), taking the room from columns that have some to spare.
    fn widths(&self, columns: &[Column], rows: &[Vec<String>], pad: f32) -> Vec<f32> {
        let total: f32 = columns.iter().map(|c| c.share).sum();
        let mut widths: Vec<f32> = columns.iter().map(|c| WIDTH * c.share / total).collect();
        let longest = |text: &str, weight| {
            text.split_whitespace()
                .map(|w| self.metrics.width(w, SMALL, weight))
                .fold(0.0f32, f32::max)
        };
        let need: Vec<f32> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let cells = rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|t| {
                        // A short cell on one line; a long one may wrap between words.
                        let whole = self.metrics.width(t, SMALL, Weight::Regular);
                        if whole < WIDTH * 0.2 {
                            whole
                        } else {
                            longest(t, Weight::Regular)
                        }
                    })
                    .fold(0.0f32, f32::max);
                longest(c.head, Weight::Bold).max(cells) + 2.0 * pad + 0.5
            })
            .collect();
        if need.iter().sum::<f32>() > WIDTH {
            return widths;
        }
        for _ in 0..columns.len() {
            let short: f32 = widths
                .iter()
                .zip(&need)
                .map(|(w, n)| (n - w).max(0.0))
                .sum();
            if short <= 0.01 {
                break;
            }
            let spare: f32 = widths
                .iter()
                .zip(&need)
                .map(|(w, n)| (w - n).max(0.0))
                .sum();
            let take = short.min(spare) / spare.max(f32::EPSILON);
            for (w, n) in widths.iter_mut().zip(&need) {
                if *w < *n {
                    *w = *n;
                } else {
                    *w -= (*w - n) * take;
                }
            }
        }
        widths
    }

    /// One row of cells from the current position; leaves `y` below its first padding.
    fn row(
        &mut self,
        columns: &[Column],
        widths: &[f32],
        lines: &[Vec<String>],
        weight: Weight,
        pad: f32,
        line_h: f32,
    ) {
        let top = self.y + pad;
        let mut x = MARGIN;
        for ((column, width), cell) in columns.iter().zip(widths).zip(lines) {
            for (n, l) in cell.iter().enumerate() {
                let w = self.metrics.width(l, SMALL, weight);
                let lx = match column.align {
                    Align::Left => x + pad,
                    Align::Right => x + width - pad - w,
                };
                let y = top + n as f32 * line_h + SMALL;
                self.page().push(Op::Text {
                    x: lx,
                    y,
                    size: SMALL,
                    weight,
                    color: INK,
                    text: l.clone(),
                });
            }
            x += width;
        }
        self.y = top;
    }

    /// One of the core's SVG charts, drawn as vectors across the text width.
    pub(crate) fn svg(&mut self, svg: &str) -> Result<()> {
        let tree = render::parse(svg)?;
        let ratio = tree.size().height() / tree.size().width();
        let h = WIDTH * ratio;
        self.ensure(h);
        let y = self.y;
        self.page().push(Op::Svg {
            tree: Box::new(tree),
            x: MARGIN,
            y,
            w: WIDTH,
            h,
        });
        self.y += h + 4.0;
        Ok(())
    }

    /// The finished PDF, with `footer` and "Page n of N" at the foot of every page.
    pub(crate) fn finish(self, title: &str, footer: &str) -> Result<(Vec<u8>, usize)> {
        let pdf_err = |e: krilla::error::KrillaError| Error::Chart(format!("PDF: {e:?}"));
        let painter = Painter::new()?;
        let mut doc = Document::new();
        doc.set_metadata(
            Metadata::new()
                .title(title.to_owned())
                .language("en".into())
                .creator("Kratom Recovery Companion".into()),
        );
        let pages = self.pages.len();
        let footer_lines = self
            .metrics
            .wrap(footer, 7.5, Weight::Regular, WIDTH - 60.0);
        for (n, ops) in self.pages.into_iter().enumerate() {
            let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
                .ok_or_else(|| Error::Chart("PDF: the page size".into()))?;
            let mut page = doc.start_page_with(settings);
            let mut s = page.surface();
            for op in ops {
                painter.draw(&mut s, op);
            }
            let number = format!("Page {} of {pages}", n + 1);
            let number_width = self.metrics.width(&number, 7.5, Weight::Regular);
            painter.footer(&mut s, &footer_lines, &number, number_width);
            s.finish();
            page.finish();
        }
        Ok((doc.finish().map_err(pdf_err)?, pages))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_table_repeats_its_header_on_each_page() {
        let mut l = Layout::new().expect("layout");
        let columns = [
            Column {
                head: "Day",
                share: 1.0,
                align: Align::Left,
            },
            Column {
                head: "Amount",
                share: 1.0,
                align: Align::Right,
            },
        ];
        let rows: Vec<Vec<String>> = (0..200)
            .map(|i| vec![format!("day {i}"), format!("{i} g")])
            .collect();
        l.table(&columns, &rows);
        let pages = l.pages.len();
        assert!(pages >= 3, "{pages}");
        for page in &l.pages {
            let heads = page
                .iter()
                .filter(
                    |op| matches!(op, Op::Text { text, weight: Weight::Bold, .. } if text == "Day"),
                )
                .count();
            assert_eq!(heads, 1);
            for op in page {
                if let Op::Text { y, .. } = op {
                    assert!(*y <= Layout::bottom() + SMALL, "text below the footer line");
                }
            }
        }
    }
}
