//! A new data key that a removed computer does not get (a lost or sold laptop). The person
//! types the recovery code or passphrase on a computer that stays; it writes one new file,
//! `keys/<epoch>-<computer>.json`, written once like every other: the new key wrapped for
//! each computer that stays, under that computer's own key (derived from the vault's root
//! secret and its id, kept by it alone), and for whoever joins later, under a key derived from
//! the root. The removed computer holds neither the root nor another's own key, so it can
//! neither read the new key nor write a new key file that another computer would take.
//!
//! Each wrap binds the vault, the epoch, the writer, the removed computers and its recipient
//! as associated data, so a file cut, spliced or edited by the folder's host opens for no one.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

use super::hlc::Node;
use super::segment::{DataKey, SegmentError};
use super::vault::Root;
use super::{hex, unhex};

pub const FORMAT: &str = "recovery-companion-key";
pub const VERSION: u32 = 1;
/// The folder of key files in the diary's folder.
pub const DIR: &str = "keys";
/// Who a wrap is for when it is for a computer that joins later.
const JOINERS: &str = "joiners";

/// One new data key, wrapped for one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Wrap {
    /// A computer's id in hex, or "joiners".
    pub to: String,
    pub nonce: String,
    pub key: String,
}

/// `keys/<epoch>-<writer>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyFile {
    pub format: String,
    pub version: u32,
    pub vault: String,
    /// One more than the newest key its writer held.
    pub epoch: u32,
    /// The computer that wrote it.
    pub by: String,
    /// The computers it removes, in hex, sorted.
    pub removed: Vec<String>,
    pub wraps: Vec<Wrap>,
}

/// A computer's own key in a vault: what a new data key is wrapped under for it.
pub fn own_key(root: &Root, vault: [u8; 16], node: Node) -> [u8; 32] {
    root.derive("computer", &[&vault, &node])
}

fn joiners_key(root: &Root, vault: [u8; 16], epoch: u32, by: &str) -> [u8; 32] {
    root.derive("joiners", &[&vault, &epoch.to_be_bytes(), by.as_bytes()])
}

impl KeyFile {
    /// Its name in the diary's folder.
    pub fn name(&self) -> String {
        format!("{DIR}/{:08}-{}.json", self.epoch, self.by)
    }

    fn aad(&self, to: &str) -> Vec<u8> {
        format!(
            "{FORMAT}/{VERSION}/{}/{}/{}/{}/{to}",
            self.vault,
            self.epoch,
            self.by,
            self.removed.join(",")
        )
        .into_bytes()
    }

    /// The computers it removes.
    pub fn removed(&self) -> Vec<Node> {
        self.removed.iter().filter_map(|r| unhex(r)).collect()
    }

    /// The computers it was wrapped for (joiners aside).
    pub fn wrapped_for(&self) -> Vec<Node> {
        self.wraps.iter().filter_map(|w| unhex(&w.to)).collect()
    }

    pub fn writer(&self) -> Option<Node> {
        unhex(&self.by)
    }

    fn open_wrap(&self, to: &str, under: &[u8; 32]) -> Option<DataKey> {
        let w = self.wraps.iter().find(|w| w.to == to)?;
        let nonce = unhex::<24>(&w.nonce)?;
        let sealed = unhex::<48>(&w.key)?;
        let plain = XChaCha20Poly1305::new(under.into())
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &sealed,
                    aad: &self.aad(to),
                },
            )
            .ok()?;
        let key = <[u8; 32]>::try_from(plain.as_slice()).ok()?;
        Some(DataKey::from_bytes(key))
    }

    /// The new key, for the computer `node` holding its own key `own`: `None` when the file
    /// is not for it or not authentic.
    pub fn open_for(&self, vault: [u8; 16], node: Node, own: &[u8; 32]) -> Option<DataKey> {
        if self.vault != hex(&vault) {
            return None;
        }
        self.open_wrap(&hex(&node), own)
    }

    /// The new key, for a computer joining with the vault's root.
    pub fn open_with_root(&self, vault: [u8; 16], root: &Root) -> Option<DataKey> {
        if self.vault != hex(&vault) {
            return None;
        }
        self.open_wrap(JOINERS, &joiners_key(root, vault, self.epoch, &self.by))
    }
}

