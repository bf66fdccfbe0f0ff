//! The diary file kept in step with the person's other computers through a folder they already
//! sync (issue 30): what the person changed goes from the diary's tables into this computer's
//! changes, and what the others changed comes from the merged state back into the tables,
//! through the same checks an import makes.
//!
//! Every write to a table that syncs marks its kind in the same transaction (migration 0013),
//! so nothing acknowledged is missed, whatever happens before the next step. A step compares
//! the marked kinds' rows with what the diary held when it was last in step (the shadow) and
//! records each differing field as a change. The merged state is rebuilt at start from a
//! journal of everything merged; this computer's next file is kept sealed in the diary until it
//! is in the folder, so a crash writes the same bytes again. Reminders stay on each computer:
//! a water reminder should not ring on three at once.

mod keys;
mod rows;
mod view;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::store::sync as store;
use crate::sync::disk::DiskFolder;
use crate::sync::folder::{Folder, Pass, Taken};
use crate::sync::hlc::Node;
use crate::sync::rekey;
use crate::sync::replica::{KeyId, Replica, Saved};
use crate::sync::segment::DataKey;
use crate::sync::state::{RowId, State};
use crate::sync::unhex;
use crate::sync::vault::{self, Opened};

pub use keys::Removal;
use keys::{key_files, KeyNews};
use rows::{capture, hex, project, synced, COMPUTERS};
pub use view::{
    keep_version, other_versions, take_version, view, ComputerView, OtherVersion, Outcome,
    SyncView, VersionField,
};

/// Past this many entries, the journal is folded into one.
const JOURNAL_FOLD: i64 = 20_000;

/// What one step did, for the status line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Step {
    /// Changes this computer recorded.
    pub recorded: usize,
    /// Files of the others taken in.
    pub files_taken: usize,
    /// Files left alone (not whole, not this diary's, or not next in their computer's order).
    pub files_left: usize,
    /// The computers (by id) whose folders those files sat in, so the card can name them.
    pub left_in: BTreeSet<String>,
    /// Rows written into the diary from the others' changes.
    pub placed: usize,
    /// Rows of the others' the diary could not take (a rule of the diary, another row on the
    /// same day): this computer's own were kept.
    pub rows_left: usize,
    /// The folder could not be written to or read (away, full, refused); nothing was lost.
    pub unreachable: bool,
    /// Another computer's clock was this far ahead (ms).
    pub ahead_ms: Option<u64>,
    /// Another computer removed this one from the shared diary.
    pub removed_here: bool,
    /// Another computer made a new key this one did not receive.
    pub key_missed: bool,
    /// The key files are sealed under now was also given to a removed computer: two
    /// computers removed one each at the same time, each key wrapped for the other's removed
    /// one. A new key ([`Removal::renew`]) shuts it out.
    pub keys_crossed: bool,
}

/// This computer's side of the shared diary, as the sync thread holds it between steps.
#[derive(Debug)]
pub struct Syncer {
    replica: Replica,
    folder: DiskFolder,
    /// This computer's own key in the vault, under which a new data key reaches it.
    own_key: Option<[u8; 32]>,
}

/// A new random computer id.
fn new_node() -> Result<Node> {
    let mut node = [0u8; 16];
    getrandom::fill(&mut node)
        .map_err(|_| Error::Io(std::io::Error::other("no random numbers")))?;
    Ok(node)
}

fn sync_error(e: impl std::fmt::Display) -> Error {
    Error::invalid("sync", e.to_string())
}

/// Whether this diary keeps in step with a folder.
pub fn is_set_up(conn: &Connection) -> Result<bool> {
    Ok(store::computer(conn)?.is_some())
}

