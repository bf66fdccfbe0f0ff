//! The façade's use cases, one line or three each: a method of `Companion` takes what it
//! owns (the connection or a transaction, now, the zone, today) and hands it to a function of
//! the feature, which never sees the façade. Features move here one at a time; those still
//! adding methods to `Companion` in their own folders are the layer test's debt (`layers.rs`).
//! The larger groups have files of their own: `at_rest.rs`, `whole_diary.rs`, `in_step.rs`.

mod at_rest;
mod in_step;
mod whole_diary;

use std::sync::Arc;

use crate::checkups::{self, CheckupInput, CheckupView, CheckupsView};
use crate::clock::Moment;
use crate::entries;
use crate::error::Error;
use crate::error::Result;
use crate::export::{ChartKind, ExportFormat};
use crate::history::{self, HistoryPage};
use crate::journey::{
    self, ContactInput, DoseInput, DoseLogged, HelpView, PlanView, RecoveryPlan, Symptom,
    SymptomAxis, SymptomCheck, SymptomInput, SymptomTrend, TaperInput, TaperPreview, TaperView,
    TimelineCard, UrgeSurfInput,
};
use crate::model::checkin::{CheckinInput, CheckinView};
use crate::model::craving::{CravingInput, CravingView};
use crate::model::sleep::{SleepInput, SleepSummary};
use crate::model::EntryKind;
use crate::reminders::scheduler::Scheduler;
use crate::reminders::{
    self, Firing, Pause, ReminderInput, ReminderSettings, ReminderView, RemindersView, Tick,
    WaterToday,
};
use crate::report::{self, Report, ReportInput, ReportOptions, ReportSaved};
use crate::stats::Range;
use crate::trends::{self, Dashboard, TrendDays};
use crate::Theme;
use crate::{Companion, Today};

/// Check-ins, cravings and sleep: saving, deleting and undoing, and the history.
impl Companion {
    /// Today, now and the zone, for the forms' defaults, and where the diary is kept.
    pub fn today(&self) -> Today {
        let zone = self.clock.zone();
        let local = self.clock.now().with_timezone(&zone);
        Today {
            day: local.date_naive().to_string(),
            now: local.format("%Y-%m-%dT%H:%M").to_string(),
            time_zone: zone.name().to_owned(),
            data_file: self.path.display().to_string(),
        }
    }

    /// Saves a new check-in (`id` is `None`) or replaces an existing one.
    pub fn save_checkin(&self, id: Option<i64>, input: &CheckinInput) -> Result<CheckinView> {
        let m = self.moment();
        self.write(|tx, now| entries::save_checkin(tx, now, &m, id, input))
    }

    /// What a sleep diary adds up to, before it is saved, so the form can show it as it is typed.
    pub fn preview_sleep(&self, day: &str, input: &SleepInput) -> Result<SleepSummary> {
        entries::preview_sleep(&self.moment(), day, input)
    }

    /// Logs a new craving (`id` is `None`) or replaces an existing one.
    pub fn save_craving(&self, id: Option<i64>, input: &CravingInput) -> Result<CravingView> {
        let m = self.moment();
        self.write(|tx, now| entries::save_craving(tx, now, &m, id, input))
    }

    /// Deletes an entry so that [`Companion::restore`] can still bring it back for a while.
    pub fn delete(&self, kind: EntryKind, id: i64) -> Result<()> {
        self.write(|tx, now| entries::delete(tx, now, kind, id))
    }

    /// Undoes a [`Companion::delete`].
    pub fn restore(&self, kind: EntryKind, id: i64) -> Result<()> {
        self.write(|tx, _| entries::restore(tx, kind, id))
    }

    /// Up to `max_days` days with entries, newest first, before the day `before` (or from today).
    pub fn history(&self, before: Option<&str>, max_days: u32) -> Result<HistoryPage> {
        history::page(&self.lock(), before, max_days)
    }
}

/// The trends screen.
impl Companion {
    /// Charts, tables and insights for `range`, ending today, drawn for `theme`.
    pub fn dashboard(&self, range: Range, theme: Theme) -> Result<Dashboard> {
        trends::dashboard(&self.lock(), range, self.local_today(), theme)
    }

    /// The figures of [`Companion::dashboard`]'s charts for `range`, day by day.
    pub fn trend_days(&self, range: Range) -> Result<TrendDays> {
        trends::days(&self.lock(), range, self.local_today())
    }

    /// The suggested file name and the SVG of one chart, as the trends screen shows it.
    pub fn chart_svg(
        &self,
        kind: ChartKind,
        range: Range,
        theme: Theme,
    ) -> Result<(String, String)> {
        trends::chart_svg(&self.lock(), (kind, range, theme), self.local_today())
    }

