//! Get help: which region's crisis lines to show. Help must never depend on anything else, so
//! the person's choice lives in a small file of its own beside the diary (not in it): it can
//! be read when the diary cannot be opened, and no failed query or unschedulable plan can
//! change it. Without a choice the region is guessed from the time zone, and a zone that names
//! no country (UTC, `Etc/*`, an unknown name) guesses nothing. What each region shows is in
//! [`content`].

use std::path::Path;

use crate::error::{Error, Result};

pub mod content;

/// The file, beside the data file, that holds the chosen region code and nothing else.
pub const REGION_FILE: &str = "help-region";

/// Zone names that describe an offset or a rule, not a place.
const NO_PLACE: &[&str] = &[
    "UTC",
    "UCT",
    "GMT",
    "GMT0",
    "GMT+0",
    "GMT-0",
    "Greenwich",
    "Universal",
    "Zulu",
    "Factory",
    "CET",
    "EET",
    "MET",
    "WET",
    "EST",
    "MST",
    "HST",
    "EST5EDT",
    "CST6CDT",
    "MST7MDT",
    "PST8PDT",
];

/// The region a time zone suggests: a listed country, `other` for a place that is not listed,
/// or `None` when the zone names no place at all.
pub fn region_of_zone(zone: &str) -> Option<&'static str> {
    if let Some(region) = content::region_of_listed_zone(zone) {
        return Some(region);
    }
    let known = zone.parse::<chrono_tz::Tz>().is_ok();
    if !known || zone.starts_with("Etc/") || NO_PLACE.contains(&zone) {
        return None;
    }
    Some(content::NOT_LISTED)
}

/// Where Get help stands: the region whose lines to show, and whether the person chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionChoice {
    /// `None`: nothing chosen and the zone names no place, so ask.
    pub region: Option<&'static str>,
    pub chosen: bool,
}

fn known(code: &str) -> Option<&'static str> {
    content::region(code.trim())
}

/// The person's choice from `dir`, else the guess from `zone`. Never fails: a missing or
/// unreadable file is no choice.
pub fn region(dir: Option<&Path>, zone: &str) -> RegionChoice {
    let chosen = dir
        .and_then(|d| std::fs::read_to_string(d.join(REGION_FILE)).ok())
        .and_then(|s| known(&s));
    match chosen {
        Some(region) => RegionChoice {
            region: Some(region),
            chosen: true,
        },
        None => RegionChoice {
            region: region_of_zone(zone),
            chosen: false,
        },
    }
}

/// Saves the person's choice in `dir`, whole or not at all.
pub fn choose(dir: &Path, region: &str) -> Result<&'static str> {
    let code = content::region(region)
        .ok_or_else(|| Error::invalid("region", "Please choose a region from the list."))?;
    std::fs::create_dir_all(dir)?;
    let file = dir.join(REGION_FILE);
    crate::export::write_atomically(&file, code.as_bytes())?;
    // Where someone is says something about them: readable by this account only.
    crate::store::private_file(&file)?;
    Ok(code)
}

/// The file, beside the data file, with the person's own crisis numbers (name and number, one
/// per line) while the diary is encrypted: the lock screen shows them before the passphrase is
/// typed. Nothing else of the diary is in it; it is removed when encryption is turned off.
pub const NUMBERS_FILE: &str = "help-numbers";

/// The person's crisis lines as the lock screen shows them: name and number.
pub type Numbers = Vec<(String, String)>;

