//! Fills a data folder with made-up entries, to try the trends screen or take screenshots
//! without a real diary: `cargo run -p companion-core --example demo_data -- FOLDER [YEARS]`.
//! The app then opens it with `XDG_DATA_HOME=PARENT` (Linux). It refuses a folder that already
//! holds entries, so it can never mix made-up data into a real diary.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::Duration;
use companion_core::synthetic::{fill, Spec};
use companion_core::{Clock, Companion, SystemClock};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: demo_data FOLDER [YEARS]")?);
    let years: u32 = args.next().map_or(Ok(1), |y| y.parse())?;
    let clock = Arc::new(SystemClock);
    let yesterday = clock.now().with_timezone(&clock.zone()).date_naive() - Duration::days(1);
    let app = Companion::open_in(&dir, clock)?;
    if !app.history(None, 1)?.days.is_empty() {
        return Err(format!(
            "{} already holds entries; choose an empty folder",
            dir.display()
        )
        .into());
    }
    let (checkins, cravings) = fill(&app, &Spec::years(years, yesterday))?;
    println!(
        "{checkins} check-ins and {cravings} cravings over {years} year(s) ending {yesterday} in {}",
        dir.join(companion_core::DATA_FILE).display()
    );
    Ok(())
}
