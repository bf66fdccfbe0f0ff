//! Measuring and wrapping text in the PDF's embedded fonts (DejaVu Sans), so lines are
//! broken before they are drawn.

use skrifa::instance::{LocationRef, Size as FontSize};
use skrifa::MetadataProvider;

use super::Weight;
use crate::charts::render::{sans, sans_bold};
use crate::error::{Error, Result};

/// Measures text in the embedded fonts, without kerning (a hair wider than drawn, so lines
/// never overflow).
pub(super) struct Metrics {
    regular: skrifa::FontRef<'static>,
    bold: skrifa::FontRef<'static>,
}

impl Metrics {
    pub(super) fn new() -> Result<Metrics> {
        let font =
            |data| skrifa::FontRef::new(data).map_err(|e| Error::Chart(format!("font: {e}")));
        Ok(Metrics {
            regular: font(sans())?,
            bold: font(sans_bold())?,
        })
    }

    pub(super) fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let font = match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        };
        let charmap = font.charmap();
        let glyphs = font.glyph_metrics(FontSize::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                let gid = charmap.map(c).unwrap_or_default();
                glyphs.advance_width(gid).unwrap_or(size * 0.6)
            })
            .sum()
    }

    /// `text` broken into lines no wider than `width`, keeping its own line breaks; a word
    /// longer than a line is broken where it must be.
    pub(super) fn wrap(&self, text: &str, size: f32, weight: Weight, width: f32) -> Vec<String> {
        let mut lines = vec![];
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size, weight) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A word wider than the line on its own: split it by characters.
                for c in word.chars() {
                    let next = format!("{line}{c}");
                    if !line.is_empty() && self.width(&next, size, weight) > width {
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    } else {
                        line = next;
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_their_width_and_keep_every_word() {
        let m = Metrics::new().expect("fonts");
        let text = "Slept badly after the step-down; a walk at lunch helped.\nSecond line \
                    with a verylongwordthatcannotfitanywhereatallinanarrowcolumnofatable.";
        for width in [40.0, 80.0, 200.0, 500.0] {
            let lines = m.wrap(text, 9.0, Weight::Regular, width);
            for l in &lines {
                assert!(
                    m.width(l, 9.0, Weight::Regular) <= width || l.chars().count() == 1,
                    "{l:?} wider than {width}"
                );
            }
            let joined: String = lines.concat().split_whitespace().collect();
            let original: String = text.split_whitespace().collect();
            assert_eq!(joined, original, "width {width}");
        }
    }
}
