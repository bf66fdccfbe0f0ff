//! One computer's side of the shared folder: it stamps its own changes, writes them as files of
//! its own (never touching another computer's), folds its history into a snapshot now and then
//! (deleting its own older files only once the snapshot is in place), and reads the others'
//! files in each computer's order, without gaps.
//!
//! The folder is whatever the person syncs, so its hazards are ordinary: a conflict copy under
//! any name, a half-written or temporary file, a file arriving twice or out of order, the
//! folder emptied or put back from an old copy. Every file is read by its authenticated header,
//! never by its name; a file that is not whole, not ours or not next in its computer's order is
//! left alone, and nothing is ever deleted but this computer's own files.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::hex;
use super::hlc::{Clock, Hlc, Node, Observed};
use super::segment::{self, Content, DataKey, SegmentError, What};
use super::state::{Op, RowId, State};

use super::folder::{skipped, Folder, Pass, Taken};

/// How many files of changes a computer keeps before folding them into a snapshot.
pub const FILES_BEFORE_SNAPSHOT: usize = 32;

/// Where this computer is in another's files: the last change taken, the hash its next file
/// must name, and the epoch of the newest key its files were sealed under (an older one is
/// not taken from it again: only a removed computer would still write with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
struct Mark {
    last: u64,
    hash: [u8; 32],
    #[serde(default)]
    epoch: u32,
}

/// A data key of the vault: its epoch (0 for the vault's first) and the computer that made it
/// (two removals at once make two keys of one epoch).
pub type KeyId = (u32, Node);

/// One computer.
#[derive(Debug)]
pub struct Replica {
    vault: [u8; 16],
    /// Every data key of the vault this computer holds, oldest first: files are sealed under
    /// the last, and read under whichever opens them.
    keys: Vec<(KeyId, DataKey)>,
    /// Computers removed: their files are no longer read.
    removed: BTreeSet<Node>,
    /// A snapshot is owed to the folder: a computer was removed, and what it wrote before
    /// (taken here, and no longer read from its files) must reach those who join later; or a
    /// new key came, and what was sealed under older ones must reach a computer that missed
    /// one of them.
    snapshot_due: bool,
    clock: Clock,
    state: State,
    /// Own changes made and not yet written.
    pending: Vec<Op>,
    /// Own files: the last change written and its file's hash.
    own: Mark,
    /// Own files in the folder, with what each held: the last snapshot and the files of
    /// changes since.
    own_files: Vec<(String, [u8; 32])>,
    /// Every other computer's mark.
    seen: BTreeMap<Node, Mark>,
    /// The next file, sealed and not yet in place: written again byte for byte after a
    /// crash, so a computer that already read it finds the same file.
    sealed: Option<Sealed>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Sealed {
    name: String,
    last: u64,
    bytes: Vec<u8>,
}

/// What a computer keeps between runs, apart from its key and its merged state (which the
/// diary file keeps as a journal of what was merged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    vault: [u8; 16],
    last: Hlc,
    pending: Vec<Op>,
    own: Mark,
    own_files: Vec<(String, [u8; 32])>,
    seen: Vec<(Node, Mark)>,
    sealed: Option<Sealed>,
    #[serde(default)]
    removed: BTreeSet<Node>,
    #[serde(default)]
    snapshot_due: bool,
}

impl Replica {
    pub fn new(vault: [u8; 16], key: DataKey, node: Node) -> Replica {
        Replica {
            vault,
            keys: vec![((0, [0; 16]), key)],
            removed: BTreeSet::new(),
            snapshot_due: false,
            clock: Clock::new(node),
            state: State::default(),
            pending: vec![],
            own: Mark::default(),
            own_files: vec![],
            seen: BTreeMap::new(),
            sealed: None,
        }
    }

    /// This computer's id.
    pub fn node_of(saved: &Saved) -> Node {
        saved.last.node
    }

    /// The computers removed, as saved.
    pub fn removed_in(saved: &Saved) -> &BTreeSet<Node> {
        &saved.removed
    }

    /// The vault, as saved.
    pub fn vault_of(saved: &Saved) -> [u8; 16] {
        saved.vault
    }

