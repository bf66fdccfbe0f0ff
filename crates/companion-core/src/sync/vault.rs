//! The vault: what a computer needs to join the diary in a shared folder. Its description is
//! written once, by the computer that made the vault, as `vault.json`: the format, the vault's
//! random id, the key derivation's parameters, and the diary's data key wrapped twice — under
//! the recovery code shown once to write down, and (if the person chose one) under a
//! passphrase. Both are stretched with Argon2id (64 MiB, 3 passes), so guessing a passphrase
//! from a copy of the folder costs a guesser that much per try.
//!
//! From version 2 each wrap also holds the vault's root secret, which no computer keeps: typed
//! in again, it lets the person remove a computer ([`super::rekey`]), and each computer keeps
//! only its own key derived from it, under which a new data key reaches it.
//!
//! A recovery code is 32 symbols of Crockford's base32 in groups of four: 30 random (150
//! bits), then 2 that check them, so a mistyped code is told apart from a wrong one.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::segment::DataKey;
use super::{hex, unhex};

/// Names the vault description's format, so a file from elsewhere is told apart at once.
pub const FORMAT: &str = "recovery-companion-vault";
/// 1: the data key alone in each wrap; 2: the data key and the root secret.
pub const VERSION: u32 = 2;
/// The file name of the description in the vault's folder.
pub const FILE: &str = "vault.json";

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_SYMBOLS: usize = 30;

/// Argon2id's cost, as written in the description so that a later version may raise it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Kdf {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

/// What the issue asks as the least: 64 MiB.
pub const KDF: Kdf = Kdf {
    memory_kib: 64 * 1024,
    iterations: 3,
    parallelism: 1,
};

// Never below what the issue asks.
const _: () = assert!(KDF.memory_kib >= 64 * 1024);

/// The data key, wrapped by one secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Wrapped {
    /// "recovery-code" or "passphrase".
    pub by: String,
    pub salt: String,
    pub nonce: String,
    pub key: String,
}

/// `vault.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Description {
    pub format: String,
    pub version: u32,
    pub vault: String,
    pub kdf: Kdf,
    pub keys: Vec<Wrapped>,
}

/// Why a vault could not be made or opened, in the person's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultError {
    /// Not a vault description of this app (or of a newer version of it).
    Foreign(String),
    /// A recovery code with a symbol mistyped, missing or extra.
    Mistyped,
    /// Neither the recovery code nor the passphrase opens this vault.
    Wrong,
    /// A passphrase too short to stand against guessing from a copy of the folder.
    WeakPassphrase,
    NoRandom,
}

impl std::fmt::Display for VaultError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VaultError::Foreign(why) => write!(
                f,
                "This folder does not hold a diary this app can read: {why}."
            ),
            VaultError::Mistyped => f.write_str(
                "That recovery code has a mistyped or missing character. Please check it against \
                 the one you wrote down; the groups of four make it easier.",
            ),
            VaultError::Wrong => f.write_str(
                "That does not open the diary in this folder. Please check the recovery code or \
                 the passphrase.",
            ),
            VaultError::WeakPassphrase => write!(
                f,
                "Please choose a passphrase of at least {MIN_PASSPHRASE} characters: a few \
                 words you will remember are best."
            ),
            VaultError::NoRandom => f.write_str("This computer could not make a random key."),
        }
    }
}

/// The shortest passphrase accepted: whoever holds a copy of the folder can guess offline.
pub const MIN_PASSPHRASE: usize = 12;

/// The vault's root secret: in every wrap from version 2, kept by no computer.
pub struct Root([u8; 32]);

impl Drop for Root {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl std::fmt::Debug for Root {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Root(…)")
    }
}

impl Root {
    /// A secret of this vault's for `label`: each part named, so no two uses share a key.
    pub(crate) fn derive(&self, label: &str, parts: &[&[u8]]) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(format!("{FORMAT}/{label}").as_bytes());
        h.update(self.0);
        for p in parts {
            h.update((p.len() as u64).to_be_bytes());
            h.update(p);
        }
        h.finalize().into()
    }

    #[cfg(test)]
    pub(crate) fn for_tests(bytes: [u8; 32]) -> Root {
        Root(bytes)
    }
}

