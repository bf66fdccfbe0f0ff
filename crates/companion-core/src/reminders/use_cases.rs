//! The reminders as use cases on `Companion`: the list with each one's next time, saving,
//! snooze and pause, settings, water, and `due_reminders`, one step of the scheduler.

use super::*;

impl Companion {
    pub(super) fn zone(&self) -> Tz {
        self.clock.zone()
    }

    pub(super) fn local(&self, secs: i64) -> String {
        fmt_local(to_local(self.zone(), at(secs)))
    }

    /// Start of the next local day, as Unix seconds.
    pub(super) fn tomorrow_start(&self) -> i64 {
        let zone = self.zone();
        let tomorrow = self.local_today() + Duration::days(1);
        schedule::instant(zone, tomorrow.and_time(NaiveTime::MIN)).timestamp()
    }

    pub(super) fn pause_until(&self, pause: Pause, now: i64) -> Option<i64> {
        match pause {
            Pause::Hour => Some(now + 3600),
            Pause::Today => Some(self.tomorrow_start()),
            Pause::UntilResumed => Some(FOREVER),
            Pause::Resume => None,
        }
    }

    /// Everything the reminders screen shows.
    pub fn reminders(&self) -> Result<RemindersView> {
        let conn = self.lock();
        let now = self.clock.now();
        let zone = self.zone();
        let settings = store::settings(&conn)?;
        let all_paused = store::all_paused_until(&conn)?;
        let reason = self.adaptive_reason(&conn, &settings)?;
        let mut reminders = Vec::new();
        for r in store::all(&conn)? {
            let (rule, shortened) = r.rule_today(reason.is_some());
            let paused_through = [r.paused_until, all_paused, r.snoozed_until]
                .into_iter()
                .flatten()
                .filter(|&p| p > now.timestamp())
                .max();
            let quiet = store::quiet(&settings);
            // The next moment that is neither paused nor in quiet hours, within a week.
            let mut next = None;
            if r.enabled {
                let mut t = at(paused_through
                    .unwrap_or(now.timestamp())
                    .max(r.handled_through));
                if let Some(s) = r.snoozed_until.filter(|&s| s > now.timestamp()) {
                    next = Some(at(s));
                }
                for _ in 0..200 {
                    match rule.next_after(t, zone) {
                        Some(m) if m - now > Duration::days(7) => break,
                        Some(m) if schedule::in_quiet(quiet, m, zone) => t = m,
                        Some(m) => {
                            next = Some(next.map_or(m, |n: DateTime<Utc>| n.min(m)));
                            break;
                        }
                        None => break,
                    }
                }
            }
            reminders.push(ReminderView {
                id: r.id,
                kind: r.kind,
                title: r.title.clone(),
                message: r.message.clone(),
                enabled: r.enabled,
                at: r.at.map(hm),
                before_min: r.before_min,
                every_min: r.every_min,
                from: r.from.map(hm),
                to: r.to.map(hm),
                every_min_today: shortened,
                adaptive_reason: shortened.and(reason.clone()),
                next: next.map(|n| fmt_local(to_local(zone, n))),
                snoozed_until: r
                    .snoozed_until
                    .filter(|&s| s > now.timestamp())
                    .map(|s| self.local(s)),
                paused_until: r
                    .paused_until
                    .filter(|&p| p > now.timestamp() && p != FOREVER)
                    .map(|p| self.local(p)),
                paused_until_resumed: r.paused_until == Some(FOREVER),
                last_fired: r.last_fired_at.map(|s| self.local(s)),
            });
        }
        let water = store::water_today(&conn, &self.today_str(), settings.water_goal)?;
        Ok(RemindersView {
            reminders,
            water,
            all_paused_until: all_paused
                .filter(|&p| p > now.timestamp() && p != FOREVER)
                .map(|p| self.local(p)),
            all_paused_until_resumed: all_paused == Some(FOREVER),
            settings,
        })
    }

    pub(super) fn today_str(&self) -> String {
        self.local_today().to_string()
    }

