//! Get help as a use case: the view that never fails, with or without the diary, the
//! region choice, and the facts the help prompts read.

use super::*;

/// The help screen. Each part stands on its own: the region comes from the person's choice
/// (see [`crate::help`]) or the time zone, never from the diary, so it shows whatever else fails.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HelpView {
    /// A region code of `assets/content/help.json`, or `None` when nothing was chosen and the
    /// time zone names no place: the screen then asks, and shows the general advice.
    pub region: Option<String>,
    /// Whether the person chose it (otherwise it is guessed from the time zone).
    pub region_chosen: bool,
    /// Care team and the person's own crisis lines.
    pub contacts: Vec<Contact>,
    /// Why the person's own numbers cannot be shown, if they cannot.
    pub contacts_problem: Option<String>,
    pub prompts: Vec<HelpPrompt>,
    /// Why some prompts may be missing, if entries could not be read.
    pub prompts_problem: Option<String>,
}

impl HelpView {
    /// Get help before an encrypted diary is unlocked: the region, and the person's own crisis
    /// numbers from the file kept for this (see [`crate::help::NUMBERS_FILE`]).
    pub fn while_locked(dir: Option<&std::path::Path>) -> HelpView {
        let zone = crate::clock::Clock::zone(&crate::clock::SystemClock);
        let mut view = HelpView::without_diary(dir, zone.name());
        view.contacts = crate::help::numbers(dir)
            .into_iter()
            .map(|(name, phone)| Contact {
                id: 0,
                kind: ContactKind::Crisis,
                name,
                phone,
                note: String::new(),
            })
            .collect();
        view.contacts_problem =
            Some("Your care team's numbers show here once your diary is unlocked.".into());
        view
    }

    /// Get help without the diary: the region alone, and why the rest is missing.
    pub fn without_diary(dir: Option<&std::path::Path>, zone: &str) -> HelpView {
        let choice = crate::help::region(dir, zone);
        HelpView {
            region: choice.region.map(str::to_owned),
            region_chosen: choice.chosen,
            contacts: vec![],
            contacts_problem: Some(
                "Your diary could not be opened, so your own numbers cannot be shown here right now."
                    .into(),
            ),
            prompts: vec![],
            prompts_problem: None,
        }
    }
}

/// Get help from the open diary in `conn` (the region kept in `dir`, else the time zone's; the
/// person's own numbers; the prompts of `today`). It never fails: each part that cannot be read
/// says so on its own.
pub(crate) fn help(
    conn: &rusqlite::Connection,
    dir: Option<&std::path::Path>,
    zone: chrono_tz::Tz,
    today: NaiveDate,
) -> HelpView {
    let mut view = HelpView::without_diary(dir, zone.name());
    if !view.region_chosen {
        // A choice made before the region had its own file.
        if let Some(r) = setting(conn, "crisis_region")
            .ok()
            .and_then(|c| crate::help::content::region(&c))
        {
            view.region = Some(r.to_owned());
            view.region_chosen = true;
        }
    }
    match store::contacts(conn) {
        Ok(c) => {
            view.contacts = c
                .into_iter()
                .filter(|c| c.kind != ContactKind::Support)
                .collect();
            view.contacts_problem = None;
        }
        Err(_) => {
            view.contacts_problem = Some(
                "Your own numbers could not be read just now. The lines above are always here."
                    .into(),
            )
        }
    }
    let (prompts, problem) = prompts_on(conn, zone, None, today);
    view.prompts = prompts;
    view.prompts_problem = problem;
    view
}

/// The crisis numbers the person saved, name and number, for the lock screen's file.
pub(crate) fn crisis_numbers(conn: &rusqlite::Connection) -> Vec<(String, String)> {
    store::contacts(conn)
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c.kind == ContactKind::Crisis)
        .map(|c| (c.name, c.phone))
        .collect()
}

/// The prompts as they stood on `today`, from the entries of that day and before: what
/// the person was shown then (the clinician report lists them).
pub(crate) fn prompts_on(
    conn: &rusqlite::Connection,
    zone: chrono_tz::Tz,
    times: Option<&[DateTime<Utc>]>,
    today: NaiveDate,
) -> (Vec<HelpPrompt>, Option<String>) {
    let week = (today - Duration::days(7)).to_string();
    let day = today.to_string();
    let mut failed = false;
    let checks: Vec<(NaiveDate, Vec<SymptomScore>)> = or_note(
        &mut failed,
        store::symptom_checks(conn, &week, &day)
            .map(|c| c.into_iter().map(|(d, _, s)| (d, s)).collect()),
    );
    let strong_symptoms = checks
        .iter()
        .map(|(d, s)| (*d, symptoms::strong(s)))
        .collect();
    let checkins: Vec<(NaiveDate, f64, u8, Option<u32>)> = or_note(
        &mut failed,
        crate::store::checkins::day_summaries(conn, &week, &day),
    );
    let taper: Vec<(NaiveDate, u32, u32, u32)> = or_note(
        &mut failed,
        taper_days(conn, today - Duration::days(30), today).map(|days| {
            days.into_iter()
                .filter_map(|d| {
                    Some((
                        d.day.parse().ok()?,
                        d.planned_mg,
                        d.taken_mg.unwrap_or(0),
                        d.rounding_mg,
                    ))
                })
                .collect()
        }),
    );
    let times: Vec<DateTime<Utc>> = match times {
        Some(t) => t.to_vec(),
        None => or_note(&mut failed, store::dose_times(conn)),
    };
    // A dose on a day the taper plans one is the plan, not a return after a stop.
    let slips = timeline::past_stretches(&times)
        .into_iter()
        .map(|(_, end)| to_local(zone, end).date())
        .filter(|d| *d <= today && !taper.iter().any(|(t, planned, ..)| t == d && *planned > 0))
        .collect();
    let ninth_answers = or_note(
        &mut failed,
        crate::checkups::ninth_answers(
            conn,
            today - Duration::days(prompts::NINTH_ANSWER_DAYS - 1),
        ),
    );
    let prompts = prompts::evaluate(&prompts::Facts {
        ninth_answers,
        today,
        strong_symptoms,
        mood: checkins.iter().map(|&(d, avg, ..)| (d, avg)).collect(),
        lowest_mood: checkins.iter().map(|&(d, _, low, _)| (d, low)).collect(),
        sleep: checkins
            .iter()
            .filter_map(|&(d, .., sleep)| Some((d, sleep?)))
            .collect(),
        slips,
        taper,
        checks,
    });
    let problem = failed.then(|| {
        "Some of your entries could not be read just now, so a suggestion to reach out may be missing. The help lines are always here.".to_owned()
    });
    (prompts, problem)
}
/// `r`'s value, or the empty value with `failed` set: one fact that cannot be read must not
/// silence the rules that do not need it.
pub(super) fn or_note<T: Default>(failed: &mut bool, r: Result<T>) -> T {
    r.unwrap_or_else(|_| {
        *failed = true;
        T::default()
    })
}