/// What a secret opens: the vault's id, its first data key and (from version 2) its root.
#[derive(Debug)]
pub struct Opened {
    pub id: [u8; 16],
    pub key: DataKey,
    pub root: Option<Root>,
}

/// A passphrase as it is stretched: trimmed at both ends, so a stray space does not lock the
/// person out.
pub fn passphrase_secret(typed: &str) -> Result<Vec<u8>, VaultError> {
    let p = typed.trim();
    if p.chars().count() < MIN_PASSPHRASE {
        return Err(VaultError::WeakPassphrase);
    }
    Ok(p.as_bytes().to_vec())
}

fn random<const N: usize>() -> Result<[u8; N], VaultError> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|_| VaultError::NoRandom)?;
    Ok(b)
}

fn check_symbols(random: &[u8]) -> [u8; 2] {
    let h = Sha256::digest(random);
    [
        ALPHABET[(h[0] & 31) as usize],
        ALPHABET[(h[1] & 31) as usize],
    ]
}

/// A new recovery code, grouped for writing down: `7KQ2-…`.
pub fn new_recovery_code() -> Result<String, VaultError> {
    let bytes: [u8; RANDOM_SYMBOLS] = random()?;
    // 256 is a multiple of 32, so each symbol is uniform.
    let mut symbols: Vec<u8> = bytes.iter().map(|b| ALPHABET[(b & 31) as usize]).collect();
    let check = check_symbols(&symbols);
    symbols.extend_from_slice(&check);
    Ok(symbols
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-"))
}

/// A typed recovery code as its 30 random symbols: case, spaces and dashes do not matter, and
/// O, I and L read as 0, 1 and 1.
pub fn read_recovery_code(typed: &str) -> Result<Vec<u8>, VaultError> {
    let mut symbols = vec![];
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\t' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return Err(VaultError::Mistyped);
        }
        symbols.push(c as u8);
    }
    if symbols.len() != RANDOM_SYMBOLS + 2 {
        return Err(VaultError::Mistyped);
    }
    let (random, check) = symbols.split_at(RANDOM_SYMBOLS);
    if check != check_symbols(random) {
        return Err(VaultError::Mistyped);
    }
    Ok(random.to_vec())
}

fn stretch(secret: &[u8], salt: &[u8; 16], kdf: Kdf) -> Result<[u8; 32], VaultError> {
    let params = Params::new(kdf.memory_kib, kdf.iterations, kdf.parallelism, Some(32))
        .map_err(|e| VaultError::Foreign(format!("its key settings are not usable ({e})")))?;
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret, salt, &mut out)
        .map_err(|e| VaultError::Foreign(format!("its key settings are not usable ({e})")))?;
    Ok(out)
}

/// What each wrap is bound to: the description's own version (a version 1 vault keeps
/// opening after this one), its vault and the secret's kind.
fn aad(version: u32, vault: &str, by: &str) -> Vec<u8> {
    format!("{FORMAT}/{version}/{vault}/{by}").into_bytes()
}

fn wrap(
    key: &DataKey,
    root: &Root,
    vault: &str,
    by: &str,
    secret: &[u8],
    kdf: Kdf,
) -> Result<Wrapped, VaultError> {
    let salt: [u8; 16] = random()?;
    let nonce: [u8; 24] = random()?;
    let kek = stretch(secret, &salt, kdf)?;
    let mut both = zeroize::Zeroizing::new([0u8; 64]);
    both[..32].copy_from_slice(key.bytes());
    both[32..].copy_from_slice(&root.0);
    let sealed = XChaCha20Poly1305::new(&kek.into())
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: both.as_slice(),
                aad: &aad(VERSION, vault, by),
            },
        )
        .map_err(|_| VaultError::NoRandom)?;
    Ok(Wrapped {
        by: by.to_owned(),
        salt: hex(&salt),
        nonce: hex(&nonce),
        key: hex(&sealed),
    })
}

