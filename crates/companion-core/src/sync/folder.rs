//! The shared folder's contract with a computer: what a folder is (names and bytes), which
//! names are never a computer's file to read, and what one reading of it found.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::hlc::Node;
use super::segment::SegmentError;
use super::state::{Op, RowId, State};

/// The folder as one computer sees it: names and bytes. Names are only for finding files.
pub trait Folder {
    fn names(&self) -> Vec<String>;
    fn read(&self, name: &str) -> Option<Vec<u8>>;
    /// Writes a new file whole (a partial one never shows under this name).
    fn write(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()>;
    fn remove(&mut self, name: &str) -> std::io::Result<()>;
}

/// Names the sync engines and the operating systems give files that are not (yet) ours to
/// read, and what is not a computer's file: the vault's description (read when joining), the
/// key files, and anything else at the top (a conflict copy of the description, a stranger's
/// note), since a computer's files are always in its own folder.
pub(super) fn skipped(name: &str) -> bool {
    let Some((dir, base)) = name.rsplit_once('/') else {
        return true;
    };
    dir == super::rekey::DIR
        || base.starts_with(".syncthing.")
        || base.starts_with('~')
        || base.ends_with(".tmp")
        || base.ends_with(".partial")
        || base.ends_with(".icloud")
}

/// What reading the folder found, for the status line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pass {
    /// Files taken in.
    pub applied: usize,
    /// Files left alone, with why.
    pub left: Vec<(String, SegmentError)>,
    /// Files that break their computer's chain (another history under the same computer).
    pub out_of_chain: Vec<String>,
    /// Computers whose clock was ahead of ours by more than the bound, by how much.
    pub ahead: BTreeMap<Node, u64>,
    /// What was merged, in order: for the diary file to keep and to show.
    pub taken: Vec<Taken>,
}

/// One thing merged from another computer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Taken {
    Op(Op),
    Snapshot(State),
}

impl Taken {
    /// The rows it touches.
    pub fn rows(&self) -> Vec<&RowId> {
        match self {
            Taken::Op(Op::Set { row, .. } | Op::Purge { row, .. }) => vec![row],
            Taken::Snapshot(s) => s.rows().collect(),
        }
    }
}
