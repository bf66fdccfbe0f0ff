//! The shared folder on this computer's disk: the vault's description at its top, each
//! computer's files in a folder named by its id. Files are written whole (a hidden partial
//! file, synced, then renamed), read only up to [`MAX_FILE_BYTES`], and a name the sync
//! engines use for files in transit is never read. Nothing here deletes a file it did not
//! write: [`super::replica::Replica`] removes only its own.

use std::path::{Path, PathBuf};

use super::folder::Folder;
use super::hlc::Node;
use super::segment::MAX_FILE_BYTES;
use super::unhex;

/// The folder inside the person's chosen folder that holds the diary, so that it can share a
/// folder with other things.
pub const DIR: &str = "Recovery Companion diary";

#[derive(Debug, Clone)]
pub struct DiskFolder {
    root: PathBuf,
}

impl DiskFolder {
    /// The diary's folder inside `chosen` (made on the first write).
    pub fn in_chosen(chosen: &Path) -> DiskFolder {
        DiskFolder {
            root: chosen.join(DIR),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The files of one folder inside (`keys`), by the names [`Folder::read`] takes.
    pub fn names_in(&self, dir: &str) -> Vec<String> {
        let mut out: Vec<String> = files_in(&self.root.join(dir))
            .into_iter()
            .filter(|f| f.file_type().is_ok_and(|t| t.is_file()))
            .map(|f| format!("{dir}/{}", f.file_name().to_string_lossy()))
            .collect();
        out.sort();
        out
    }

    /// The computers with a folder of their own here, by the folder's name (an id in hex): in
    /// the clear, so a name only, never proof that such a computer exists.
    pub fn computers(&self) -> Vec<Node> {
        files_in(&self.root)
            .into_iter()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| unhex::<16>(&e.file_name().to_string_lossy()))
            .collect()
    }

    /// Whether the folder can be read now (a network folder or a stick may be away).
    pub fn reachable(&self) -> bool {
        self.root.parent().is_some_and(Path::is_dir)
    }
}

fn files_in(dir: &Path) -> Vec<std::fs::DirEntry> {
    std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

impl Folder for DiskFolder {
    fn names(&self) -> Vec<String> {
        let mut out = vec![];
        for e in files_in(&self.root) {
            let name = e.file_name().to_string_lossy().into_owned();
            match e.file_type() {
                Ok(t) if t.is_dir() => {
                    for f in files_in(&e.path()) {
                        if f.file_type().is_ok_and(|t| t.is_file()) {
                            out.push(format!("{name}/{}", f.file_name().to_string_lossy()));
                        }
                    }
                }
                Ok(t) if t.is_file() => out.push(name),
                _ => {}
            }
        }
        out.sort();
        out
    }

    fn read(&self, name: &str) -> Option<Vec<u8>> {
        let path = self.root.join(name);
        let len = std::fs::metadata(&path).ok()?.len();
        if len > MAX_FILE_BYTES as u64 {
            return None;
        }
        std::fs::read(path).ok()
    }

    fn write(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.root.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        crate::export::write_atomically(&path, bytes)
            .map_err(|e| std::io::Error::other(e.to_string()))
    }

    fn remove(&mut self, name: &str) -> std::io::Result<()> {
        match std::fs::remove_file(self.root.join(name)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::replica::Replica;
    use crate::sync::segment::DataKey;
    use crate::sync::state::RowId;

    fn row() -> RowId {
        RowId {
            kind: "checkins".into(),
            uuid: "a".into(),
        }
    }

    /// Two computers over two real folders that a sync engine keeps in step (here, a copy),
    /// with a half-written file, a conflict copy and a stranger's file among them.
    #[test]
    fn two_computers_meet_through_real_folders() {
        let (a_dir, b_dir) = (
            tempfile::tempdir().expect("a"),
            tempfile::tempdir().expect("b"),
        );
        let (mut a_folder, mut b_folder) = (
            DiskFolder::in_chosen(a_dir.path()),
            DiskFolder::in_chosen(b_dir.path()),
        );
        let vault = [9; 16];
        let mut a = Replica::new(vault, DataKey::for_tests([1; 32]), [1; 16]);
        let mut b = Replica::new(vault, DataKey::for_tests([1; 32]), [2; 16]);
        a.set(1_000, row(), "mood", 6.into());
        a.flush(&mut a_folder).expect("flush");
        let names = a_folder.names();
        assert_eq!(names.len(), 1, "{names:?}");
        for name in &names {
            let bytes = a_folder.read(name).expect("read");
            b_folder.write(name, &bytes).expect("copy");
            let (dir, base) = name.split_once('/').expect("in a computer's folder");
            b_folder
                .write(&format!("{dir}/.syncthing.{base}.tmp"), &bytes[..10])
                .expect("partial");
            b_folder
                .write(
                    &format!("{name}.sync-conflict-20261204-101010-ABCDEFG"),
                    &bytes,
                )
                .expect("conflict copy");
        }
        // A stranger's file at the top (never a computer's: not even opened) and one in a
        // computer's folder (opened, and left alone).
        b_folder
            .write("notes.txt", b"someone else's file")
            .expect("stranger");
        b_folder
            .write(
                &format!("{}/notes.txt", names[0].split_once('/').expect("dir").0),
                b"someone else's file",
            )
            .expect("stranger inside");
        let pass = b.pull(&b_folder, 2_000);
        assert_eq!(pass.applied, 1);
        assert_eq!(pass.left.len(), 1, "{:?}", pass.left);
        assert!(pass.left[0].0.ends_with("/notes.txt"), "{:?}", pass.left);
        assert_eq!(b.state().field(&row(), "mood").expect("arrived").value, 6);
        // The stranger's file and the partial one are still there: nothing but one's own is
        // ever removed.
        b.set(3_000, row(), "mood", 7.into());
        b.compact(&mut b_folder).expect("compact");
        assert!(b_folder.names().iter().any(|n| n == "notes.txt"));
        assert!(b_folder.names().iter().any(|n| n.contains(".syncthing.")));
    }
}