    /// Why hydration reminders come more often today, if they do.
    pub(super) fn adaptive_reason(
        &self,
        conn: &rusqlite::Connection,
        settings: &ReminderSettings,
    ) -> Result<Option<String>> {
        if !settings.adaptive_hydration {
            return Ok(None);
        }
        let day = self.today_str();
        let rated = crate::journey::fluid_loss_symptoms(conn, &day)?;
        let notes = store::notes_of_day(conn, &day)?.to_lowercase();
        let mut noted: Vec<&str> = FLUID_LOSS
            .iter()
            .filter(|(stem, _)| notes.contains(stem))
            .map(|&(_, word)| word)
            .filter(|w| !rated.contains(w))
            .collect();
        noted.dedup();
        let all = rated.len() + noted.len();
        let source = match (rated.is_empty(), noted.is_empty()) {
            (true, true) => return Ok(None),
            (false, true) => format!("today's symptom check rates {}", list(&rated)),
            (true, false) => format!("your notes today mention {}", list(&noted)),
            (false, false) => format!(
                "today's symptom check rates {} and your notes mention {}",
                list(&rated),
                list(&noted)
            ),
        };
        Ok(Some(format!(
            "More often today: {source}, and the body loses water with {}.",
            if all == 1 { "it" } else { "them" }
        )))
    }

    /// Saves a new custom reminder (`id` is `None`) or changes one. Changing a reminder starts
    /// it afresh from now: nothing it "missed" before is shown.
    pub fn save_reminder(&self, id: Option<i64>, input: &ReminderInput) -> Result<ReminderView> {
        let id = self.write(|tx, now| {
            let kind = match id {
                Some(id) => store::get(tx, id)?.kind,
                None => ReminderKind::Custom,
            };
            let r = validate(kind, input)?;
            match id {
                Some(id) => {
                    store::update(tx, id, &r, now)?;
                    Ok(id)
                }
                None => store::insert(tx, &r, now),
            }
        })?;
        self.reminder_view(id)
    }

    pub(super) fn reminder_view(&self, id: i64) -> Result<ReminderView> {
        self.reminders()?
            .reminders
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(Error::NotFound)
    }

    /// Deletes one of the person's own reminders (the built-in ones can only be turned off).
    pub fn delete_reminder(&self, id: i64) -> Result<()> {
        self.write(|tx, _| {
            if store::get(tx, id)?.kind != ReminderKind::Custom {
                return Err(Error::invalid(
                    "reminder",
                    "This reminder comes with the app; you can turn it off instead.",
                ));
            }
            store::delete(tx, id)
        })
    }

    /// Shows the reminder again `minutes` from now (10, 30 or 60) instead of at its next time.
    pub fn snooze_reminder(&self, id: i64, minutes: u32) -> Result<ReminderView> {
        if ![10, 30, 60].contains(&minutes) {
            return Err(Error::invalid(
                "snooze",
                "A reminder can be snoozed for 10, 30 or 60 minutes.",
            ));
        }
        self.write(|tx, now| store::set_snooze(tx, id, Some(now + i64::from(minutes) * 60)))?;
        self.reminder_view(id)
    }

    /// Pauses one reminder, or ends its pause.
    pub fn pause_reminder(&self, id: i64, pause: Pause) -> Result<ReminderView> {
        self.write(|tx, now| store::set_pause(tx, id, self.pause_until(pause, now), now))?;
        self.reminder_view(id)
    }

    /// Pauses every reminder (from the tray or the reminders screen), or ends that pause.
    pub fn pause_all(&self, pause: Pause) -> Result<RemindersView> {
        self.write(|tx, now| store::set_all_paused(tx, self.pause_until(pause, now)))?;
        self.reminders()
    }

    /// Whether all reminders are paused now.
    pub fn all_paused(&self) -> Result<bool> {
        let now = self.clock.now().timestamp();
        Ok(store::all_paused_until(&self.lock())?.is_some_and(|p| p > now))
    }

    pub fn save_reminder_settings(&self, input: &ReminderSettings) -> Result<RemindersView> {
        let start = parse_time("quietStart", "when quiet hours start", &input.quiet_start)?;
        let end = parse_time("quietEnd", "when quiet hours end", &input.quiet_end)?;
        if input.quiet_enabled && start == end {
            return Err(Error::invalid(
                "quietEnd",
                "Please choose an end different from the start.",
            ));
        }
        let goal = ranged(
            "waterGoal",
            "the daily goal",
            Some(i64::from(input.water_goal)),
            1,
            30,
        )?;
        let clean = ReminderSettings {
            quiet_start: hm(start),
            quiet_end: hm(end),
            water_goal: u32::try_from(goal).unwrap_or(8),
            ..input.clone()
        };
        self.write(|tx, _| store::save_settings(tx, &clean))?;
        self.reminders()
    }

