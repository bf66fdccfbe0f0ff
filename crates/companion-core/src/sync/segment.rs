//! The files a computer writes to the shared folder, each written once by one computer and
//! never changed: a clear header (which vault, which computer, which of its changes, the hash
//! of its previous file) bound as associated data to the encrypted body, so that a file
//! renamed, swapped between computers, truncated, spliced or from another vault fails
//! authentication and is ignored. The body is the changes, compressed, then sealed with
//! XChaCha20-Poly1305 under the vault's data key and a random 24-byte nonce.
//!
//! The host of the folder sees each file's size, its time, the header (the vault's and the
//! computer's random ids, sequence numbers, a hash) and nothing of what is written.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::hlc::Node;
use super::state::{Op, State};

/// The first bytes of every file, and the format's version.
pub const MAGIC: &[u8; 8] = b"KRCSYNC1";
/// The header's length: magic, vault, computer, first and last sequence, previous hash, what,
/// nonce.
pub const HEADER_LEN: usize = 8 + 16 + 16 + 8 + 8 + 32 + 1 + 24;
/// The largest file read: far more than years of changes, so a hostile file cannot make the
/// app allocate without end.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// A vault's data key.
#[derive(Clone)]
pub struct DataKey([u8; 32]);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

impl Drop for DataKey {
    fn drop(&mut self) {
        // The key does not linger in freed memory.
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl DataKey {
    #[cfg(test)]
    pub(crate) fn for_tests(bytes: [u8; 32]) -> DataKey {
        DataKey(bytes)
    }

    pub(crate) fn from_bytes(bytes: [u8; 32]) -> DataKey {
        DataKey(bytes)
    }

    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub fn random() -> Result<DataKey, SegmentError> {
        let mut k = [0u8; 32];
        getrandom::fill(&mut k).map_err(|_| SegmentError::NoRandom)?;
        Ok(DataKey(k))
    }
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// A computer's changes `first..=last`, in order.
    Changes = 0,
    /// A computer's whole merged state, covering its own changes up to `last` (`first` is 0).
    Snapshot = 1,
}

/// The clear header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub vault: [u8; 16],
    pub node: Node,
    pub first: u64,
    pub last: u64,
    /// The SHA-256 of the computer's previous file of changes (zeros for its first).
    pub prev: [u8; 32],
    pub what: What,
}

/// Why a file was left alone. None of these changes anything in the diary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegmentError {
    /// Not one of ours (or a file cut before its header ended).
    Foreign,
    /// Ours, from a newer version of the app.
    TooNew,
    TooLarge,
    /// Of another vault.
    OtherVault,
    /// The header and the body do not belong together, the body was cut or changed, or the key
    /// is not this vault's.
    Unauthentic,
    /// Authentic but not readable: a bug of the writer, never of the folder.
    Malformed,
    NoRandom,
    /// The folder refused a write.
    Folder(std::io::ErrorKind),
}

#[derive(Serialize, Deserialize)]
enum Body {
    Changes(Vec<Op>),
    Snapshot(State),
}

impl Header {
    fn bytes(&self, nonce: &[u8; 24]) -> Vec<u8> {
        let mut h = Vec::with_capacity(HEADER_LEN);
        h.extend_from_slice(MAGIC);
        h.extend_from_slice(&self.vault);
        h.extend_from_slice(&self.node);
        h.extend_from_slice(&self.first.to_le_bytes());
        h.extend_from_slice(&self.last.to_le_bytes());
        h.extend_from_slice(&self.prev);
        h.push(self.what as u8);
        h.extend_from_slice(nonce);
        h
    }

    /// The header of `bytes`, read without the key: which computer and which changes a file
    /// claims to hold (only [`open`] says whether it does).
    pub fn peek(bytes: &[u8]) -> Result<Header, SegmentError> {
        if bytes.len() < HEADER_LEN || !bytes.starts_with(&MAGIC[..7]) {
            return Err(SegmentError::Foreign);
        }
        if bytes[7] != MAGIC[7] {
            return Err(SegmentError::TooNew);
        }
        let take = |from: usize, n: usize| &bytes[from..from + n];
        let arr16 = |from| <[u8; 16]>::try_from(take(from, 16)).unwrap_or_default();
        let u64_at =
            |from| u64::from_le_bytes(<[u8; 8]>::try_from(take(from, 8)).unwrap_or_default());
        let what = match bytes[88] {
            0 => What::Changes,
            1 => What::Snapshot,
            _ => return Err(SegmentError::TooNew),
        };
        Ok(Header {
            vault: arr16(8),
            node: arr16(24),
            first: u64_at(40),
            last: u64_at(48),
            prev: <[u8; 32]>::try_from(take(56, 32)).unwrap_or_default(),
            what,
        })
    }
}

fn cipher(key: &DataKey) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(&key.0.into())
}

fn seal(key: &DataKey, header: &Header, body: &Body) -> Result<Vec<u8>, SegmentError> {
    let mut nonce = [0u8; 24];
    getrandom::fill(&mut nonce).map_err(|_| SegmentError::NoRandom)?;
    let json = serde_json::to_vec(body).map_err(|_| SegmentError::Malformed)?;
    let mut packed = vec![];
    brotli::BrotliCompress(
        &mut json.as_slice(),
        &mut packed,
        &brotli::enc::BrotliEncoderParams {
            quality: 5,
            ..Default::default()
        },
    )
    .map_err(|_| SegmentError::Malformed)?;
    let aad = header.bytes(&nonce);
    let sealed = cipher(key)
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: &packed,
                aad: &aad,
            },
        )
        .map_err(|_| SegmentError::Malformed)?;
    let mut out = aad;
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// A file of the changes `first..=last` of computer `node`, chained to its previous file.
pub fn changes(
    key: &DataKey,
    vault: [u8; 16],
    node: Node,
    (first, last): (u64, u64),
    prev: [u8; 32],
    ops: Vec<Op>,
) -> Result<Vec<u8>, SegmentError> {
    let header = Header {
        vault,
        node,
        first,
        last,
        prev,
        what: What::Changes,
    };
    seal(key, &header, &Body::Changes(ops))
}

