//! The core's use cases on real data files: one test binary (each is another link on two
//! cores), a module per feature.
//!
//! - `checkups`: mood and anxiety check-ups, the safety flag and its help prompt.
//! - `conversion`: changes of key stopped after every step, against the rule "one key for
//!   the diary and every backup"; the sentences a refused passphrase gets.
//! - `diary`: check-ins with sleep diaries, cravings, history, delete and undo, bad input
//!   changing nothing, a writer killed mid-stream.
//! - `journey`: doses and the timeline, symptoms, taper plans, prompts, plan, contacts, help,
//!   urge surfing, and the care promises as a state-machine property test.
//! - `privacy`: encryption at rest, the passphrase, the lock, conversions killed mid-way.
//! - `reminders`: reminders on a fake clock across midnight, DST, suspends and restarts.
//! - `report`: the clinician report and the printed safety plan, read back with pdftotext.
//! - `sync`: two computers keeping one diary in step through a shared folder.

mod checkups;
mod common;
mod conversion;
mod diary;
mod journey;
mod ownership;
mod privacy;
mod reminders;
mod report;
mod sync;