fn save_computer(
    conn: &Connection,
    chosen: &Path,
    name: &str,
    opened: &Opened,
    replica: &Replica,
) -> Result<()> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return Err(Error::invalid(
            "computerName",
            "Give this computer a name of up to 40 characters, such as \u{201c}Home laptop\u{201d}.",
        ));
    }
    store::add_computer(
        conn,
        &store::Computer {
            folder: chosen.to_string_lossy().into_owned(),
            name: name.to_owned(),
            key: opened.key.bytes().to_vec(),
            saved: serde_json::to_string(&replica.saved()).unwrap_or_default(),
            own_key: opened
                .root
                .as_ref()
                .map(|root| rekey::own_key(root, opened.id, replica.node()).to_vec()),
        },
    )?;
    for ((epoch, maker), key) in replica.keys().iter().filter(|((e, _), _)| *e > 0) {
        store::add_key(conn, *epoch, &hex(maker), key.bytes())?;
    }
    // Everything the diary holds is new to the folder.
    for kind in synced() {
        store::mark(conn, kind.key)?;
    }
    Ok(())
}

/// Starts a shared diary in `chosen`, with this diary as its first computer, and a passphrase
/// as a second way in if the person chose one: the recovery code to write down.
pub fn start(
    conn: &mut Connection,
    chosen: &Path,
    name: &str,
    passphrase: Option<&str>,
) -> Result<String> {
    let mut folder = DiskFolder::in_chosen(chosen);
    if folder.read(vault::FILE).is_some() {
        return Err(Error::invalid(
            "folder",
            "This folder already holds a shared diary. Choose \u{201c}Join\u{201d} and type its recovery code instead.",
        ));
    }
    if is_set_up(conn)? {
        return Err(Error::invalid(
            "folder",
            "This diary is already kept in step with a folder.",
        ));
    }
    let passphrase = passphrase
        .filter(|p| !p.trim().is_empty())
        .map(vault::passphrase_secret)
        .transpose()
        .map_err(|e| Error::invalid("passphrase", e.to_string()))?;
    let code = vault::new_recovery_code().map_err(sync_error)?;
    let secret = vault::read_recovery_code(&code).map_err(sync_error)?;
    let (description, opened) =
        vault::create(&secret, passphrase.as_deref(), vault::KDF).map_err(sync_error)?;
    let replica = Replica::new(opened.id, opened.key.clone(), new_node()?);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    save_computer(&tx, chosen, name, &opened, &replica)?;
    let bytes = serde_json::to_vec_pretty(&description).unwrap_or_default();
    folder.write(vault::FILE, &bytes).map_err(|e| {
        Error::invalid(
            "folder",
            format!("The folder could not be written to ({e}). Nothing was changed."),
        )
    })?;
    tx.commit()?;
    Ok(code)
}

