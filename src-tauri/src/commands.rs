//! The IPC commands: each turns its arguments into one core call. No SQL and no rules here.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use companion_core::checkups::{CheckupInput, CheckupView, CheckupsView};
use companion_core::diary::{
    self, BearableCounts, DayRange, DaylioPreview, DiaryFormat, KindCount, LabelValue,
};
use companion_core::journey::{
    ContactInput, DoseInput, DoseLogged, HelpView, PlanView, RecoveryPlan, Symptom, SymptomAxis,
    SymptomCheck, SymptomInput, SymptomTrend, TaperInput, TaperPreview, TaperView, TimelineCard,
    UrgeSurfInput,
};
use companion_core::reminders::notify::DesktopStatus;
use companion_core::report::{ReportInput, ReportOptions, ReportSaved};
use companion_core::store::backup::{BackupInfo, EntryCounts, Reason};
use companion_core::{
    export, ChartKind, CheckinInput, CheckinView, Companion, CravingInput, CravingView, Dashboard,
    EncryptionInput, EntryKind, ErrorBody, ExportFormat, Firing, HistoryPage, LockInput,
    Passphrase, Pause, PrivacyView, Range, ReminderInput, ReminderKind, ReminderSettings,
    ReminderView, RemindersView, SleepInput, SleepSummary, Theme, Today, TrendDays, WaterToday,
};
use companion_core::{ErrorKind, SystemClock};
use tauri::{AppHandle, State};
use tauri_plugin_autostart::ManagerExt;

use crate::background::Background;
use crate::save_dialog;

/// The core, or why it could not be opened (shown by the UI instead of the app), and the
/// data folder, where Get help keeps its region even when the diary cannot be opened. The
/// core is replaced once, when a backup is restored over a diary that could not be opened.
pub struct Backend {
    /// `None` while the diary is being opened at start, on a thread of its own so that the
    /// window loads meanwhile; commands wait for it (`opened`).
    app: Mutex<Option<Result<Arc<Companion>, ErrorBody>>>,
    opened: Condvar,
    pub dir: Option<PathBuf>,
    /// The file the person chose to import, kept here so the web view never names a path.
    pub import: Mutex<Option<PathBuf>>,
    /// The passphrase that opened an encrypted diary found damaged: its backups share it.
    damaged_key: Mutex<Option<Passphrase>>,
}

impl Backend {
    /// A backend whose diary is still being opened: [`Backend::replace`] gives it.
    pub fn opening(dir: Option<PathBuf>) -> Self {
        Backend {
            app: Mutex::new(None),
            opened: Condvar::new(),
            dir,
            import: Mutex::new(None),
            damaged_key: Mutex::new(None),
        }
    }

    /// The open diary, unless the app is locked: what every command about entries uses.
    pub fn get(&self) -> Result<Arc<Companion>, ErrorBody> {
        let open = self.open()?;
        if open.is_locked() {
            return Err(companion_core::Error::Locked.into());
        }
        Ok(open)
    }

