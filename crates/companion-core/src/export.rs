//! Writing an export to a file the person chose (a chart, the diary, a report), whole or not
//! at all.

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

/// Removes from `dir` what [`write_atomically_with`] left when another process (an earlier
/// run, killed) was stopped mid-write. This process's own temporary files are left alone: a
/// thread of it may be writing one now.
pub(crate) fn clear_stale_partials(dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let ours = format!(".{}.", std::process::id());
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(inner) = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".partial"))
        else {
            continue;
        };
        // `<name>.<pid>.<nanoseconds>`: the last two parts are numbers.
        let mut parts = inner.rsplitn(3, '.');
        let (Some(unique), Some(pid), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let numbers = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if numbers(unique) && numbers(pid) && !name.contains(&ours) {
            match std::fs::remove_file(entry.path()) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partials_of_killed_writers_go_and_this_process_keeps_its_own() {
        let dir = tempfile::tempdir().expect("dir");
        let me = std::process::id();
        let other = me.wrapping_add(1);
        let names = [
            format!(".window-state.{other}.1796393615723631926.partial"),
            format!(".window-state.{me}.1796393615723631926.partial"),
            ".diary-20261204T100000Z-daily.sqlite3.partial".to_owned(),
            "notes.partial".to_owned(),
        ];
        for n in &names {
            std::fs::write(dir.path().join(n), "x").expect("write");
        }
        clear_stale_partials(dir.path()).expect("clear");
        let left: Vec<bool> = names.iter().map(|n| dir.path().join(n).exists()).collect();
        assert_eq!(left, [false, true, true, true]);
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
            crate::error::ErrorKind::Storage
        );
    }
}
