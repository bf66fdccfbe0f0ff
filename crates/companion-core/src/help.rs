//! Get help: which region's crisis lines to show. Help must never depend on anything else, so
//! the person's choice lives in a small file of its own beside the diary (not in it): it can
//! be read when the diary cannot be opened, and no failed query or unschedulable plan can
//! change it. Without a choice the region is guessed from the time zone, and a zone that names
//! no country (UTC, `Etc/*`, an unknown name) guesses nothing.

use std::path::Path;

use crate::error::{Error, Result};

/// Region codes of `assets/content/help.json`.
pub const REGIONS: [&str; 7] = ["us", "ca", "gb", "ie", "au", "nz", "other"];

/// The file, beside the data file, that holds the chosen region code and nothing else.
pub const REGION_FILE: &str = "help-region";

/// Zones of the supported countries, links included. The United States lines (988, 911) also
/// serve its territories (Puerto Rico, the Virgin Islands, Guam, the Northern Mariana Islands,
/// American Samoa). Checked against the system's `zone.tab` over all of chrono-tz's zones.
const ZONES: &[(&str, &str)] = &[
    ("America/Adak", "us"),
    ("America/Anchorage", "us"),
    ("America/Atka", "us"),
    ("America/Boise", "us"),
    ("America/Chicago", "us"),
    ("America/Denver", "us"),
    ("America/Detroit", "us"),
    ("America/Fort_Wayne", "us"),
    ("America/Indiana/Indianapolis", "us"),
    ("America/Indiana/Knox", "us"),
    ("America/Indiana/Marengo", "us"),
    ("America/Indiana/Petersburg", "us"),
    ("America/Indiana/Tell_City", "us"),
    ("America/Indiana/Vevay", "us"),
    ("America/Indiana/Vincennes", "us"),
    ("America/Indiana/Winamac", "us"),
    ("America/Indianapolis", "us"),
    ("America/Juneau", "us"),
    ("America/Kentucky/Louisville", "us"),
    ("America/Kentucky/Monticello", "us"),
    ("America/Knox_IN", "us"),
    ("America/Los_Angeles", "us"),
    ("America/Louisville", "us"),
    ("America/Menominee", "us"),
    ("America/Metlakatla", "us"),
    ("America/New_York", "us"),
    ("America/Nome", "us"),
    ("America/North_Dakota/Beulah", "us"),
    ("America/North_Dakota/Center", "us"),
    ("America/North_Dakota/New_Salem", "us"),
    ("America/Phoenix", "us"),
    ("America/Puerto_Rico", "us"),
    ("America/Shiprock", "us"),
    ("America/Sitka", "us"),
    ("America/St_Thomas", "us"),
    ("America/Virgin", "us"),
    ("America/Yakutat", "us"),
    ("Navajo", "us"),
    ("Pacific/Guam", "us"),
    ("Pacific/Honolulu", "us"),
    ("Pacific/Johnston", "us"),
    ("Pacific/Pago_Pago", "us"),
    ("Pacific/Saipan", "us"),
    ("Pacific/Samoa", "us"),
    ("US/Alaska", "us"),
    ("US/Aleutian", "us"),
    ("US/Arizona", "us"),
    ("US/Central", "us"),
    ("US/East-Indiana", "us"),
    ("US/Eastern", "us"),
    ("US/Hawaii", "us"),
    ("US/Indiana-Starke", "us"),
    ("US/Michigan", "us"),
    ("US/Mountain", "us"),
    ("US/Pacific", "us"),
    ("US/Samoa", "us"),
    ("America/Atikokan", "ca"),
    ("America/Blanc-Sablon", "ca"),
    ("America/Cambridge_Bay", "ca"),
    ("America/Coral_Harbour", "ca"),
    ("America/Creston", "ca"),
    ("America/Dawson", "ca"),
    ("America/Dawson_Creek", "ca"),
    ("America/Edmonton", "ca"),
    ("America/Fort_Nelson", "ca"),
    ("America/Glace_Bay", "ca"),
    ("America/Goose_Bay", "ca"),
    ("America/Halifax", "ca"),
    ("America/Inuvik", "ca"),
    ("America/Iqaluit", "ca"),
    ("America/Moncton", "ca"),
    ("America/Montreal", "ca"),
    ("America/Nipigon", "ca"),
    ("America/Pangnirtung", "ca"),
    ("America/Rainy_River", "ca"),
    ("America/Rankin_Inlet", "ca"),
    ("America/Regina", "ca"),
    ("America/Resolute", "ca"),
    ("America/St_Johns", "ca"),
    ("America/Swift_Current", "ca"),
    ("America/Thunder_Bay", "ca"),
    ("America/Toronto", "ca"),
    ("America/Vancouver", "ca"),
    ("America/Whitehorse", "ca"),
    ("America/Winnipeg", "ca"),
    ("America/Yellowknife", "ca"),
    ("Canada/Atlantic", "ca"),
    ("Canada/Central", "ca"),
    ("Canada/Eastern", "ca"),
    ("Canada/Mountain", "ca"),
    ("Canada/Newfoundland", "ca"),
    ("Canada/Pacific", "ca"),
    ("Canada/Saskatchewan", "ca"),
    ("Canada/Yukon", "ca"),
    ("Europe/London", "gb"),
    ("Europe/Belfast", "gb"),
    ("GB", "gb"),
    ("GB-Eire", "gb"),
    ("Europe/Dublin", "ie"),
    ("Eire", "ie"),
    ("Antarctica/Macquarie", "au"),
    ("Australia/ACT", "au"),
    ("Australia/Adelaide", "au"),
    ("Australia/Brisbane", "au"),
    ("Australia/Broken_Hill", "au"),
    ("Australia/Canberra", "au"),
    ("Australia/Currie", "au"),
    ("Australia/Darwin", "au"),
    ("Australia/Eucla", "au"),
    ("Australia/Hobart", "au"),
    ("Australia/LHI", "au"),
    ("Australia/Lindeman", "au"),
    ("Australia/Lord_Howe", "au"),
    ("Australia/Melbourne", "au"),
    ("Australia/NSW", "au"),
    ("Australia/North", "au"),
    ("Australia/Perth", "au"),
    ("Australia/Queensland", "au"),
    ("Australia/South", "au"),
    ("Australia/Sydney", "au"),
    ("Australia/Tasmania", "au"),
    ("Australia/Victoria", "au"),
    ("Australia/West", "au"),
    ("Australia/Yancowinna", "au"),
    ("Pacific/Auckland", "nz"),
    ("Pacific/Chatham", "nz"),
    ("Antarctica/South_Pole", "nz"),
    ("NZ", "nz"),
    ("NZ-CHAT", "nz"),
];

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