/// Joins the shared diary in `chosen` with its recovery code or passphrase. The caller backs
/// the diary up first: the first step merges it with the others'.
pub fn join(conn: &mut Connection, chosen: &Path, name: &str, typed: &str) -> Result<()> {
    let folder = DiskFolder::in_chosen(chosen);
    let Some(bytes) = folder.read(vault::FILE) else {
        return Err(Error::invalid(
            "folder",
            "No shared diary was found in this folder. Check that it has finished syncing, or start one here.",
        ));
    };
    if is_set_up(conn)? {
        return Err(Error::invalid(
            "folder",
            "This diary is already kept in step with a folder.",
        ));
    }
    let opened = open_vault(&bytes, typed)?;
    let mut replica = Replica::new(opened.id, opened.key.clone(), new_node()?);
    // The keys made since the vault began (each removal's), for joiners under the root.
    if let Some(root) = &opened.root {
        for file in key_files(&folder, opened.id) {
            if let (Some(key), Some(maker)) = (file.open_with_root(opened.id, root), file.writer())
            {
                replica.add_key((file.epoch, maker), key);
                replica.remove(&file.removed());
            }
        }
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    save_computer(&tx, chosen, name, &opened, &replica)?;
    tx.commit()?;
    Ok(())
}

/// The vault described by `bytes` (`vault.json`), opened with the recovery code or passphrase
/// the person typed.
fn open_vault(bytes: &[u8], typed: &str) -> Result<Opened> {
    let description = vault::read(bytes).map_err(sync_error)?;
    vault::open_typed(&description, typed)
        .map_err(|e| Error::invalid("recoveryCode", e.to_string()))
}

impl Syncer {
    /// This computer's side as the diary keeps it; `None` when the diary does not sync.
    pub fn load(conn: &Connection) -> Result<Option<Syncer>> {
        let Some(store::Computer {
            folder,
            key,
            saved,
            own_key,
            ..
        }) = store::computer(conn)?
        else {
            return Ok(None);
        };
        let damaged = |what: &str| Error::Damaged {
            path: "the diary".into(),
            detail: format!("its record of keeping in step ({what}) cannot be read."),
        };
        let key: [u8; 32] = key.try_into().map_err(|_| damaged("key"))?;
        let mut keys: Vec<(KeyId, DataKey)> = vec![((0, [0; 16]), DataKey::from_bytes(key))];
        for (epoch, maker, key) in store::keys(conn)? {
            let (Some(maker), Ok(key)) = (unhex::<16>(&maker), <[u8; 32]>::try_from(key)) else {
                return Err(damaged("keys"));
            };
            keys.push(((epoch, maker), DataKey::from_bytes(key)));
        }
        let own_key = match own_key {
            Some(k) => Some(<[u8; 32]>::try_from(k).map_err(|_| damaged("own key"))?),
            None => None,
        };
        let saved: Saved = serde_json::from_str(&saved).map_err(|_| damaged("position"))?;
        let mut state = State::default();
        for entry in store::journal(conn)? {
            match serde_json::from_str::<Taken>(&entry).map_err(|_| damaged("journal"))? {
                Taken::Op(op) => state.apply(&op),
                Taken::Snapshot(s) => state.merge(&s),
            }
        }
        // A write made by a version before the marks, or by hand, is found all the same.
        for kind in synced() {
            store::mark(conn, kind.key)?;
        }
        Ok(Some(Syncer {
            replica: Replica::restore(saved, keys, state),
            folder: DiskFolder::in_chosen(Path::new(&folder)),
            own_key,
        }))
    }

    pub fn folder(&self) -> PathBuf {
        self.folder.root().to_path_buf()
    }

    /// The first part of a step, with no hold on the diary: reads and decrypts the others'
    /// files the merged state has not taken yet.
    pub fn read_folder(&mut self, now_ms: u64) -> Pulled {
        if !self.folder.reachable() {
            return Pulled {
                pass: Pass::default(),
                unreachable: true,
                keys: KeyNews::default(),
            };
        }
        // New keys first, so the files sealed under them are read in the same pass.
        let keys = keys::take(&mut self.replica, &self.folder, self.own_key.as_ref());
        Pulled {
            pass: self.replica.pull(&self.folder, now_ms),
            unreachable: false,
            keys,
        }
    }

    /// The second part, in one transaction: records this computer's changes, puts the others'
    /// into the diary and seals this computer's next file. On an error the caller loads the
    /// syncer again from the diary (what was merged in memory is read again then).
    pub fn record(&mut self, conn: &mut Connection, pulled: Pulled, now_ms: u64) -> Result<Step> {
        let Pulled {
            pass,
            unreachable,
            keys,
        } = pulled;
        let mut out = Step {
            files_taken: pass.applied,
            files_left: pass.left.len() + pass.out_of_chain.len(),
            left_in: (pass.left.iter().map(|(name, _)| name))
                .chain(&pass.out_of_chain)
                .filter_map(|name| name.split_once('/').map(|(dir, _)| dir.to_owned()))
                .collect(),
            ahead_ms: pass.ahead.values().max().copied(),
            unreachable,
            removed_here: keys.removed_here,
            key_missed: keys.missed,
            keys_crossed: keys.crossed,
            ..Step::default()
        };
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // A diary deleted (and started empty) or restored from before it joined has left the
        // shared diary: nothing of the folder comes into it.
        let Some(computer) = store::computer(&tx)? else {
            return Err(Error::invalid(
                "sync",
                "This diary is no longer kept in step with a folder.",
            ));
        };
        let first = store::shadow_empty(&tx)?;
        let mut touched: BTreeSet<RowId> =
            pass.taken.iter().flat_map(Taken::rows).cloned().collect();
        if first {
            touched.extend(self.replica.state().rows().cloned());
        }
        let mut journal = pass.taken;
        let before = journal.len();
        // This computer's name, as the others show it ("also edited on …").
        let me = RowId {
            kind: COMPUTERS.into(),
            uuid: hex(&self.replica.node()),
        };
        let name = Value::from(computer.name);
        if self
            .replica
            .state()
            .field(&me, "name")
            .map(|s| s.value)
            .as_ref()
            != Some(&name)
        {
            let op = self.replica.set(now_ms, me.clone(), "name", name);
            journal.push(Taken::Op(op));
            touched.insert(me);
        }
        touched.extend(capture(
            &tx,
            &mut self.replica,
            now_ms,
            first,
            &mut journal,
        )?);
        out.recorded = journal.len() - before;
        // When each computer last changed something, for the list of computers.
        let mut latest: BTreeMap<Node, u64> = BTreeMap::new();
        for t in &journal {
            if let Taken::Op(op) = t {
                let at = op.at();
                let seen = latest.entry(at.node).or_default();
                *seen = (*seen).max(at.wall_ms);
            }
        }
        for (node, ms) in latest {
            store::changed_at(&tx, &hex(&node), i64::try_from(ms).unwrap_or(i64::MAX))?;
        }
        (out.placed, out.rows_left) = project(&tx, &self.replica, &touched)?;
        store::unmark_all(&tx)?;
        write_journal(&tx, &journal, self.replica.state())?;
        self.replica
            .seal()
            .map_err(|e| sync_error(format!("This computer's changes could not be sealed ({e:?}); they are kept and tried again.")))?;
        for ((epoch, maker), key) in self.replica.keys().iter().filter(|((e, _), _)| *e > 0) {
            store::add_key(&tx, *epoch, &hex(maker), key.bytes())?;
        }
        save(&tx, &self.replica)?;
        tx.commit()?;
        Ok(out)
    }

    /// The last part, with no hold on the diary: puts this computer's sealed file in the
    /// folder (and a snapshot, when the folder lost some of its history). `Some(written)`
    /// when the syncer changed and must be saved with [`Syncer::save`].
    pub fn write_folder(&mut self) -> Option<bool> {
        if !self.folder.reachable() {
            return self.replica.has_unwritten().then_some(false);
        }
        let mut changed = false;
        let mut written = true;
        if self.replica.has_unwritten() {
            changed = true;
            written = self.replica.put(&mut self.folder).is_ok();
        }
        if self.replica.repair(&mut self.folder).unwrap_or(false) {
            changed = true;
        }
        changed.then_some(written)
    }

    /// Keeps where this computer is in the folder.
    pub fn save(&self, conn: &Connection) -> Result<()> {
        save(conn, &self.replica)
    }
}

/// The others' files read by [`Syncer::read_folder`].
#[derive(Debug)]
pub struct Pulled {
    pass: Pass,
    unreachable: bool,
    keys: KeyNews,
}

fn save(conn: &Connection, replica: &Replica) -> Result<()> {
    store::save(
        conn,
        &serde_json::to_string(&replica.saved()).unwrap_or_default(),
    )
}

fn write_journal(conn: &Connection, journal: &[Taken], state: &State) -> Result<()> {
    let entries: Vec<String> = journal
        .iter()
        .map(|e| serde_json::to_string(e).unwrap_or_default())
        .collect();
    if store::append(conn, &entries)? > JOURNAL_FOLD {
        store::fold(
            conn,
            &serde_json::to_string(&Taken::Snapshot(state.clone())).unwrap_or_default(),
        )?;
    }
    Ok(())
}