    /// One chart as a file: its suggested name and its bytes, an SVG or a PNG at twice its size.
    pub fn chart_file(
        &self,
        kind: ChartKind,
        range: Range,
        theme: Theme,
        format: ExportFormat,
    ) -> Result<(String, Vec<u8>)> {
        trends::chart_file(
            &self.lock(),
            (kind, range, theme),
            format,
            self.local_today(),
        )
    }
}

/// Mood and anxiety check-ups.
impl Companion {
    /// The questionnaires, the last year's check-ups and which are due.
    pub fn checkups(&self) -> Result<CheckupsView> {
        checkups::overview(&self.lock(), self.local_today())
    }

    /// Turns the two-question screens with the daily check-in on or off.
    pub fn set_quick_checkups(&self, on: bool) -> Result<CheckupsView> {
        self.write(|tx, _| checkups::set_quick(tx, on))?;
        self.checkups()
    }

    /// Scores and saves a check-up taken now.
    pub fn save_checkup(&self, input: &CheckupInput) -> Result<CheckupView> {
        let scored = checkups::score(input)?;
        let (day, zone) = (self.local_today(), self.clock.zone());
        self.write(|tx, now| checkups::save(tx, &scored, now, day, zone.name()))
    }
}

/// Reminders and water.
impl Companion {
    /// One reading of the clock, for a use case.
    fn moment(&self) -> Moment {
        Moment::of(self.clock.as_ref())
    }

    /// Everything the reminders screen shows.
    pub fn reminders(&self) -> Result<RemindersView> {
        reminders::overview(&self.lock(), &self.moment())
    }

    /// Saves a new custom reminder (`id` is `None`) or changes one.
    pub fn save_reminder(&self, id: Option<i64>, input: &ReminderInput) -> Result<ReminderView> {
        let id = self.write(|tx, now| reminders::save(tx, now, id, input))?;
        reminders::view_of(&self.lock(), &self.moment(), id)
    }

    /// Deletes one of the person's own reminders.
    pub fn delete_reminder(&self, id: i64) -> Result<()> {
        self.write(|tx, _| reminders::delete(tx, id))
    }

    /// Shows the reminder again `minutes` from now (10, 30 or 60) instead of at its next time.
    pub fn snooze_reminder(&self, id: i64, minutes: u32) -> Result<ReminderView> {
        reminders::check_snooze(minutes)?;
        self.write(|tx, now| reminders::snooze(tx, now, id, minutes))?;
        reminders::view_of(&self.lock(), &self.moment(), id)
    }

    /// Pauses one reminder, or ends its pause.
    pub fn pause_reminder(&self, id: i64, pause: Pause) -> Result<ReminderView> {
        let m = self.moment();
        self.write(|tx, now| reminders::pause(tx, &m, now, id, pause))?;
        reminders::view_of(&self.lock(), &self.moment(), id)
    }

    /// Pauses every reminder (from the tray or the reminders screen), or ends that pause.
    pub fn pause_all(&self, pause: Pause) -> Result<RemindersView> {
        let m = self.moment();
        self.write(|tx, now| reminders::pause_all(tx, &m, now, pause))?;
        self.reminders()
    }

    /// Whether all reminders are paused now.
    pub fn all_paused(&self) -> Result<bool> {
        reminders::all_paused(&self.lock(), self.clock.now().timestamp())
    }

    pub fn save_reminder_settings(&self, input: &ReminderSettings) -> Result<RemindersView> {
        let settings = reminders::checked_settings(input)?;
        self.write(|tx, _| reminders::save_settings(tx, &settings))?;
        self.reminders()
    }

    /// Whether notifications, the window title and the tray speak in neutral words.
    pub fn discreet(&self) -> Result<bool> {
        reminders::discreet(&self.lock(), self.is_locked())
    }

    /// Records a glass of water now.
    pub fn log_water(&self) -> Result<WaterToday> {
        let m = self.moment();
        self.write(|tx, now| reminders::log_water(tx, now, &m))
    }

    /// Undoes the latest glass of today (a mistaken click).
    pub fn undo_water(&self) -> Result<WaterToday> {
        let m = self.moment();
        self.write(|tx, _| reminders::undo_water(tx, &m))
    }

    /// One step of the scheduler at the clock's now (a write no listener hears of, so the
    /// scheduler does not wake itself).
    pub fn due_reminders(&self) -> Result<Tick> {
        let (m, locked) = (self.moment(), self.is_locked());
        self.write_quietly(|tx, _| reminders::due(tx, &m, locked))
    }

