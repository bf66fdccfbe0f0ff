//! Keeping the diary in step across a person's computers through a folder they already sync
//! (Syncthing, a cloud drive, a USB stick), with no server and no account (issue 30).
//!
//! This is the part that decides what every computer ends up with, apart from the folder and
//! the diary file: [`hlc`] stamps changes, [`state`] merges them by union so order and repeats
//! never matter, [`segment`] seals each computer's files so that the folder's host learns
//! only sizes, times and random ids, and [`replica`] is one computer's side of the folder.
//! [`vault`] is how a computer joins; [`rekey`], how one is removed.
//! The model test (`model_tests.rs`) runs three computers over a folder that delays,
//! reorders, duplicates, cuts, copies into conflicts, loses and puts back old states.

pub mod disk;
pub mod hlc;
pub mod rekey;
pub mod replica;
pub mod segment;
pub mod state;
pub mod vault;

#[cfg(test)]
mod model_tests;