    /// Everything but the keys and the state, to keep between runs.
    pub fn saved(&self) -> Saved {
        Saved {
            vault: self.vault,
            last: self.clock.last(),
            pending: self.pending.clone(),
            own: self.own,
            own_files: self.own_files.clone(),
            seen: self.seen.iter().map(|(n, m)| (*n, *m)).collect(),
            sealed: self.sealed.clone(),
            removed: self.removed.clone(),
            snapshot_due: self.snapshot_due,
        }
    }

    /// The computer as it was saved, with its keys (the vault's first at least) and its state
    /// as the journal rebuilt it.
    pub fn restore(saved: Saved, mut keys: Vec<(KeyId, DataKey)>, state: State) -> Replica {
        keys.sort_by_key(|(id, _)| *id);
        Replica {
            vault: saved.vault,
            keys,
            removed: saved.removed,
            snapshot_due: saved.snapshot_due,
            clock: Clock::resume(saved.last),
            state,
            pending: saved.pending,
            own: saved.own,
            own_files: saved.own_files,
            seen: saved.seen.into_iter().collect(),
            sealed: saved.sealed,
        }
    }

    pub fn vault(&self) -> [u8; 16] {
        self.vault
    }

    /// The key files are sealed under now.
    fn key(&self) -> &DataKey {
        // `new` and `restore` always hold one.
        &self.keys[self.keys.len() - 1].1
    }

    /// Every key held, oldest first.
    pub fn keys(&self) -> &[(KeyId, DataKey)] {
        &self.keys
    }

    /// The epoch of the key files are sealed under now.
    pub fn epoch(&self) -> u32 {
        self.keys.last().map_or(0, |((e, _), _)| *e)
    }

    /// Takes a new key of the vault (from a key file); false when it was already held.
    pub fn add_key(&mut self, id: KeyId, key: DataKey) -> bool {
        if self.keys.iter().any(|(k, _)| *k == id) {
            return false;
        }
        self.keys.push((id, key));
        self.keys.sort_by_key(|(id, _)| *id);
        true
    }

    /// The next [`Replica::repair`] writes a snapshot: after a new key, so that a computer
    /// holding only that one (it missed the key before) catches up from it.
    pub fn owe_snapshot(&mut self) {
        self.snapshot_due = true;
    }

    /// Stops reading these computers' files; the next [`Replica::repair`] writes a snapshot
    /// holding what they wrote before.
    pub fn remove(&mut self, nodes: &[Node]) {
        let me = self.node();
        for n in nodes.iter().filter(|n| **n != me) {
            self.snapshot_due |= self.removed.insert(*n);
        }
    }

    pub fn removed(&self) -> &BTreeSet<Node> {
        &self.removed
    }

    /// Whether changes wait to be written.
    pub fn has_unwritten(&self) -> bool {
        !self.pending.is_empty() || self.sealed.is_some()
    }