/// The region a time zone suggests: a supported country, `other` for a place elsewhere, or
/// `None` when the zone names no place at all.
pub fn region_of_zone(zone: &str) -> Option<&'static str> {
    if let Some(&(_, region)) = ZONES.iter().find(|(z, _)| *z == zone) {
        return Some(region);
    }
    let known = zone.parse::<chrono_tz::Tz>().is_ok();
    if !known || zone.starts_with("Etc/") || NO_PLACE.contains(&zone) {
        return None;
    }
    Some("other")
}

/// Where Get help stands: the region whose lines to show, and whether the person chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionChoice {
    /// `None`: nothing chosen and the zone names no place, so ask.
    pub region: Option<&'static str>,
    pub chosen: bool,
}

fn known(code: &str) -> Option<&'static str> {
    REGIONS.iter().copied().find(|r| *r == code.trim())
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
    let code = REGIONS
        .iter()
        .copied()
        .find(|c| *c == region)
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
    use std::collections::HashMap;

    /// The oracle: the tz database's own country table and links, as the system ships them.
    fn zone_tab() -> (HashMap<String, String>, HashMap<String, String>) {
        let tab = std::fs::read_to_string("/usr/share/zoneinfo/zone.tab")
            .expect("zone.tab from the tzdata package");
        let countries = tab
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                Some((f.get(2)?.trim().to_owned(), f.first()?.to_string()))
            })
            .collect();
        let zi = std::fs::read_to_string("/usr/share/zoneinfo/tzdata.zi")
            .expect("tzdata.zi from the tzdata package");
        let links = zi
            .lines()
            .filter_map(|l| {
                let mut f = l.split_whitespace();
                (f.next()? == "L").then_some(())?;
                let target = f.next()?.to_owned();
                Some((f.next()?.to_owned(), target))
            })
            .collect();
        (countries, links)
    }

    fn region_of_country(cc: &str) -> &'static str {
        match cc {
            "US" | "PR" | "VI" | "GU" | "MP" | "AS" => "us",
            "CA" => "ca",
            "GB" => "gb",
            "IE" => "ie",
            "AU" => "au",
            "NZ" => "nz",
            _ => "other",
        }
    }

    #[test]
    fn every_zone_of_chrono_tz_maps_to_its_country() {
        let (countries, links) = zone_tab();
        let mut judged = 0;
        for tz in chrono_tz::TZ_VARIANTS {
            let name = tz.name();
            let expected = if let Some(cc) = countries.get(name) {
                Some(region_of_country(cc))
            } else if name.starts_with("Etc/") || NO_PLACE.contains(&name) {
                None
            } else if let Some(cc) = links.get(name).and_then(|t| countries.get(t)) {
                // An old name for a zone: only a supported country's is certain to be the
                // same country (Atikokan's old name links to Panama, Canada's is ours).
                match region_of_country(cc) {
                    "other" => continue,
                    r => Some(r),
                }
            } else {
                continue;
            };
            judged += 1;
            assert_eq!(region_of_zone(name), expected, "{name}");
        }
        assert!(judged > 400, "only {judged} zones judged");
    }

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
        assert_eq!(region_of_zone("Asia/Tokyo"), Some("other"));
        assert_eq!(region_of_zone("Europe/Berlin"), Some("other"));
        assert_eq!(region_of_zone("America/Sao_Paulo"), Some("other"));
    }

    #[test]
    fn every_listed_zone_is_a_real_zone() {
        for (z, r) in ZONES {
            assert!(z.parse::<chrono_tz::Tz>().is_ok(), "{z}");
            assert!(REGIONS.contains(r), "{r}");
        }
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
        for code in REGIONS {
            assert!(regions.contains_key(code), "{code}");
        }
        for (code, r) in regions {
            for res in r["resources"].as_array().expect("resources") {
                let name = res["name"].as_str().unwrap_or_default();
                if name.to_lowercase().contains("poison") {
                    let checked = res["checked"].as_str().expect("checked");
                    assert!(
                        checked.parse::<chrono::NaiveDate>().is_ok(),
                        "{code}: {checked}"
                    );
                }
            }
        }
    }
}