    /// Starts the thread that shows reminders on time, woken by every committed change;
    /// `deliver` is called with the reminders due, off the UI thread. It runs for as long as
    /// this diary does.
    pub fn start_reminders(
        self: &Arc<Self>,
        deliver: impl Fn(Vec<Firing>) + Send + 'static,
    ) -> std::io::Result<Scheduler> {
        let (tx, changes) = std::sync::mpsc::channel();
        self.notify_changes(tx);
        let (step, clock) = (Arc::clone(self), Arc::clone(self));
        Scheduler::spawn(
            move || step.due_reminders(),
            move || clock.clock.now(),
            changes,
            deliver,
        )
    }
}

/// The plan for hard moments, the person's contacts and urge surfing.
impl Companion {
    pub fn recovery_plan(&self) -> Result<PlanView> {
        journey::plan_view(&self.lock())
    }

    pub fn save_recovery_plan(&self, input: &RecoveryPlan) -> Result<PlanView> {
        let plan = journey::checked_plan(input)?;
        self.write(|tx, now| journey::store::save_recovery_plan(tx, &plan, now))?;
        self.recovery_plan()
    }

    pub fn save_contact(&self, id: Option<i64>, input: &ContactInput) -> Result<PlanView> {
        let contact = journey::checked_contact(input)?;
        self.write(|tx, now| journey::store::save_contact(tx, id, &contact, now).map(|_| ()))?;
        self.recovery_plan()
    }

    pub fn delete_contact(&self, id: i64) -> Result<PlanView> {
        self.write(|tx, _| journey::store::delete_contact(tx, id))?;
        self.recovery_plan()
    }

    /// Logs a craving that was ridden out with the urge-surfing timer, with how it changed.
    pub fn log_urge_surf(&self, input: &UrgeSurfInput) -> Result<CravingView> {
        let m = self.moment();
        let craving = journey::checked_surf(input, m.now)?;
        self.write(|tx, now| journey::save_surf(tx, &craving, m.zone, now))
    }
}

/// The taper plan made with a clinician.
impl Companion {
    /// The taper screen: the plan in force, its steps, today, recent days and the chart.
    pub fn taper(&self, theme: Theme) -> Result<TaperView> {
        journey::taper_view(&self.lock(), self.local_today(), theme)
    }

    /// What a plan would do, before saving it.
    pub fn preview_taper(&self, input: &TaperInput) -> Result<TaperPreview> {
        journey::preview(&self.lock(), self.local_today(), input)
    }

    /// Saves a plan from its start day; adjusting a plan is saving a new one.
    pub fn save_taper_plan(&self, input: &TaperInput, theme: Theme) -> Result<TaperView> {
        let today = self.local_today();
        self.write(|tx, now| journey::save_plan(tx, today, now, input))?;
        self.taper(theme)
    }

    /// Stays on today's step `days` more days, or says why it cannot.
    pub fn hold_taper_step(&self, days: i64, theme: Theme) -> Result<TaperView> {
        let (days, today) = (journey::checked_hold(days)?, self.local_today());
        self.write(|tx, now| journey::hold_step(tx, today, now, days))?;
        self.taper(theme)
    }

    /// Stops following the plan from today.
    pub fn end_taper_plan(&self, theme: Theme) -> Result<TaperView> {
        let today = self.local_today();
        self.write(|tx, _| journey::end_plan(tx, today))?;
        self.taper(theme)
    }
}

/// Withdrawal symptoms.
impl Companion {
    /// The symptom check of `day` (an empty one if none was saved).
    pub fn symptom_check(&self, day: &str) -> Result<SymptomCheck> {
        journey::symptom_check(&self.lock(), &self.moment(), day)
    }

    /// Saves the symptom check of a day, replacing one saved earlier that day.
    pub fn save_symptoms(&self, input: &SymptomInput) -> Result<SymptomCheck> {
        let m = self.moment();
        let check = journey::checked_symptoms(&m, input)?;
        self.write(|tx, now| journey::save_check(tx, m.zone.name(), now, check))
    }

    /// Symptom checks by detox day, or by days since the taper's last step down, with `shown`
    /// symptoms drawn beside the total.
    pub fn symptom_trend(
        &self,
        shown: &[Symptom],
        axis: SymptomAxis,
        theme: Theme,
    ) -> Result<SymptomTrend> {
        journey::symptom_trend(&self.lock(), &self.moment(), shown, axis, theme)
    }
}