/// The crisis numbers kept in `dir`; none when there is no file or it cannot be read.
pub fn numbers(dir: Option<&Path>) -> Vec<(String, String)> {
    dir.and_then(|d| std::fs::read_to_string(d.join(NUMBERS_FILE)).ok())
        .map(|text| {
            text.lines()
                .filter_map(|l| l.split_once('\t'))
                .map(|(name, phone)| (name.to_owned(), phone.to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// Keeps `numbers` in `dir` (written only when they changed), or removes the file (`None`).
pub(crate) fn keep_numbers(dir: &Path, numbers: Option<&[(String, String)]>) -> Result<()> {
    let file = dir.join(NUMBERS_FILE);
    let Some(numbers) = numbers else {
        return match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        };
    };
    let clean = |s: &str| s.replace(|c: char| c.is_control(), " ");
    let text: String = numbers
        .iter()
        .map(|(name, phone)| format!("{}\t{}\n", clean(name), clean(phone)))
        .collect();
    if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
        crate::export::write_atomically(&file, text.as_bytes())?;
        crate::store::private_file(&file)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_that_name_no_place_guess_nothing() {
        for z in [
            "UTC",
            "Etc/UTC",
            "Etc/GMT+5",
            "Etc/GMT-14",
            "GMT",
            "Zulu",
            "Nowhere/Else",
            "",
        ] {
            assert_eq!(region_of_zone(z), None, "{z}");
        }
        assert_eq!(region_of_zone("Asia/Tokyo"), Some("jp"));
        assert_eq!(region_of_zone("Europe/Berlin"), Some("de"));
        assert_eq!(region_of_zone("America/Sao_Paulo"), Some("br"));
        // A place whose country is not listed: the general advice, not a guess of another.
        assert_eq!(region_of_zone("Africa/El_Aaiun"), Some("other"));
    }

    #[test]
    fn a_choice_wins_over_the_zone_and_survives_a_bad_file() {
        let dir = tempfile::tempdir().expect("dir");
        let guess = region(Some(dir.path()), "Etc/UTC");
        assert_eq!((guess.region, guess.chosen), (None, false));
        assert_eq!(choose(dir.path(), "gb").expect("gb"), "gb");
        let r = region(Some(dir.path()), "America/New_York");
        assert_eq!((r.region, r.chosen), (Some("gb"), true));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta = std::fs::metadata(dir.path().join(REGION_FILE)).expect("meta");
            assert_eq!(
                meta.permissions().mode() & 0o777,
                0o600,
                "for this account only"
            );
        }
        assert!(choose(dir.path(), "xx").is_err());
        assert!(choose(dir.path(), " gb").is_err());
        assert_eq!(region(Some(dir.path()), "UTC").region, Some("gb"));
        // A damaged file is no choice: the guess stands in.
        std::fs::write(dir.path().join(REGION_FILE), b"\xff\xfe garbage").expect("write");
        let r = region(Some(dir.path()), "America/New_York");
        assert_eq!((r.region, r.chosen), (Some("us"), false));
        // No folder at all (the app-data folder could not be found): the guess.
        assert_eq!(region(None, "Europe/Dublin").region, Some("ie"));
    }

    /// Vomiting that will not stop is a reason to call now, as the NHS says: no sentence of the
    /// urgent signs, the journey's guide or the prompts asks anyone to wait a day first.
    #[test]
    fn the_urgent_signs_never_ask_to_wait_a_day_with_vomiting() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/content/");
        let help = std::fs::read_to_string(format!("{root}help.json")).expect("help");
        let journey = std::fs::read_to_string(format!("{root}journey.json")).expect("journey");
        for (what, text) in [
            ("help.json", help.as_str()),
            ("journey.json", journey.as_str()),
            ("URGENT_SIGNS", crate::journey::prompts::URGENT_SIGNS),
        ] {
            let lower = text.to_lowercase();
            assert!(!lower.contains("for a day"), "{what} waits a day");
            assert!(
                lower.contains("keep being sick and cannot keep fluids down"),
                "{what} does not name vomiting that will not stop"
            );
            let at = lower.find("keep being sick").expect("named");
            assert!(
                lower[at..]
                    .chars()
                    .take(120)
                    .collect::<String>()
                    .contains("now"),
                "{what}: vomiting that will not stop is not a reason to call now"
            );
        }
    }

    /// NHS 111 serves England, Scotland and Wales only: the United Kingdom's lines, which a
    /// Belfast time zone also guesses, give Northern Ireland its own way in.
    #[test]
    fn northern_ireland_has_its_own_way_in() {
        assert_eq!(region(None, "Europe/Belfast").region, Some("gb"));
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/content/");
        let help: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{root}help.json")).expect("help"),
        )
        .expect("json");
        let lines = help["regions"]["gb"]["resources"]
            .as_array()
            .expect("lines");
        let text = |r: &serde_json::Value| format!("{} {} {}", r["name"], r["contact"], r["about"]);
        let ni = lines
            .iter()
            .find(|r| {
                text(r).contains("Northern Ireland") && !text(r).contains("111 is the way in")
            })
            .expect("a line for Northern Ireland");
        assert!(text(ni).contains("GP Out-of-Hours"), "{}", text(ni));
        assert!(ni["checked"]
            .as_str()
            .is_some_and(|d| d.parse::<chrono::NaiveDate>().is_ok()));
        let nhs111 = lines.iter().find(|r| r["name"] == "NHS 111").expect("111");
        assert!(
            text(nhs111).contains("England, Scotland and Wales"),
            "111 is offered without saying where it serves"
        );
    }

    /// Urge surfing says how long a craving usually takes to ease; its timer reaches that far.
    #[test]
    fn the_urge_surfing_timer_lasts_as_long_as_its_words_say() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/content/");
        let journey: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{root}journey.json")).expect("journey"),
        )
        .expect("json");
        let surf = &journey["urgeSurfing"];
        let intro = surf["intro"].as_str().expect("intro");
        let longest = surf["minutes"]
            .as_array()
            .expect("minutes")
            .iter()
            .filter_map(serde_json::Value::as_u64)
            .max()
            .expect("a timer");
        // Every number of minutes the words name.
        let said: Vec<u64> = intro
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        assert!(!said.is_empty(), "{intro}");
        assert!(said.iter().all(|m| *m <= longest), "{intro} / {longest}");
    }

    /// No sentence around the lines promises what a line shown may not keep: the lines' own
    /// words are checked against their data in [`content`], and the one sentence that may say
    /// "free" or "day and night" is chosen by the web view from the lines shown (`lib/help.ts`).
    #[test]
    fn no_sentence_around_the_lines_promises_day_and_night() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
        for file in [
            "crates/companion-core/src/journey/prompts.rs",
            "crates/companion-core/src/report/mod.rs",
            "ui/src/screens/tools/Checkups.svelte",
            "ui/src/screens/help/Help.svelte",
            "assets/content/journey.json",
        ] {
            let text = std::fs::read_to_string(format!("{root}{file}")).expect(file);
            for claim in ["day and night", "24/7", "lines are free", "line is free"] {
                assert!(
                    !text.to_lowercase().contains(claim),
                    "{file} says {claim:?}"
                );
            }
        }
        let mut help: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{root}assets/content/help.json")).expect("help"),
        )
        .expect("json");
        let all = help.as_object_mut().expect("object");
        let promises = all.remove("promises").expect("promises");
        all.remove("regions");
        let rest = serde_json::to_string(&all).expect("text").to_lowercase();
        assert!(
            !rest.contains("day and night") && !rest.contains(" free"),
            "{rest}"
        );
        // The promises themselves: only the one for lines that are all free and always open
        // says both, and the one for mixed lines says neither.
        let p = |k: &str| promises[k].as_str().expect(k).to_lowercase();
        assert!(p("freeAlways").contains("free") && p("freeAlways").contains("day and night"));
        assert!(p("always").contains("day and night") && !p("always").contains("free "));
        assert!(p("free").contains("free") && !p("free").contains("day and night"));
        assert!(!p("mixed").contains("free") && !p("mixed").contains("day and night"));
    }

    /// Every health statement in the bundled content says where it comes from.
    #[test]
    fn every_health_statement_names_its_source() {
        fn walk(v: &serde_json::Value, path: &str, depth: usize, missing: &mut Vec<String>) {
            const STATEMENTS: [&str; 7] = [
                "points",
                "common",
                "helps",
                "about",
                "signs",
                "afterStepDown",
                "intro",
            ];
            match v {
                serde_json::Value::Object(m) => {
                    let states = STATEMENTS.iter().any(|k| m.contains_key(*k));
                    let sourced = m
                        .get("source")
                        .and_then(|s| s.as_str())
                        .is_some_and(|s| s.trim().len() > 10);
                    // The top level holds the screen's own welcome, not a health statement.
                    if depth > 0 && states && !sourced {
                        missing.push(path.to_owned());
                    }
                    for (k, x) in m {
                        walk(x, &format!("{path}.{k}"), depth + 1, missing);
                    }
                }
                serde_json::Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        walk(x, &format!("{path}[{i}]"), depth + 1, missing);
                    }
                }
                _ => {}
            }
        }
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/content/");
        let mut missing = vec![];
        let mut seen = 0;
        for file in ["help.json", "journey.json"] {
            let text = std::fs::read_to_string(format!("{root}{file}")).expect("content");
            let v: serde_json::Value = serde_json::from_str(&text).expect("json");
            walk(&v, file, 0, &mut missing);
            seen += text.matches("\"source\"").count();
        }
        assert!(missing.is_empty(), "without a source: {missing:?}");
        assert!(seen > 30, "{seen} sources");
        // Poison and drug lines carry the day their number was checked.
        let help: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{root}help.json")).expect("help"),
        )
        .expect("json");
        let regions = help["regions"].as_object().expect("regions");
        for code in ["us", "ca", "gb", "ie", "au", "nz", "other"] {
            assert!(regions.contains_key(code), "{code}");
        }
    }
}