/// A new vault: its description (to write as [`FILE`]) and what it opens to. The secrets are
/// the recovery code's symbols and, if chosen, a passphrase (from [`passphrase_secret`]).
pub fn create(
    recovery: &[u8],
    passphrase: Option<&[u8]>,
    kdf: Kdf,
) -> Result<(Description, Opened), VaultError> {
    let id: [u8; 16] = random()?;
    let vault = hex(&id);
    let key = DataKey::random().map_err(|_| VaultError::NoRandom)?;
    let root = Root(random()?);
    let mut keys = vec![wrap(&key, &root, &vault, "recovery-code", recovery, kdf)?];
    if let Some(p) = passphrase {
        keys.push(wrap(&key, &root, &vault, "passphrase", p, kdf)?);
    }
    Ok((
        Description {
            format: FORMAT.into(),
            version: VERSION,
            vault,
            kdf,
            keys,
        },
        Opened {
            id,
            key,
            root: Some(root),
        },
    ))
}

/// Reads `vault.json`'s bytes.
pub fn read(bytes: &[u8]) -> Result<Description, VaultError> {
    if bytes.len() > 64 * 1024 {
        return Err(VaultError::Foreign(
            "its description is far too large".into(),
        ));
    }
    let d: Description = serde_json::from_slice(bytes)
        .map_err(|_| VaultError::Foreign("its description cannot be read".into()))?;
    if d.format != FORMAT {
        return Err(VaultError::Foreign(
            "it is not a Recovery Companion vault".into(),
        ));
    }
    if d.version > VERSION {
        return Err(VaultError::Foreign(
            "it was made by a newer version of the app; please update this one".into(),
        ));
    }
    if unhex::<16>(&d.vault).is_none() {
        return Err(VaultError::Foreign("its id is not valid".into()));
    }
    Ok(d)
}

/// Opens the vault with a secret (`by`: "recovery-code" with its symbols, or "passphrase").
pub fn open(d: &Description, by: &str, secret: &[u8]) -> Result<Opened, VaultError> {
    let id =
        unhex::<16>(&d.vault).ok_or_else(|| VaultError::Foreign("its id is not valid".into()))?;
    for w in d.keys.iter().filter(|w| w.by == by) {
        let (Some(salt), Some(nonce)) = (unhex::<16>(&w.salt), unhex::<24>(&w.nonce)) else {
            continue;
        };
        // Version 1 wrapped the data key alone (48 bytes sealed); 2 the key and the root.
        let Some(sealed) = unhex::<80>(&w.key)
            .map(|s| s.to_vec())
            .or_else(|| unhex::<48>(&w.key).map(|s| s.to_vec()))
        else {
            continue;
        };
        let kek = stretch(secret, &salt, d.kdf)?;
        let Ok(plain) = XChaCha20Poly1305::new(&kek.into()).decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: &sealed,
                aad: &aad(d.version, &d.vault, by),
            },
        ) else {
            continue;
        };
        let plain = zeroize::Zeroizing::new(plain);
        let mut key = [0u8; 32];
        key.copy_from_slice(&plain[..32]);
        let root = (plain.len() == 64).then(|| {
            let mut r = [0u8; 32];
            r.copy_from_slice(&plain[32..]);
            Root(r)
        });
        return Ok(Opened {
            id,
            key: DataKey::from_bytes(key),
            root,
        });
    }
    Err(VaultError::Wrong)
}

