//! Removing a computer and making new keys: the key files in the folder, what they say to
//! this computer at each step, and `Removal`, which writes one with the recovery code or
//! passphrase typed again.

use std::collections::BTreeSet;
use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::store::sync as store;
use crate::sync::disk::DiskFolder;
use crate::sync::folder::Folder;
use crate::sync::hlc::Node;
use crate::sync::rekey::{self, KeyFile};
use crate::sync::replica::{Replica, Saved};
use crate::sync::vault;
use crate::sync::{hex, unhex};

use super::{open_vault, sync_error};

/// The key files of vault `vault` in the folder.
pub(super) fn key_files(folder: &DiskFolder, vault: [u8; 16]) -> Vec<KeyFile> {
    let vault = hex(&vault);
    folder
        .names_in(rekey::DIR)
        .iter()
        .filter(|n| n.ends_with(".json"))
        .filter_map(|n| rekey::read(&folder.read(n)?))
        .filter(|f| f.vault == vault)
        .collect()
}

/// Removing another computer from the shared diary (a lost laptop): a new key in the folder
/// that every other computer receives and it does not — nor any computer removed before.
#[derive(Debug)]
pub struct Removal {
    folder: DiskFolder,
    vault: [u8; 16],
    me: Node,
    /// The newest key's epoch: the new key's is the next.
    epoch: u32,
    /// Every computer removed, this one's target included.
    removed: Vec<Node>,
    stay: Vec<Node>,
}

impl Removal {
    /// Which computer, by its id in hex as the card lists it: read from the diary's record of
    /// keeping in step (not the merged state, which the sync thread holds), so that the slow
    /// part ([`Removal::finish`]) holds nothing.
    pub fn prepare(conn: &Connection, node: &str) -> Result<Removal> {
        let mut removal = Removal::renew(conn)?;
        let Some(target) =
            unhex::<16>(node).filter(|n| removal.stay.contains(n) && *n != removal.me)
        else {
            return Err(Error::invalid(
                "computer",
                "That computer is not among those keeping this diary.",
            ));
        };
        removal.stay.retain(|n| *n != target);
        removal.removed.push(target);
        Ok(removal)
    }

    /// No computer more: only a new key for the computers that stay, which none removed gets
    /// (what [`Step::keys_crossed`] asks for).
    pub fn renew(conn: &Connection) -> Result<Removal> {
        let not_synced = || Error::invalid("sync", "This diary is not kept in step with a folder.");
        let computer = store::computer(conn)?.ok_or_else(not_synced)?;
        let saved: Saved = serde_json::from_str(&computer.saved).map_err(|_| not_synced())?;
        let me = Replica::node_of(&saved);
        let removed = Replica::removed_in(&saved);
        let stay: BTreeSet<Node> = store::names(conn)?
            .iter()
            .filter_map(|(n, _, _)| unhex::<16>(n))
            .chain([me])
            .filter(|n| !removed.contains(n))
            .collect();
        Ok(Removal {
            folder: DiskFolder::in_chosen(Path::new(&computer.folder)),
            vault: Replica::vault_of(&saved),
            me,
            epoch: store::keys(conn)?
                .iter()
                .map(|(e, _, _)| *e)
                .max()
                .unwrap_or(0),
            removed: removed.iter().copied().collect(),
            stay: stay.into_iter().collect(),
        })
    }

    /// With the recovery code or passphrase typed again, writes the new key's file; the sync
    /// thread takes it from the folder like any other computer's.
    pub fn finish(self, typed: &str) -> Result<()> {
        let Some(bytes) = self.folder.read(vault::FILE) else {
            return Err(Error::invalid(
                "folder",
                "The shared folder cannot be reached right now, so no computer can be removed. Please try again when it is back.",
            ));
        };
        let opened = open_vault(&bytes, typed)?;
        let Some(root) = opened.root.filter(|_| opened.id == self.vault) else {
            return Err(Error::invalid(
                "recoveryCode",
                "This shared diary was started by an earlier version of the app, which cannot remove a computer. To leave out a lost computer, start a new shared diary in another folder and join it from the computers you keep.",
            ));
        };
        // Past every key in the folder, this computer's or not (one it missed), and leaving
        // out every computer any key file removes (one this computer could not open says so
        // in the clear: believing it can only leave a computer out, never let one in).
        let in_folder = key_files(&self.folder, self.vault);
        let epoch = in_folder.iter().map(|f| f.epoch).fold(self.epoch, u32::max);
        let mut removed = self.removed;
        removed.extend(in_folder.iter().flat_map(KeyFile::removed));
        removed.retain(|n| *n != self.me);
        // Every computer with a folder here too, heard of or not (one whose first file has
        // not reached this computer, or that this one could not read for want of a key): a
        // key wrapped for an id no one holds opens for no one.
        let mut stay = self.stay;
        stay.extend(self.folder.computers());
        let (file, _) = rekey::rotate(&root, self.vault, epoch + 1, self.me, &removed, &stay)
            .map_err(|e| sync_error(format!("A new key could not be made ({e:?}).")))?;
        let mut folder = self.folder;
        folder
            .write(
                &file.name(),
                &serde_json::to_vec_pretty(&file).unwrap_or_default(),
            )
            .map_err(|e| {
                Error::invalid(
                    "folder",
                    format!("The folder could not be written to ({e}). Nothing was changed."),
                )
            })
    }
}

/// What the key files said to this computer.
#[derive(Debug, Default)]
pub(super) struct KeyNews {
    pub removed_here: bool,
    pub missed: bool,
    pub crossed: bool,
}

/// Takes the new keys made for this computer (which holds its own key `own_key`), and stops
/// reading the computers each removes.
pub(super) fn take(
    replica: &mut Replica,
    folder: &DiskFolder,
    own_key: Option<&[u8; 32]>,
) -> KeyNews {
    let mut news = KeyNews::default();
    let (vault, me) = (replica.vault(), replica.node());
    let files = key_files(folder, vault);
    let mut missed = vec![];
    for file in &files {
        let Some(maker) = file.writer() else { continue };
        if replica
            .keys()
            .iter()
            .any(|(id, _)| *id == (file.epoch, maker))
        {
            continue;
        }
        let key = own_key.and_then(|own| file.open_for(vault, me, own));
        match key {
            Some(key) => {
                let id = (file.epoch, maker);
                if replica.add_key(id, key) && replica.keys().last().map(|(k, _)| *k) == Some(id) {
                    replica.owe_snapshot();
                }
                replica.remove(&file.removed());
            }
            // Not for this computer: it may say why (it cannot be told apart from a
            // file the folder's host made, so it changes nothing here).
            None if file.removed().contains(&me) => news.removed_here = true,
            None => missed.push((file.epoch, maker)),
        }
    }
    // Missed only while no newer key reached this computer (one made here since, say).
    let newest = replica.keys().last().map(|(id, _)| *id);
    news.missed = missed.iter().any(|id| Some(*id) > newest);
    // The key this computer seals under: given to a computer removed since?
    news.crossed = files.iter().any(|f| {
        f.writer().map(|w| (f.epoch, w)) == newest
            && f.wrapped_for()
                .iter()
                .any(|n| replica.removed().contains(n))
    });
    news
}
