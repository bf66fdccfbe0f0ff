//! The safety plan on one printable page: the person's own words in the Stanley-Brown
//! plan's order, the sixth step's means named plainly, and the numbers to call in danger.

use chrono::NaiveDate;

use super::content::long;
use super::pdf::Layout;
use crate::error::Result;
use crate::journey::PlanView;

/// The safety plan's sixth step, as its key in [`crate::journey::PLAN_SECTIONS`].
const SAFER: &str = "saferSurroundings";

/// What the sixth step is about, said plainly as the Stanley-Brown plan says it: the means.
const SAFER_NOTE: &str = "On a hard day, anything I could use to hurt myself is out of reach: stored medicines, leftover kratom or other drugs, and any firearm are locked away or kept by someone I trust.";

/// The safety plan `view` on one page, to print or to hand over, printed on `today` with the
/// lines of `region` (the chosen or guessed one).
pub(crate) fn plan_pdf(view: &PlanView, today: NaiveDate, region: Option<&str>) -> Result<Vec<u8>> {
    let mut l = Layout::new()?;
    l.title("My plan for hard moments");
    l.note(&format!(
        "Written in my own words. Printed {}.",
        long(today)
    ));
    let written: Vec<_> = view
        .sections
        .iter()
        .filter(|s| !s.text.trim().is_empty())
        .collect();
    if written.is_empty() {
        l.paragraph("Nothing is written in this plan yet.");
    }
    for s in written {
        l.heading(&s.title);
        l.paragraph(&s.text);
        if s.key == SAFER {
            l.note(SAFER_NOTE);
        }
    }
    if view.plan.safer_surroundings.trim().is_empty() {
        // The step that saves lives most directly is printed even when it is not written yet.
        let title = crate::journey::PLAN_SECTIONS
            .iter()
            .find(|(k, _)| *k == SAFER)
            .map_or("Making my surroundings safer", |(_, t)| t);
        l.heading(title);
        l.paragraph(SAFER_NOTE);
    }
    let people: Vec<_> = view.contacts.iter().collect();
    if !people.is_empty() {
        l.heading("Numbers");
        for c in people {
            let kind = match c.kind {
                crate::journey::ContactKind::Support => "someone I trust",
                crate::journey::ContactKind::Care => "my care team",
                crate::journey::ContactKind::Crisis => "crisis line",
            };
            l.bullet(&format!("{}: {} ({kind})", c.name, c.phone));
        }
    }
    l.heading("If I am in danger, or cannot keep myself safe");
    for line in crate::help::content::printed_lines(region) {
        l.bullet(&line);
    }
    if view
        .contacts
        .iter()
        .any(|c| c.kind == crate::journey::ContactKind::Crisis)
    {
        l.paragraph("My own crisis numbers are in the list above.");
    }
    Ok(l.finish(
        "My plan for hard moments",
        "My safety plan, kept in a self-tracking app.",
    )?
    .0)
}
