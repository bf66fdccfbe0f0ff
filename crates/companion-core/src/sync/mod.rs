//! Keeping the diary in step across a person's computers through a folder they already sync
//! (Syncthing, a cloud drive, a USB stick), with no server and no account (issue 30).
//!
//! This is the part that decides what every computer ends up with, apart from the folder and
//! the diary file: [`hlc`] stamps changes, [`state`] merges them by union so order and repeats
//! never matter, [`segment`] seals each computer's files so that the folder's host learns
//! only sizes, times and random ids, and [`replica`] is one computer's side of the folder ([`folder`], what it expects of one).
//! [`vault`] is how a computer joins; [`rekey`], how one is removed.
//! The model test (`model_tests.rs`) runs three computers over a folder that delays,
//! reorders, duplicates, cuts, copies into conflicts, loses and puts back old states.

pub mod disk;
pub mod folder;
pub mod hlc;
pub mod rekey;
pub mod replica;
pub mod segment;
pub mod state;
pub mod vault;

#[cfg(test)]
mod model_tests;

/// Ids and keys as they are written in the folder's JSON and the diary's tables.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of `s`, when it is exactly `N` bytes in lowercase or uppercase hex.
pub(crate) fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    if s.len() != 2 * N || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}
