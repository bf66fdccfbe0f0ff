//! The core's SVG charts made into other things without a browser: PNG pictures (resvg) and
//! the fonts both they and the clinician report's PDF use. One embedded font (DejaVu Sans) makes
//! every picture and report look the same on every system, whatever fonts it has installed.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::error::{Error, Result};

/// DejaVu Sans (see assets/fonts/LICENSE): wide coverage of scripts, free to embed. Kept
/// brotli-compressed in the binary (build.rs) and unpacked once, on first use.
pub(crate) fn sans() -> &'static [u8] {
    static FONT: OnceLock<Vec<u8>> = OnceLock::new();
    unpacked(
        &FONT,
        include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans.ttf.br")),
    )
}

pub(crate) fn sans_bold() -> &'static [u8] {
    static FONT: OnceLock<Vec<u8>> = OnceLock::new();
    unpacked(
        &FONT,
        include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Bold.ttf.br")),
    )
}

fn unpacked(cell: &'static OnceLock<Vec<u8>>, packed: &[u8]) -> &'static [u8] {
    cell.get_or_init(|| {
        let mut font = Vec::with_capacity(packed.len() * 3);
        // The bytes were compressed by our own build script: a failure is a broken build, and
        // leaves no font, which every report and picture test would catch.
        if brotli::BrotliDecompress(&mut &packed[..], &mut font).is_err() {
            font.clear();
        }
        font
    })
}

/// The fonts the charts' `sans-serif` text is drawn with: ours only, never the system's.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(sans().to_vec());
            db.load_font_data(sans_bold().to_vec());
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

/// A chart's SVG read for drawing, with our fonts.
pub(crate) fn parse(svg: &str) -> Result<usvg::Tree> {
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: "DejaVu Sans".into(),
        ..Default::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| Error::Chart(format!("SVG: {e}")))
}

/// The chart as a PNG picture at `scale` times its size (2 for sharp text on any screen).
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>> {
    let tree = parse(svg)?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or_else(|| Error::Chart("the picture would be too large".into()))?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| Error::Chart("the picture would be too large".into()))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Error::Chart(format!("PNG: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_becomes_a_png_of_twice_its_size_with_its_text_drawn() {
        let svg = r##"<svg width="200" height="100" xmlns="http://www.w3.org/2000/svg"><rect width="200" height="100" fill="#ffffff"/><text x="10" y="50" font-family="sans-serif" font-size="20" fill="#000000">Sleep</text></svg>"##;
        let bytes = png(svg, 2.0).expect("png");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        let pixmap = tiny_skia::Pixmap::decode_png(&bytes).expect("decode");
        assert_eq!((pixmap.width(), pixmap.height()), (400, 200));
        // The text was drawn in our font: some pixels are dark, the rest white.
        let dark = pixmap.pixels().iter().filter(|p| p.red() < 100).count();
        assert!(dark > 100, "{dark} dark pixels");
        let blank = png(&svg.replace(">Sleep<", "><"), 2.0).expect("blank");
        let blank = tiny_skia::Pixmap::decode_png(&blank).expect("decode");
        assert_eq!(blank.pixels().iter().filter(|p| p.red() < 100).count(), 0);
    }

    #[test]
    fn something_that_is_not_an_svg_is_an_error_not_a_panic() {
        assert!(png("<html>", 2.0).is_err());
        assert!(png("", 2.0).is_err());
    }
}