/// Opens the vault with what the person typed: a recovery code, or else the passphrase.
pub fn open_typed(d: &Description, typed: &str) -> Result<Opened, VaultError> {
    match read_recovery_code(typed) {
        Ok(symbols) => open(d, "recovery-code", &symbols),
        // Not shaped like a code: a passphrase, if the vault has one.
        Err(mistyped) => {
            let has_passphrase = d.keys.iter().any(|w| w.by == "passphrase");
            let looks_like_code = typed
                .chars()
                .filter(|c| !matches!(c, ' ' | '-' | '\t'))
                .count()
                .abs_diff(RANDOM_SYMBOLS + 2)
                <= 2
                && typed.chars().filter(|c| *c == '-').count() >= 5;
            if !has_passphrase || looks_like_code {
                return Err(mistyped);
            }
            open(d, "passphrase", typed.trim().as_bytes())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cheap settings, for the tests that are not about the cost.
    const QUICK: Kdf = Kdf {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };

    #[test]
    fn a_recovery_code_reads_back_however_it_is_typed() {
        let code = new_recovery_code().expect("code");
        assert_eq!(code.len(), 32 + 7);
        let symbols = read_recovery_code(&code).expect("read");
        let sloppy = code
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o")
            .replace('1', "l");
        assert_eq!(read_recovery_code(&sloppy).expect("sloppy"), symbols);
        // One symbol changed, one dropped, one added: told apart from a wrong code.
        let mut changed: Vec<char> = code.chars().collect();
        let i = changed.iter().position(|c| *c != '-').expect("symbol");
        changed[i] = if changed[i] == 'Z' { 'Y' } else { 'Z' };
        let changed: String = changed.into_iter().collect();
        let mistyped = [changed, code[1..].to_owned(), format!("{code}A")];
        let told = mistyped
            .iter()
            .filter(|m| read_recovery_code(m) == Err(VaultError::Mistyped))
            .count();
        // Two check symbols catch all but about one change in a thousand.
        assert!(told >= 2, "{told}");
        assert_eq!(read_recovery_code(&code[1..]), Err(VaultError::Mistyped));
    }

    #[test]
    fn the_code_and_the_passphrase_open_the_vault_and_nothing_else_does() {
        let code_text = new_recovery_code().expect("code");
        let code = read_recovery_code(&code_text).expect("read");
        let pass = passphrase_secret("a long walk by the river").expect("long enough");
        let (d, made) = create(&code, Some(&pass), QUICK).expect("create");
        let d = read(&serde_json::to_vec(&d).expect("json")).expect("read back");
        let by_code = open_typed(&d, &code_text.to_lowercase()).expect("code opens");
        let by_pass = open_typed(&d, "  a long walk by the river ").expect("passphrase opens");
        let root = made.root.as_ref().expect("version 2 has a root");
        for o in [&by_code, &by_pass] {
            assert_eq!(o.id, made.id);
            assert_eq!(o.key.bytes(), made.key.bytes());
            let r = o.root.as_ref().expect("root");
            assert_eq!(r.derive("t", &[]), root.derive("t", &[]));
        }
        assert_eq!(
            open_typed(&d, "a long walk by the sea").err(),
            Some(VaultError::Wrong)
        );
        let other = new_recovery_code().expect("code");
        assert_eq!(open_typed(&d, &other).err(), Some(VaultError::Wrong));
        // A code with one symbol dropped is "mistyped", not tried as a passphrase.
        assert_eq!(
            open_typed(&d, &code_text[1..]).err(),
            Some(VaultError::Mistyped)
        );
        // The key wrapped for the code does not open under the passphrase's name.
        assert_eq!(open(&d, "passphrase", &code).err(), Some(VaultError::Wrong));
        let text = String::from_utf8(serde_json::to_vec(&d).expect("json")).expect("utf8");
        assert!(!text.contains("river"));
        assert_eq!(
            passphrase_secret("  too short ").err(),
            Some(VaultError::WeakPassphrase)
        );
    }

    #[test]
    fn a_vault_without_a_passphrase_reads_anything_else_as_a_mistyped_code() {
        let code = read_recovery_code(&new_recovery_code().expect("code")).expect("read");
        let (d, _) = create(&code, None, QUICK).expect("create");
        assert_eq!(
            open_typed(&d, "a long walk by the river").err(),
            Some(VaultError::Mistyped)
        );
    }

    #[test]
    fn the_real_settings_cost_64_mib() {
        let code = read_recovery_code(&new_recovery_code().expect("code")).expect("read");
        let (d, made) = create(&code, None, KDF).expect("create");
        assert_eq!(d.kdf, KDF);
        assert_eq!(open(&d, "recovery-code", &code).expect("opens").id, made.id);
    }

    #[test]
    fn a_foreign_or_newer_description_is_refused_in_words() {
        assert!(matches!(read(b"{}"), Err(VaultError::Foreign(_))));
        assert!(matches!(read(b"\xff\xfe"), Err(VaultError::Foreign(_))));
        let code = read_recovery_code(&new_recovery_code().expect("code")).expect("read");
        let (mut d, _) = create(&code, None, QUICK).expect("create");
        d.version = VERSION + 1;
        let e = read(&serde_json::to_vec(&d).expect("json")).expect_err("newer");
        assert!(e.to_string().contains("newer version"), "{e}");
    }
}
