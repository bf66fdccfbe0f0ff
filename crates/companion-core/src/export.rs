//! Writing an exported chart to a file the person chose: an SVG the core draws itself, or a
//! PNG the web view rasterised, checked to be one. Written whole or not at all.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Which chart of the trends screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ChartKind {
    Craving,
    Sleep,
    Mood,
    Checkups,
}

impl ChartKind {
    pub fn file_stem(self) -> &'static str {
        match self {
            ChartKind::Craving => "cravings",
            ChartKind::Sleep => "sleep",
            ChartKind::Mood => "mood",
            ChartKind::Checkups => "check-ups",
        }
    }
}

/// The file an exported chart is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub enum ExportFormat {
    Svg,
    Png,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            ExportFormat::Svg => "SVG image",
            ExportFormat::Png => "PNG image",
        }
    }
}

/// The largest PNG accepted from the web view: a 2× chart is well under 1 MiB.
pub const MAX_PNG_BYTES: usize = 16 << 20;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Checks that `bytes` start like a PNG image (signature, then the IHDR chunk) of sane size.
pub fn check_png(bytes: &[u8]) -> Result<()> {
    let bad = |why: &str| {
        Error::invalid(
            "png",
            format!("The picture of the chart could not be made ({why}). Nothing was saved."),
        )
    };
    if bytes.len() > MAX_PNG_BYTES {
        return Err(bad("it came out far too large"));
    }
    if bytes.len() < 33 || !bytes.starts_with(PNG_SIGNATURE) || &bytes[12..16] != b"IHDR" {
        return Err(bad("it is not a PNG image"));
    }
    let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    if width == 0 || height == 0 || width > 8192 || height > 8192 {
        return Err(bad("its size is not that of a chart"));
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder, synced and then
/// renamed over the target, and the folder synced, so the file is either the whole export or
/// left as it was, even across a power cut. The temporary file is created new (never one that
/// is already there) and, like the result, readable by this account only on Linux and macOS.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically_with(path, |w| Ok(w.write_all(bytes)?))
}

/// [`write_atomically`] for a file written piece by piece by `fill`, so a large export never
/// has to be held in memory whole.
pub fn write_atomically_with(
    path: &Path,
    fill: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid("path", "Please choose a file name."))?;
    let unique = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let tmp = dir.join(format!(
        ".{}.{}.{unique}.partial",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut w = std::io::BufWriter::new(options.open(&tmp)?);
        fill(&mut w)?;
        let f = w.into_inner().map_err(|e| Error::Io(e.into_error()))?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself is only durable once the folder is synced.
        #[cfg(unix)]
        std::fs::File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut b = PNG_SIGNATURE.to_vec();
        b.extend_from_slice(&13u32.to_be_bytes());
        b.extend_from_slice(b"IHDR");
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    #[test]
    fn only_pngs_of_chart_size_pass() {
        assert!(check_png(&png_header(1600, 640)).is_ok());
        for bad in [
            vec![],
            b"<svg/>".to_vec(),
            png_header(0, 640),
            png_header(100_000, 10),
        ] {
            let e = check_png(&bad).expect_err("refused");
            assert_eq!(e.kind(), crate::ErrorKind::Invalid);
            assert!(e.to_string().contains("Nothing was saved"));
        }
    }

    #[test]
    fn writes_whole_files_and_leaves_no_partial_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("chart.svg");
        std::fs::write(&path, "old").expect("old");
        write_atomically(&path, b"<svg>new</svg>").expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"<svg>new</svg>");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("e").file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "for this account only");
        }
        // A leftover from an old crash under the old fixed name is no obstacle.
        std::fs::write(dir.path().join(".chart.svg.partial"), "stale").expect("stale");
        write_atomically(&path, b"<svg>newer</svg>").expect("write again");
        assert_eq!(std::fs::read(&path).expect("read"), b"<svg>newer</svg>");
        let missing = dir.path().join("no-such-folder").join("chart.svg");
        assert_eq!(
            write_atomically(&missing, b"x")
                .expect_err("no folder")
                .kind(),
            crate::ErrorKind::Storage
        );
    }
}