    /// The open diary even while the app is locked: for Get help, the lock itself and the
    /// work that goes on behind it (reminders, daily backups).
    pub fn open(&self) -> Result<Arc<Companion>, ErrorBody> {
        let mut app = self.app.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(app) = app.as_ref() {
                return app.as_ref().map(Arc::clone).map_err(Clone::clone);
            }
            app = self.opened.wait(app).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// Sets the diary (or why it could not be opened), at start or after a restore or an
    /// unlock, and wakes the commands waiting for it.
    pub fn replace(&self, app: Result<Arc<Companion>, ErrorBody>) {
        *self.app.lock().unwrap_or_else(|p| p.into_inner()) = Some(app);
        self.opened.notify_all();
    }

    fn damaged_key(&self) -> Option<Passphrase> {
        self.damaged_key
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Asks which file to import (the native dialog) and previews it; keeps the choice for
    /// the import. `None` when the person cancels.
    fn choose_file<T>(
        &self,
        app: &AppHandle,
        what: &str,
        description: &str,
        extensions: &[&str],
        preview: impl FnOnce(&Companion, &Path) -> companion_core::Result<T>,
    ) -> Reply<Option<T>> {
        let companion = self.get()?;
        let title = format!("Import {what}");
        let Some(path) = save_dialog::open(app, &title, description, extensions) else {
            return Ok(None);
        };
        let previewed = preview(&companion, &path)?;
        *self.import.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
        Ok(Some(previewed))
    }

    /// The file chosen for an import.
    fn chosen(&self) -> Reply<PathBuf> {
        self.import
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| ErrorBody {
                kind: ErrorKind::Invalid,
                message: "Please choose the file to import first.".into(),
                field: Some("file".into()),
            })
    }

    /// Imports the chosen file with `import`; a done import uses the choice up.
    fn import_chosen<T>(
        &self,
        import: impl FnOnce(&Companion, &Path) -> companion_core::Result<T>,
    ) -> Reply<T> {
        let companion = self.get()?;
        let done = import(&companion, &self.chosen()?)?;
        *self.import.lock().unwrap_or_else(|p| p.into_inner()) = None;
        Ok(done)
    }

    /// The data file, whether or not it could be opened.
    fn data_file(&self) -> Reply<PathBuf> {
        self.dir
            .as_ref()
            .map(|d| d.join(companion_core::DATA_FILE))
            .ok_or_else(|| {
                companion_core::Error::Io(std::io::Error::other("no app-data folder")).into()
            })
    }
}

type Reply<T> = Result<T, ErrorBody>;

#[tauri::command]
pub async fn app_status(backend: State<'_, Backend>) -> Reply<Today> {
    Ok(backend.get()?.today())
}

#[tauri::command]
pub async fn save_checkin(
    backend: State<'_, Backend>,
    id: Option<i64>,
    input: CheckinInput,
) -> Reply<CheckinView> {
    Ok(backend.get()?.save_checkin(id, &input)?)
}

#[tauri::command]
pub async fn preview_sleep(
    backend: State<'_, Backend>,
    day: String,
    input: SleepInput,
) -> Reply<SleepSummary> {
    Ok(backend.get()?.preview_sleep(&day, &input)?)
}

#[tauri::command]
pub async fn save_craving(
    backend: State<'_, Backend>,
    id: Option<i64>,
    input: CravingInput,
) -> Reply<CravingView> {
    Ok(backend.get()?.save_craving(id, &input)?)
}

#[tauri::command]
pub async fn delete_entry(backend: State<'_, Backend>, kind: EntryKind, id: i64) -> Reply<()> {
    Ok(backend.get()?.delete(kind, id)?)
}

#[tauri::command]
pub async fn restore_entry(backend: State<'_, Backend>, kind: EntryKind, id: i64) -> Reply<()> {
    Ok(backend.get()?.restore(kind, id)?)
}

#[tauri::command]
pub async fn history(
    backend: State<'_, Backend>,
    before: Option<String>,
    days: u32,
) -> Reply<HistoryPage> {
    Ok(backend.get()?.history(before.as_deref(), days)?)
}

#[tauri::command]
pub async fn dashboard(
    backend: State<'_, Backend>,
    range: Range,
    theme: Theme,
) -> Reply<Dashboard> {
    Ok(backend.get()?.dashboard(range, theme)?)
}

#[tauri::command]
pub async fn trend_days(backend: State<'_, Backend>, range: Range) -> Reply<TrendDays> {
    Ok(backend.get()?.trend_days(range)?)
}

/// Saves one chart where the person chooses, drawn by the core as an SVG or a PNG; `None`
/// when they cancel the dialog.
#[tauri::command]
pub async fn export_chart(
    app: AppHandle,
    backend: State<'_, Backend>,
    chart: ChartKind,
    range: Range,
    theme: Theme,
    format: ExportFormat,
) -> Reply<Option<String>> {
    let (file, bytes) = backend.get()?.chart_file(chart, range, theme, format)?;
    let Some(path) = crate::save_dialog::choose(
        &app,
        "Save chart",
        &file,
        format.description(),
        format.extension(),
    ) else {
        return Ok(None);
    };
    export::write_atomically(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// Opens the channel on which the web view hears of in-app reminders and outside changes.
#[tauri::command]
pub async fn watch_reminders(
    bg: State<'_, Background>,
    on_event: tauri::ipc::Channel<companion_core::ReminderEvent>,
) -> Reply<()> {
    bg.watch(on_event);
    Ok(())
}

#[tauri::command]
pub async fn reminders(backend: State<'_, Backend>) -> Reply<RemindersView> {
    Ok(backend.get()?.reminders()?)
}

#[tauri::command]
pub async fn save_reminder(
    backend: State<'_, Backend>,
    id: Option<i64>,
    input: ReminderInput,
) -> Reply<ReminderView> {
    Ok(backend.get()?.save_reminder(id, &input)?)
}

#[tauri::command]
pub async fn delete_reminder(backend: State<'_, Backend>, id: i64) -> Reply<()> {
    Ok(backend.get()?.delete_reminder(id)?)
}

#[tauri::command]
pub async fn snooze_reminder(
    backend: State<'_, Backend>,
    id: i64,
    minutes: u32,
) -> Reply<ReminderView> {
    Ok(backend.get()?.snooze_reminder(id, minutes)?)
}

#[tauri::command]
pub async fn pause_reminder(
    backend: State<'_, Backend>,
    id: i64,
    pause: Pause,
) -> Reply<ReminderView> {
    Ok(backend.get()?.pause_reminder(id, pause)?)
}

#[tauri::command]
pub async fn pause_all_reminders(
    backend: State<'_, Backend>,
    bg: State<'_, Background>,
    pause: Pause,
) -> Reply<RemindersView> {
    let app = backend.get()?;
    let view = app.pause_all(pause);
    bg.refresh_tray(&app);
    Ok(view?)
}

#[tauri::command]
pub async fn save_reminder_settings(
    backend: State<'_, Backend>,
    settings: ReminderSettings,
) -> Reply<RemindersView> {
    Ok(backend.get()?.save_reminder_settings(&settings)?)
}

#[tauri::command]
pub async fn log_water(backend: State<'_, Backend>) -> Reply<WaterToday> {
    Ok(backend.get()?.log_water()?)
}

#[tauri::command]
pub async fn undo_water(backend: State<'_, Backend>) -> Reply<WaterToday> {
    Ok(backend.get()?.undo_water()?)
}

#[tauri::command]
pub async fn notification_status(bg: State<'_, Background>) -> Reply<DesktopStatus> {
    Ok(bg.desktop_status())
}

/// Shows a sample reminder now, the way real ones come, so a person can see that they work.
#[tauri::command]
pub async fn test_notification(
    app: AppHandle,
    backend: State<'_, Backend>,
) -> Reply<DesktopStatus> {
    let companion = backend.get()?;
    // Neutral words either way; in discreet mode, from the neutral sender too.
    let sample = Firing {
        reminder_id: 0,
        kind: ReminderKind::Custom,
        title: "Reminders are working".into(),
        body: "This is how a reminder will look. You can change or pause any of them.".into(),
        snoozed: false,
        discreet: companion.discreet()?,
    };
    Ok(crate::background::deliver(&app, &companion, &sample))
}

#[tauri::command]
pub async fn start_at_login(app: AppHandle) -> Reply<bool> {
    Ok(app.autolaunch().is_enabled().unwrap_or(false))
}

#[tauri::command]
pub async fn set_start_at_login(app: AppHandle, enabled: bool) -> Reply<bool> {
    let launcher = app.autolaunch();
    let done = if enabled {
        launcher.enable()
    } else {
        launcher.disable()
    };
    done.map_err(|e| ErrorBody {
        kind: companion_core::ErrorKind::Storage,
        message: format!("Starting at login could not be changed ({e})."),
        field: Some("startAtLogin".into()),
    })?;
    Ok(launcher.is_enabled().unwrap_or(enabled))
}

/// Quits for real (closing the window only hides it).
#[tauri::command]
pub async fn quit_app(app: AppHandle) -> Reply<()> {
    app.exit(0);
    Ok(())
}

// The detox journey: doses, symptoms, taper, plans and help.

#[tauri::command]
pub async fn log_dose(backend: State<'_, Backend>, input: DoseInput) -> Reply<DoseLogged> {
    Ok(backend.get()?.log_dose(&input)?)
}

#[tauri::command]
pub async fn timeline_card(backend: State<'_, Backend>) -> Reply<TimelineCard> {
    Ok(backend.get()?.timeline_card()?)
}

#[tauri::command]
pub async fn symptom_check(backend: State<'_, Backend>, day: String) -> Reply<SymptomCheck> {
    Ok(backend.get()?.symptom_check(&day)?)
}

#[tauri::command]
pub async fn save_symptoms(
    backend: State<'_, Backend>,
    input: SymptomInput,
) -> Reply<SymptomCheck> {
    // Today's symptoms can change how often water reminders come.
    Ok(backend.get()?.save_symptoms(&input)?)
}

#[tauri::command]
pub async fn symptom_trend(
    backend: State<'_, Backend>,
    shown: Vec<Symptom>,
    axis: SymptomAxis,
    theme: Theme,
) -> Reply<SymptomTrend> {
    Ok(backend.get()?.symptom_trend(&shown, axis, theme)?)
}

#[tauri::command]
pub async fn taper(backend: State<'_, Backend>, theme: Theme) -> Reply<TaperView> {
    Ok(backend.get()?.taper(theme)?)
}

#[tauri::command]
pub async fn preview_taper(backend: State<'_, Backend>, input: TaperInput) -> Reply<TaperPreview> {
    Ok(backend.get()?.preview_taper(&input)?)
}

#[tauri::command]
pub async fn save_taper_plan(
    backend: State<'_, Backend>,
    input: TaperInput,
    theme: Theme,
) -> Reply<TaperView> {
    Ok(backend.get()?.save_taper_plan(&input, theme)?)
}

#[tauri::command]
pub async fn hold_taper_step(
    backend: State<'_, Backend>,
    days: i64,
    theme: Theme,
) -> Reply<TaperView> {
    Ok(backend.get()?.hold_taper_step(days, theme)?)
}

#[tauri::command]
pub async fn end_taper_plan(backend: State<'_, Backend>, theme: Theme) -> Reply<TaperView> {
    Ok(backend.get()?.end_taper_plan(theme)?)
}

#[tauri::command]
pub async fn recovery_plan(backend: State<'_, Backend>) -> Reply<PlanView> {
    Ok(backend.get()?.recovery_plan()?)
}

#[tauri::command]
pub async fn save_recovery_plan(
    backend: State<'_, Backend>,
    input: RecoveryPlan,
) -> Reply<PlanView> {
    Ok(backend.get()?.save_recovery_plan(&input)?)
}

#[tauri::command]
pub async fn save_contact(
    backend: State<'_, Backend>,
    id: Option<i64>,
    input: ContactInput,
) -> Reply<PlanView> {
    Ok(backend.get()?.save_contact(id, &input)?)
}

#[tauri::command]
pub async fn delete_contact(backend: State<'_, Backend>, id: i64) -> Reply<PlanView> {
    Ok(backend.get()?.delete_contact(id)?)
}

/// The mood and anxiety check-ups: the questionnaires, recent scores, which are due.
#[tauri::command]
pub async fn checkups(backend: State<'_, Backend>) -> Reply<CheckupsView> {
    Ok(backend.get()?.checkups()?)
}

#[tauri::command]
pub async fn save_checkup(backend: State<'_, Backend>, input: CheckupInput) -> Reply<CheckupView> {
    Ok(backend.get()?.save_checkup(&input)?)
}

#[tauri::command]
pub async fn set_quick_checkups(backend: State<'_, Backend>, on: bool) -> Reply<CheckupsView> {
    Ok(backend.get()?.set_quick_checkups(on)?)
}

#[tauri::command]
pub async fn report_options(backend: State<'_, Backend>) -> Reply<ReportOptions> {
    Ok(backend.get()?.report_options()?)
}

/// Makes the clinician report, then asks where to save it; `None` when they cancel.
#[tauri::command]
pub async fn save_report(
    app: AppHandle,
    backend: State<'_, Backend>,
    input: ReportInput,
) -> Reply<Option<ReportSaved>> {
    let companion = backend.get()?;
    let report = companion.clinician_report(&input)?;
    let file = Companion::report_file_name(&input);
    let Some(path) = save_dialog::choose(&app, "Save report", &file, "PDF document", "pdf") else {
        return Ok(None);
    };
    Ok(Some(companion.write_report(&report, input.csv, &path)?))
}

/// Saves the safety plan as a one-page PDF; `None` when they cancel.
#[tauri::command]
pub async fn save_plan_pdf(app: AppHandle, backend: State<'_, Backend>) -> Reply<Option<String>> {
    let companion = backend.get()?;
    let pdf = companion.plan_pdf()?;
    let file = "my-plan-for-hard-moments.pdf";
    let Some(path) = save_dialog::choose(&app, "Save my plan", file, "PDF document", "pdf") else {
        return Ok(None);
    };
    export::write_atomically(&path, &pdf)?;
    Ok(Some(path.display().to_string()))
}

/// Help answers even when the diary could not be opened.
#[tauri::command]
pub async fn help_view(backend: State<'_, Backend>) -> Reply<HelpView> {
    if backend.open().is_err_and(|e| e.kind == ErrorKind::Locked) {
        return Ok(HelpView::while_locked(backend.dir.as_deref()));
    }
    Ok(HelpView::of(
        backend.open().ok().as_deref(),
        backend.dir.as_deref(),
    ))
}

#[tauri::command]
pub async fn set_crisis_region(backend: State<'_, Backend>, region: String) -> Reply<HelpView> {
    Ok(HelpView::choose(
        backend.open().ok().as_deref(),
        backend.dir.as_deref(),
        &region,
    )?)
}

#[tauri::command]
pub async fn log_urge_surf(
    backend: State<'_, Backend>,
    input: UrgeSurfInput,
) -> Reply<CravingView> {
    Ok(backend.get()?.log_urge_surf(&input)?)
}

/// Saves the whole diary (or the days of `range`) where the person chooses; `None` when they
/// cancel the dialog.
#[tauri::command]
pub async fn export_diary(
    app: AppHandle,
    backend: State<'_, Backend>,
    format: DiaryFormat,
    range: DayRange,
    protect: bool,
) -> Reply<Option<String>> {
    let companion = backend.get()?;
    let file = companion.diary_file_name(format, protect);
    let (what, ext) = match protect {
        false => (format.description(), format.extension()),
        true => ("Zip protected with your passphrase", "zip"),
    };
    let Some(path) = save_dialog::choose(&app, "Export diary", &file, what, ext) else {
        return Ok(None);
    };
    companion.export_diary(&path, format, &range, protect)?;
    Ok(Some(path.display().to_string()))
}

/// Asks for a diary export to import and previews it; `None` when the person cancels.
#[tauri::command]
pub async fn choose_import(
    app: AppHandle,
    backend: State<'_, Backend>,
    take_setup: bool,
) -> Reply<Option<Vec<KindCount>>> {
    backend.choose_file(
        &app,
        "a diary export",
        "Diary export (JSON, or a protected zip)",
        &["json", "zip"],
        |c, p| c.preview_import(p, take_setup),
    )
}

/// The chosen file's preview again, for another choice about set-up.
#[tauri::command]
pub async fn preview_import(
    backend: State<'_, Backend>,
    take_setup: bool,
) -> Reply<Vec<KindCount>> {
    Ok(backend
        .get()?
        .preview_import(&backend.chosen()?, take_setup)?)
}

/// Imports the chosen file, all or nothing.
#[tauri::command]
pub async fn import_diary(backend: State<'_, Backend>, take_setup: bool) -> Reply<Vec<KindCount>> {
    backend.import_chosen(|c, p| c.import_diary(p, take_setup))
}

/// Asks for a Daylio CSV export and previews it; `None` when the person cancels.
#[tauri::command]
pub async fn choose_daylio(
    app: AppHandle,
    backend: State<'_, Backend>,
) -> Reply<Option<DaylioPreview>> {
    backend.choose_file(
        &app,
        "a Daylio export",
        "Daylio export (CSV)",
        &["csv"],
        |c, p| c.preview_daylio(p),
    )
}

/// Imports the chosen Daylio file with the person's value for each mood label.
#[tauri::command]
pub async fn import_daylio(backend: State<'_, Backend>, values: Vec<LabelValue>) -> Reply<u32> {
    backend.import_chosen(|c, p| c.import_daylio(p, &values))
}

/// Asks for a Bearable CSV export and previews it; `None` when the person cancels.
#[tauri::command]
pub async fn choose_bearable(
    app: AppHandle,
    backend: State<'_, Backend>,
) -> Reply<Option<BearableCounts>> {
    backend.choose_file(
        &app,
        "a Bearable export",
        "Bearable export (CSV)",
        &["csv"],
        |c, p| c.preview_bearable(p),
    )
}

/// Imports the chosen Bearable file, all or nothing.
#[tauri::command]
pub async fn import_bearable(backend: State<'_, Backend>) -> Reply<BearableCounts> {
    backend.import_chosen(|c, p| c.import_bearable(p))
}

/// Every backup, newest first; also when the diary could not be opened.
#[tauri::command]
pub async fn backups(backend: State<'_, Backend>) -> Reply<Vec<BackupInfo>> {
    match backend.get() {
        Ok(open) => Ok(open.backups()?),
        Err(e) if e.kind == ErrorKind::Locked => Err(e),
        Err(_) => Ok(diary::backups_of(
            &backend.data_file()?,
            backend.damaged_key().as_ref(),
        )?),
    }
}

#[tauri::command]
pub async fn back_up_now(backend: State<'_, Backend>) -> Reply<BackupInfo> {
    Ok(backend.get()?.back_up(Reason::Manual)?)
}

/// What the diary that could not be opened still shows of its entries, to compare with a
/// backup before restoring it; `None` when it cannot be read at all.
#[tauri::command]
pub async fn damaged_counts(backend: State<'_, Backend>) -> Reply<Option<EntryCounts>> {
    Ok(diary::damaged_counts(
        &backend.data_file()?,
        backend.damaged_key().as_ref(),
    ))
}

/// Restores the backup `name` (made under `earlier`, an earlier passphrase, if it says so):
/// into the open diary, or in place of one that could not be opened, which is then opened and
/// its reminders started.
#[tauri::command]
pub async fn restore_backup(
    app: AppHandle,
    backend: State<'_, Backend>,
    name: String,
    earlier: Option<String>,
) -> Reply<()> {
    let earlier = earlier
        .filter(|e| !e.is_empty())
        .map(Passphrase::typed)
        .transpose()?;
    match backend.get() {
        Ok(open) => return Ok(open.restore_backup(&name, earlier).map(|_| ())?),
        Err(e) if e.kind == ErrorKind::Locked => return Err(e),
        Err(_) => {}
    }
    let restored = diary::restore_over_damaged(
        &backend.data_file()?,
        &name,
        backend.damaged_key(),
        earlier,
        Arc::new(SystemClock),
    )?;
    let opened = Arc::new(restored);
    backend.replace(Ok(opened.clone()));
    crate::background::attach(&app, &opened);
    Ok(())
}

/// Unlocks the app: the open diary after a lock, or an encrypted diary not yet opened, which
/// is then opened and its reminders started.
#[tauri::command]
pub async fn unlock(app: AppHandle, backend: State<'_, Backend>, passphrase: String) -> Reply<()> {
    let typed = Passphrase::typed(passphrase)?;
    match backend.open() {
        Ok(open) => return Ok(open.unlock(typed)?),
        // Not yet opened, or found damaged by a passphrase typed before: this one is tried
        // afresh, so nothing typed earlier can make the app refuse the right one.
        Err(e) if e.kind == ErrorKind::Locked || backend.damaged_key().is_some() => {}
        Err(e) => return Err(e),
    }
    let data_file = backend.data_file()?;
    match Companion::open_with(&data_file, Arc::new(SystemClock), Some(typed.clone())) {
        Ok(opened) => {
            let opened = Arc::new(opened);
            *backend
                .damaged_key
                .lock()
                .unwrap_or_else(|p| p.into_inner()) = None;
            backend.replace(Ok(opened.clone()));
            crate::background::attach(&app, &opened);
            Ok(())
        }
        // The passphrase was right but the file is damaged: the damaged-file screen takes
        // over, and its backups open with the same passphrase.
        Err(e) if e.kind() == ErrorKind::Damaged => {
            *backend
                .damaged_key
                .lock()
                .unwrap_or_else(|p| p.into_inner()) = Some(typed);
            backend.replace(Err(e.into()));
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

/// Locks the app now (the lock button, the idle timer).
#[tauri::command]
pub async fn lock_now(backend: State<'_, Backend>) -> Reply<()> {
    Ok(backend.open()?.lock_now()?)
}

#[tauri::command]
pub async fn privacy(backend: State<'_, Backend>) -> Reply<PrivacyView> {
    Ok(backend.get()?.privacy()?)
}

/// Turns encryption on or off or changes the passphrase; the diary and its backups are
/// rewritten, which takes a second or two.
#[tauri::command]
pub async fn set_encryption(
    backend: State<'_, Backend>,
    input: EncryptionInput,
) -> Reply<PrivacyView> {
    Ok(backend.get()?.set_encryption(input)?)
}

/// Keeps the passphrase in this computer's keyring, or removes it from there.
#[tauri::command]
pub async fn set_remembered(backend: State<'_, Backend>, remember: bool) -> Reply<PrivacyView> {
    Ok(backend.get()?.set_remembered(remember)?)
}

#[tauri::command]
pub async fn set_lock_options(backend: State<'_, Backend>, input: LockInput) -> Reply<PrivacyView> {
    Ok(backend.get()?.set_lock_options(&input)?)
}

/// Deletes the diary (and, if chosen, its backups) after the confirmation word.
#[tauri::command]
pub async fn delete_everything(
    backend: State<'_, Backend>,
    confirmation: String,
    with_backups: bool,
) -> Reply<()> {
    Ok(backend
        .get()?
        .delete_everything(&confirmation, with_backups)?)
}