/// Get help. It never fails, with or without the diary.
impl HelpView {
    /// Get help whether or not the diary could be opened: from `app` when it was, else from
    /// the region file in `dir` and the system's time zone.
    pub fn of(app: Option<&Companion>, dir: Option<&std::path::Path>) -> HelpView {
        match app {
            Some(app) => app.help(),
            None => {
                let zone = crate::Clock::zone(&crate::SystemClock);
                HelpView::without_diary(dir, zone.name())
            }
        }
    }

    /// Saves the region the person chose, with or without the diary.
    pub fn choose(
        app: Option<&Companion>,
        dir: Option<&std::path::Path>,
        region: &str,
    ) -> Result<HelpView> {
        match (app, dir) {
            (Some(app), _) => app.set_crisis_region(region),
            (None, Some(dir)) => {
                crate::help::choose(dir, region)?;
                Ok(HelpView::of(None, Some(dir)))
            }
            (None, None) => Err(Error::invalid(
                "region",
                "There is no folder to keep the choice in.",
            )),
        }
    }
}

impl Companion {
    /// The folder of the data file, where the help region is kept.
    fn dir(&self) -> Option<&std::path::Path> {
        self.path.parent()
    }

    /// Get help. It never fails: each part that cannot be read says so on its own.
    pub fn help(&self) -> HelpView {
        let m = self.moment();
        journey::help(&self.lock(), self.dir(), m.zone, m.today())
    }

    pub fn set_crisis_region(&self, region: &str) -> Result<HelpView> {
        let dir = self
            .dir()
            .ok_or_else(|| Error::invalid("region", "There is no folder to keep the choice in."))?;
        crate::help::choose(dir, region)?;
        Ok(self.help())
    }

    /// Keeps the crisis numbers beside an encrypted diary for the lock screen, or removes them
    /// when the diary is plain (it never locks). The file is touched only when what it should
    /// hold changed. Best effort: Get help inside the app reads the diary itself.
    pub(crate) fn keep_help_numbers(&self) {
        let Some(dir) = self.dir() else { return };
        let numbers = self
            .encrypted()
            .then(|| journey::crisis_numbers(&self.lock()));
        let mut kept = self.help_numbers.lock().unwrap_or_else(|p| p.into_inner());
        if kept.as_ref() != Some(&numbers)
            && crate::help::keep_numbers(dir, numbers.as_deref()).is_ok()
        {
            *kept = Some(numbers);
        }
    }
}

/// Doses and the timeline since the last one.
impl Companion {
    /// Logs a dose. If it ends a stretch of 36 hours or more, says how long that stretch was.
    pub fn log_dose(&self, input: &DoseInput) -> Result<DoseLogged> {
        let m = self.moment();
        self.write(|tx, now| journey::log_dose(tx, &m, now, input))
    }

    pub fn timeline_card(&self) -> Result<TimelineCard> {
        journey::timeline_card(&self.lock(), &self.moment())
    }
}

/// The report for the clinician and the printed plan.
impl Companion {
    pub fn report_options(&self) -> Result<ReportOptions> {
        report::options(&self.lock(), self.local_today())
    }

    /// Makes the report for `input` without saving it.
    pub fn clinician_report(&self, input: &ReportInput) -> Result<Report> {
        report::make(&self.lock(), &self.moment(), input)
    }

    /// Makes the report and writes it to `path` (and the CSV beside it, when asked), each
    /// whole or not at all; remembers the period's end, so the next one starts after it.
    pub fn save_report(&self, input: &ReportInput, path: &std::path::Path) -> Result<ReportSaved> {
        let made = self.clinician_report(input)?;
        self.write_report(&made, input.csv, path)
    }

    /// Writes a report made by [`Companion::clinician_report`], with its CSV beside it when
    /// `csv`: the shell makes the report first, so a period that cannot be reported is said
    /// before a file is chosen.
    pub fn write_report(
        &self,
        made: &Report,
        csv: bool,
        path: &std::path::Path,
    ) -> Result<ReportSaved> {
        let saved = report::write_files(made, csv, path)?;
        self.write_quietly(|tx, _| report::remember(tx, made))?;
        Ok(saved)
    }

    /// The suggested file name of a report for `input`.
    pub fn report_file_name(input: &ReportInput) -> String {
        report::file_name(input)
    }

    /// The safety plan on one page, to print or to hand over.
    pub fn plan_pdf(&self) -> Result<Vec<u8>> {
        let (view, region) = (self.recovery_plan()?, self.help().region);
        report::plan_pdf(&view, self.local_today(), region.as_deref())
    }

    pub fn save_plan_pdf(&self, path: &std::path::Path) -> Result<String> {
        crate::export::write_atomically(path, &self.plan_pdf()?)?;
        Ok(path.display().to_string())
    }
}