    /// Whether notifications, the window title and the tray speak in neutral words: when the
    /// person chose so, and always while the app is locked.
    pub fn discreet(&self) -> Result<bool> {
        Ok(self.is_locked() || store::settings(&self.lock())?.discreet)
    }

    /// Records a glass of water now.
    pub fn log_water(&self) -> Result<WaterToday> {
        let zone = self.zone();
        let day = self.today_str();
        self.write(|tx, now| {
            store::add_water(tx, now, zone.name(), &day)?;
            let goal = store::settings(tx)?.water_goal;
            store::water_today(tx, &day, goal)
        })
    }

    /// Undoes the latest glass of today (a mistaken click).
    pub fn undo_water(&self) -> Result<WaterToday> {
        let day = self.today_str();
        self.write(|tx, _| {
            store::remove_last_water(tx, &day)?;
            let goal = store::settings(tx)?.water_goal;
            store::water_today(tx, &day, goal)
        })
    }

    /// One step of the scheduler at the clock's now: the reminders to show, each marked as
    /// dealt with in the same transaction before it is shown (a crash may lose one reminder,
    /// but a restart never repeats one), and when to look again.
    pub fn due_reminders(&self) -> Result<Tick> {
        let zone = self.zone();
        let now = self.clock.now();
        self.write_quietly(|tx, _| {
            let settings = store::settings(tx)?;
            let all_paused = store::all_paused_until(tx)?.map(at);
            let reason = self.adaptive_reason(tx, &settings)?;
            let quiet = store::quiet(&settings);
            let mut due = Vec::new();
            let mut next: Option<DateTime<Utc>> = None;
            for r in store::all(tx)? {
                let (rule, _) = r.rule_today(reason.is_some());
                let not_needed = |m: DateTime<Utc>| -> bool {
                    let result = match r.kind {
                        ReminderKind::Checkin => {
                            let day = m.with_timezone(&zone).date_naive().to_string();
                            store::checked_in_on(tx, &day)
                        }
                        // Only while a check-up is due: neither questionnaire taken in the
                        // two weeks it asks about.
                        ReminderKind::Checkup => {
                            let day = m.with_timezone(&zone).date_naive();
                            crate::checkups::taken_recently(tx, day)
                        }
                        ReminderKind::Hydration => {
                            let half = rule.grace().num_seconds() / 2;
                            store::last_water(tx)
                                .map(|w| w.is_some_and(|w| m.timestamp() - w < half))
                        }
                        _ => Ok(false),
                    };
                    // If the data cannot be read, showing the reminder is the kinder mistake.
                    result.unwrap_or(false)
                };
                let ctx = schedule::Context {
                    zone,
                    quiet,
                    all_paused_until: all_paused,
                    not_needed: &not_needed,
                };
                let state = schedule::State {
                    enabled: r.enabled,
                    handled_through: at(r.handled_through),
                    snoozed_until: r.snoozed_until.map(at),
                    paused_until: r.paused_until.map(at),
                };
                let out = schedule::evaluate(rule, state, &ctx, now);
                if out.state != state || out.due.is_some() {
                    store::save_state(
                        tx,
                        r.id,
                        &out.state,
                        out.due.map(|_| now.timestamp()).or(r.last_fired_at),
                    )?;
                }
                if let Some(d) = out.due {
                    due.push(
                        Firing {
                            reminder_id: r.id,
                            kind: r.kind,
                            title: r.title.clone(),
                            body: r.message.clone(),
                            snoozed: d.snoozed,
                            discreet: false,
                        }
                        .shown(settings.discreet || self.is_locked()),
                    );
                }
                if let Some(n) = out.next {
                    next = Some(next.map_or(n, |x| x.min(n)));
                }
            }
            Ok(Tick { due, next })
        })
    }
}

fn list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