    pub fn node(&self) -> Node {
        self.clock.node()
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// Sets a field of a row, as the person did now; the change it makes.
    pub fn set(&mut self, now_ms: u64, row: RowId, field: &str, value: serde_json::Value) -> Op {
        let base = self.state.field(&row, field).map(|s| s.at);
        self.set_based(now_ms, row, field, value, base)
    }

    /// Sets a field of a row, as the person did now over the version `base` they saw.
    pub fn set_based(
        &mut self,
        now_ms: u64,
        row: RowId,
        field: &str,
        value: serde_json::Value,
        base: Option<Hlc>,
    ) -> Op {
        self.record(now_ms, row, field, value, base, vec![])
    }

    /// Sets a field to the value the person chose among the versions shown and the ones made
    /// elsewhere at the same time: every version of the field is then replaced by this one.
    pub fn settle(&mut self, now_ms: u64, row: RowId, field: &str, value: serde_json::Value) -> Op {
        let shown = self.state.field(&row, field);
        let base = shown.as_ref().map(|s| s.at);
        let settles = shown
            .map(|s| s.others.into_iter().map(|(at, _)| at).collect())
            .unwrap_or_default();
        // The shown version is the latest of them all: after it, this comes after every one.
        self.record(now_ms, row, field, value, base, settles)
    }

    /// A change of this computer's, stamped after the version it replaces, applied and kept
    /// for the next file.
    fn record(
        &mut self,
        now_ms: u64,
        row: RowId,
        field: &str,
        value: serde_json::Value,
        base: Option<Hlc>,
        settles: Vec<Hlc>,
    ) -> Op {
        let at = Hlc::after(self.clock.tick(now_ms), base);
        self.clock.observe(at, now_ms);
        let op = Op::Set {
            at,
            base,
            row,
            field: field.to_owned(),
            value,
            settles,
        };
        self.state.apply(&op);
        self.pending.push(op.clone());
        op
    }

    /// Empties a row from the trash, everywhere and for good.
    pub fn purge(&mut self, now_ms: u64, row: RowId) -> Op {
        let op = Op::Purge {
            at: self.clock.tick(now_ms),
            row,
        };
        self.state.apply(&op);
        self.pending.push(op.clone());
        op
    }

    fn name(&self, what: &str, first: u64, last: u64) -> String {
        format!("{}/{what}-{first:016x}-{last:016x}", hex(&self.node()))
    }

    /// Writes the changes made since the last call as one new file; none when there are none.
    pub fn flush(&mut self, folder: &mut dyn Folder) -> Result<(), SegmentError> {
        self.put(folder)?;
        self.seal()?;
        self.put(folder)
    }

    /// Seals the changes made since the last file into the next one, unless one is already
    /// sealed and waiting (its changes go first; these wait for the next file).
    pub fn seal(&mut self) -> Result<(), SegmentError> {
        if self.pending.is_empty() || self.sealed.is_some() {
            return Ok(());
        }
        let (first, last) = (self.own.last + 1, self.own.last + self.pending.len() as u64);
        let bytes = segment::changes(
            self.key(),
            self.vault,
            self.node(),
            (first, last),
            self.own.hash,
            self.pending.clone(),
        )?;
        self.sealed = Some(Sealed {
            name: self.name("changes", first, last),
            last,
            bytes,
        });
        self.pending.clear();
        Ok(())
    }

    /// Puts the sealed file in place. Kept until written: a folder that cannot be written to
    /// loses nothing, and the same bytes are written again next time.
    pub fn put(&mut self, folder: &mut dyn Folder) -> Result<(), SegmentError> {
        let Some(sealed) = &self.sealed else {
            return Ok(());
        };
        folder
            .write(&sealed.name, &sealed.bytes)
            .map_err(|e| SegmentError::Folder(e.kind()))?;
        self.own = Mark {
            last: sealed.last,
            hash: segment::hash(&sealed.bytes),
            epoch: self.epoch(),
        };
        self.own_files.push((sealed.name.clone(), self.own.hash));
        self.sealed = None;
        if self.own_files.len() > FILES_BEFORE_SNAPSHOT {
            self.compact(folder)?;
        }
        // Changes made while the file was waiting are sealed by the next step, after which
        // the diary keeps their file: one sealed here and written unkept would be sealed
        // again after a crash, with other bytes under the same name.
        Ok(())
    }

    /// Folds this computer's files into one snapshot of everything it holds, then deletes its
    /// own older files (a reader that has not seen them takes the snapshot instead).
    pub fn compact(&mut self, folder: &mut dyn Folder) -> Result<(), SegmentError> {
        let bytes = segment::snapshot(
            self.key(),
            self.vault,
            self.node(),
            self.own.last,
            self.own.hash,
            &self.state,
        )?;
        let name = self.name("snapshot", 0, self.own.last);
        folder
            .write(&name, &bytes)
            .map_err(|e| SegmentError::Folder(e.kind()))?;
        let mine = format!("{}/", hex(&self.node()));
        for old in folder.names() {
            if old.starts_with(&mine) && old != name && !skipped(&old) {
                // Best effort: a file left behind is read as a duplicate, never as harm.
                let _ = folder.remove(&old);
            }
        }
        self.own_files = vec![(name, segment::hash(&bytes))];
        Ok(())
    }

    /// Puts this computer's history back when the folder lost a file of it (emptied, or put
    /// back from an old copy) or holds another under its name (a sync engine's conflict kept
    /// the other side's): one snapshot of everything it holds, so no one waits for a change
    /// that is no longer there, and the others' chain of this computer starts again from it.
    /// The same after a computer was removed (see `snapshot_due`).
    pub fn repair(&mut self, folder: &mut dyn Folder) -> Result<bool, SegmentError> {
        let intact = |(name, hash): &(String, [u8; 32])| {
            folder
                .read(name)
                .is_some_and(|bytes| segment::hash(&bytes) == *hash)
        };
        if self.snapshot_due && self.sealed.is_none() {
            // A place in this computer's history that only the snapshot holds, so that every
            // other computer takes it, even one that has read all of this one's files: what
            // it adds is what this one took from the removed computer.
            self.own.last += 1;
            if let Err(e) = self.compact(folder) {
                self.own.last -= 1;
                return Err(e);
            }
            self.snapshot_due = false;
            return Ok(true);
        }
        if self.own.last == 0 || self.own_files.iter().all(intact) {
            return Ok(false);
        }
        self.compact(folder)?;
        Ok(true)
    }

    /// Reads every other computer's files it has not taken yet, in each computer's order,
    /// until nothing more can be taken.
    pub fn pull(&mut self, folder: &dyn Folder, now_ms: u64) -> Pass {
        let mut pass = Pass::default();
        let mut files: Vec<(String, segment::Header, Content, [u8; 32], u32)> = vec![];
        for name in folder.names() {
            if skipped(&name) {
                continue;
            }
            let Some(bytes) = folder.read(&name) else {
                continue;
            };
            // A file this computer wrote or already took is not opened again: its clear
            // header says so, and a file whose header lies is refused when opened anyway.
            if let Ok(h) = segment::Header::peek(&bytes) {
                let taken = self.seen.get(&h.node).map_or(0, |m| m.last);
                if h.vault == self.vault
                    && (h.node == self.node() || h.last <= taken || self.removed.contains(&h.node))
                {
                    continue;
                }
            }
            match self.open(&bytes) {
                Ok((header, _, _)) if header.node == self.node() => {}
                Ok((header, content, epoch)) => {
                    files.push((name, header, content, segment::hash(&bytes), epoch))
                }
                Err(why) => pass.left.push((name, why)),
            }
        }
        // Snapshots first (newest last), then changes by computer and order.
        files.sort_by_key(|(_, h, _, _, _)| (h.what == What::Changes, h.node, h.first, h.last));
        loop {
            let mut progress = false;
            for (name, header, content, hash, epoch) in &files {
                let mark = self.seen.get(&header.node).copied().unwrap_or_default();
                if *epoch < mark.epoch {
                    // Sealed under a key its computer no longer uses.
                    continue;
                }
                let take = match (header.what, content) {
                    // A snapshot covering more than taken so far (an older one, brought back
                    // with an old copy of the folder, adds nothing).
                    (What::Snapshot, Content::Snapshot(s)) if header.last > mark.last => {
                        self.state.merge(s);
                        pass.taken.push(Taken::Snapshot(s.clone()));
                        Some(Mark {
                            last: header.last,
                            hash: header.prev,
                            epoch: *epoch,
                        })
                    }
                    (What::Changes, Content::Changes(ops)) if header.first == mark.last + 1 => {
                        if header.prev != mark.hash {
                            if !pass.out_of_chain.contains(name) {
                                pass.out_of_chain.push(name.clone());
                            }
                            None
                        } else {
                            for op in ops {
                                if let Observed::Ahead(by) = self.clock.observe(op.at(), now_ms) {
                                    pass.ahead.insert(header.node, by);
                                }
                                self.state.apply(op);
                                pass.taken.push(Taken::Op(op.clone()));
                            }
                            Some(Mark {
                                last: header.last,
                                hash: *hash,
                                epoch: *epoch,
                            })
                        }
                    }
                    _ => None,
                };
                if let Some(m) = take {
                    if m != mark {
                        self.seen.insert(header.node, m);
                        pass.applied += 1;
                        progress = true;
                    }
                }
            }
            if !progress {
                break;
            }
        }
        pass
    }
}

impl Replica {
    /// Opens a file under whichever key held opens it, the newest first: what it holds and
    /// the epoch of its key.
    fn open(&self, bytes: &[u8]) -> Result<(segment::Header, Content, u32), SegmentError> {
        for ((epoch, _), key) in self.keys.iter().rev() {
            match segment::open(key, self.vault, bytes) {
                Ok((h, c)) => return Ok((h, c, *epoch)),
                // Perhaps sealed under another key held.
                Err(SegmentError::Unauthentic) => {}
                // What no key changes: not a file of this vault, or broken inside.
                Err(e) => return Err(e),
            }
        }
        Err(SegmentError::Unauthentic)
    }
}