/// A file of a computer's whole merged state, covering its own changes up to `last`.
pub fn snapshot(
    key: &DataKey,
    vault: [u8; 16],
    node: Node,
    last: u64,
    prev: [u8; 32],
    state: &State,
) -> Result<Vec<u8>, SegmentError> {
    let header = Header {
        vault,
        node,
        first: 0,
        last,
        prev,
        what: What::Snapshot,
    };
    seal(key, &header, &Body::Snapshot(state.clone()))
}

/// What an authentic file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Changes(Vec<Op>),
    Snapshot(State),
}

/// Opens a file of vault `vault` with its key: its header and what it holds, or why it was
/// left alone. Hostile bytes give an error, never a panic and never a partial read.
pub fn open(
    key: &DataKey,
    vault: [u8; 16],
    bytes: &[u8],
) -> Result<(Header, Content), SegmentError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(SegmentError::TooLarge);
    }
    let header = Header::peek(bytes)?;
    if header.vault != vault {
        return Err(SegmentError::OtherVault);
    }
    let (aad, sealed) = bytes.split_at(HEADER_LEN);
    let nonce = <[u8; 24]>::try_from(&aad[HEADER_LEN - 24..]).map_err(|_| SegmentError::Foreign)?;
    let packed = cipher(key)
        .decrypt(&XNonce::from(nonce), Payload { msg: sealed, aad })
        .map_err(|_| SegmentError::Unauthentic)?;
    let mut json = vec![];
    // Only an authentic body, written by a computer holding the key, is decompressed.
    brotli::BrotliDecompress(&mut packed.as_slice(), &mut json)
        .map_err(|_| SegmentError::Malformed)?;
    let body: Body = serde_json::from_slice(&json).map_err(|_| SegmentError::Malformed)?;
    let content = match (body, header.what) {
        (Body::Changes(ops), What::Changes) if header.first <= header.last => Content::Changes(ops),
        (Body::Snapshot(s), What::Snapshot) => Content::Snapshot(s),
        _ => return Err(SegmentError::Malformed),
    };
    Ok((header, content))
}

/// The hash a computer's next file names as its previous one.
pub fn hash(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::sync::hlc::Hlc;
    use crate::sync::state::RowId;

    const VAULT: [u8; 16] = [7; 16];

    fn sample() -> (DataKey, Vec<u8>) {
        let key = DataKey([3; 32]);
        let ops = vec![Op::Set {
            at: Hlc {
                wall_ms: 1_700_000_000_000,
                counter: 0,
                node: [1; 16],
            },
            base: None,
            row: RowId {
                kind: "checkins".into(),
                uuid: "0f8f…".into(),
            },
            field: "note".into(),
            value: serde_json::Value::from("a hard evening, but I stayed"),
            settles: vec![],
        }];
        let bytes = changes(&key, VAULT, [1; 16], (1, 1), [0; 32], ops).expect("seal");
        (key, bytes)
    }

    #[test]
    fn a_file_opens_with_its_key_and_says_nothing_in_clear() {
        let (key, bytes) = sample();
        let (header, content) = open(&key, VAULT, &bytes).expect("open");
        assert_eq!((header.first, header.last, header.node), (1, 1, [1; 16]));
        assert!(matches!(content, Content::Changes(ref ops) if ops.len() == 1));
        assert!(!bytes.windows(4).any(|w| w == b"hard"));
        assert_eq!(
            open(&DataKey([4; 32]), VAULT, &bytes),
            Err(SegmentError::Unauthentic)
        );
        assert_eq!(open(&key, [8; 16], &bytes), Err(SegmentError::OtherVault));
    }

    #[test]
    fn one_edit_is_a_small_file() {
        let (_, bytes) = sample();
        assert!(bytes.len() < 4096, "{} bytes", bytes.len());
    }

    proptest! {
        /// Any change to any byte of the file — its header (which computer, which changes,
        /// which previous file) or its body — or cutting it anywhere, and it is refused.
        #[test]
        fn a_changed_or_cut_file_is_refused(at in any::<prop::sample::Index>(), bit in 0u8..8, cut in any::<prop::sample::Index>()) {
            let (key, bytes) = sample();
            let mut changed = bytes.clone();
            let i = at.index(changed.len());
            changed[i] ^= 1 << bit;
            prop_assert!(open(&key, VAULT, &changed).is_err());
            let cut = cut.index(bytes.len());
            prop_assert!(open(&key, VAULT, &bytes[..cut]).is_err());
        }

        /// Hostile bytes, with or without our header in front, give an error and never a panic.
        #[test]
        fn hostile_bytes_are_refused(junk in prop::collection::vec(any::<u8>(), 0..400), ours in any::<bool>()) {
            let (key, bytes) = sample();
            let mut file = if ours { bytes[..HEADER_LEN].to_vec() } else { vec![] };
            file.extend(junk);
            prop_assert!(open(&key, VAULT, &file).is_err());
        }
    }
}
