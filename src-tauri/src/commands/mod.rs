//! The IPC commands, a file per area: each turns its arguments into one core call, through the
//! session for the diary. No SQL and no rules here. `build.rs` and the shell's tests read
//! this folder (`ipc.rs`): the handler list, one permission per command and `commands.ts`
//! follow from it.

pub mod checkups;
pub mod data;
pub mod desktop;
pub mod entries;
pub mod help;
pub mod journey;
pub mod privacy;
pub mod reminders;
pub mod reports;
pub mod sync;
pub mod trends;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use companion_core::checkups::{CheckupInput, CheckupView, CheckupsView};
use companion_core::diary::sync::{OtherVersion, SyncView};
use companion_core::diary::{
    BearableCounts, DayRange, DaylioPreview, DiaryFormat, KindCount, LabelValue,
};
use companion_core::journey::{
    ContactInput, DoseInput, DoseLogged, HelpView, PlanView, RecoveryPlan, Symptom, SymptomAxis,
    SymptomCheck, SymptomInput, SymptomTrend, TaperInput, TaperPreview, TaperView, TimelineCard,
    UrgeSurfInput,
};
use companion_core::reminders::notify::DesktopStatus;
use companion_core::report::{ReportInput, ReportOptions, ReportSaved};
use companion_core::store::backup::{BackupInfo, EntryCounts, Reason};
use companion_core::ErrorKind;
use companion_core::{
    export, ChartKind, CheckinInput, CheckinView, Companion, CravingInput, CravingView, Dashboard,
    EncryptionInput, EntryKind, ErrorBody, ExportFormat, Firing, HistoryPage, LockInput,
    Passphrase, Pause, PrivacyView, Range, ReminderInput, ReminderKind, ReminderSettings,
    ReminderView, RemindersView, SleepInput, SleepSummary, Theme, Today, TrendDays, WaterToday,
};
use tauri::{AppHandle, State};
use tauri_plugin_autostart::ManagerExt;

use crate::background::Background;
use crate::save_dialog;
use crate::session::Session;
use crate::sync::SyncWorker;

type Reply<T> = Result<T, ErrorBody>;