/// A new data key for `vault`, written by `by` over the newest key of `epoch - 1`, for the
/// computers that `stay` and for joiners, not for the `removed`.
pub fn rotate(
    root: &Root,
    vault: [u8; 16],
    epoch: u32,
    by: Node,
    removed: &[Node],
    stay: &[Node],
) -> Result<(KeyFile, DataKey), SegmentError> {
    let key = DataKey::random()?;
    let mut removed: Vec<String> = removed.iter().map(|n| hex(n)).collect();
    removed.sort();
    removed.dedup();
    let mut file = KeyFile {
        format: FORMAT.into(),
        version: VERSION,
        vault: hex(&vault),
        epoch,
        by: hex(&by),
        removed,
        wraps: vec![],
    };
    let mut recipients: Vec<(String, [u8; 32])> = stay
        .iter()
        .filter(|n| !file.removed.contains(&hex(*n)))
        .map(|n| (hex(n), own_key(root, vault, *n)))
        .collect();
    recipients.sort();
    recipients.dedup_by(|a, b| a.0 == b.0);
    recipients.push((JOINERS.into(), joiners_key(root, vault, epoch, &file.by)));
    for (to, under) in recipients {
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).map_err(|_| SegmentError::NoRandom)?;
        let sealed = XChaCha20Poly1305::new((&under).into())
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: key.bytes(),
                    aad: &file.aad(&to),
                },
            )
            .map_err(|_| SegmentError::NoRandom)?;
        file.wraps.push(Wrap {
            to,
            nonce: hex(&nonce),
            key: hex(&sealed),
        });
    }
    Ok((file, key))
}

/// Reads a key file's bytes: `None` for anything that is not one (it is then left alone).
pub fn read(bytes: &[u8]) -> Option<KeyFile> {
    if bytes.len() > 256 * 1024 {
        return None;
    }
    let f: KeyFile = serde_json::from_slice(bytes).ok()?;
    (f.format == FORMAT && f.version <= VERSION && f.epoch > 0).then_some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const VAULT: [u8; 16] = [7; 16];
    const A: Node = [1; 16];
    const B: Node = [2; 16];
    const C: Node = [3; 16];

    fn root() -> Root {
        Root::for_tests([5; 32])
    }

    #[test]
    fn the_new_key_reaches_those_who_stay_and_joiners_but_not_the_removed() {
        let root = root();
        let (file, key) = rotate(&root, VAULT, 1, A, &[C], &[A, B, C]).expect("rotate");
        let file = read(&serde_json::to_vec(&file).expect("json")).expect("reads back");
        assert_eq!(file.removed(), vec![C]);
        for n in [A, B] {
            let got = file
                .open_for(VAULT, n, &own_key(&root, VAULT, n))
                .expect("for those who stay");
            assert_eq!(got.bytes(), key.bytes());
        }
        let joined = file.open_with_root(VAULT, &root).expect("for joiners");
        assert_eq!(joined.bytes(), key.bytes());
        // The removed computer, with its own key, gets nothing; nor does anyone with another's.
        assert!(file.open_for(VAULT, C, &own_key(&root, VAULT, C)).is_none());
        assert!(file.open_for(VAULT, B, &own_key(&root, VAULT, A)).is_none());
        assert!(file
            .open_for([8; 16], A, &own_key(&root, VAULT, A))
            .is_none());
        // Another vault's root opens nothing.
        let other = Root::for_tests([6; 32]);
        assert!(file.open_with_root(VAULT, &other).is_none());
        assert!(file
            .open_for(VAULT, A, &own_key(&other, VAULT, A))
            .is_none());
    }

    #[test]
    fn a_file_edited_by_the_host_opens_for_no_one() {
        let root = root();
        let (file, _) = rotate(&root, VAULT, 1, A, &[C], &[A, B]).expect("rotate");
        // Taking the removed computer off the list, or adding one, or moving the epoch.
        let mut spared = file.clone();
        spared.removed.clear();
        let mut more = file.clone();
        more.removed.push(hex(&B));
        let mut later = file.clone();
        later.epoch = 2;
        for f in [spared, more, later] {
            assert!(f.open_for(VAULT, A, &own_key(&root, VAULT, A)).is_none());
            assert!(f.open_with_root(VAULT, &root).is_none());
        }
    }

    proptest! {
        #[test]
        fn hostile_bytes_are_left_alone(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            if let Some(f) = read(&bytes) {
                prop_assert!(f.open_for(VAULT, A, &own_key(&root(), VAULT, A)).is_none());
            }
        }
    }
}
