//! What encryption at rest costs: a check-in save on an encrypted diary against the same save on
//! a plain one (interleaved, so both see the same disk), the time to unlock (open with the
//! passphrase), and turning encryption on for a year of entries. Prints figures; run with
//! `cargo bench -p companion-core --bench privacy`. Nothing here passes or fails on time.

use std::sync::Arc;
use std::time::{Duration, Instant};

use companion_core::{
    synthetic, CheckinInput, Companion, EncryptionInput, FakeClock, Passphrase, SystemClock,
};

const PASSPHRASE: &str = "a bench of quiet words";

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort_unstable();
    samples[samples.len() / 2].as_secs_f64() * 1e3
}

fn on(app: &Companion) {
    app.set_encryption(EncryptionInput {
        current: None,
        new: Some(PASSPHRASE.into()),
        again: Some(PASSPHRASE.into()),
    })
    .expect("encryption on");
}

fn main() {
    let base = std::env::var_os("BENCH_DIR").map_or_else(std::env::temp_dir, Into::into);
    let (plain_dir, secret_dir) = (
        tempfile::tempdir_in(&base).expect("tempdir"),
        tempfile::tempdir_in(&base).expect("tempdir"),
    );
    let plain = Companion::open_in(plain_dir.path(), Arc::new(SystemClock)).expect("open");
    let secret = Companion::open_in(secret_dir.path(), Arc::new(SystemClock)).expect("open");
    on(&secret);
    let day0 = chrono::NaiveDate::parse_from_str(&plain.today().day, "%Y-%m-%d").expect("today");
    let (mut p, mut s) = (vec![], vec![]);
    for i in 0..400 {
        let input = CheckinInput {
            day: (day0 - chrono::Duration::days(i)).to_string(),
            mood: Some(5),
            craving: Some(6),
            note: "A short note, as most are.".into(),
            sleep: None,
        };
        for (app, out) in [(&plain, &mut p), (&secret, &mut s)] {
            let t = Instant::now();
            app.save_checkin(None, &input).expect("save");
            out.push(t.elapsed());
        }
    }
    let (mp, ms) = (median(p), median(s));
    println!("save a check-in, plain diary        median {mp:>8.3} ms");
    println!(
        "save a check-in, encrypted diary    median {ms:>8.3} ms   ({:.2}× plain)",
        ms / mp
    );
    drop(secret);

    let unlock: Vec<Duration> = (0..10)
        .map(|_| {
            let t = Instant::now();
            let app = Companion::open_in_with(
                secret_dir.path(),
                Arc::new(SystemClock),
                Some(Passphrase::typed(PASSPHRASE.into()).expect("passphrase")),
            )
            .expect("unlock");
            let took = t.elapsed();
            drop(app);
            took
        })
        .collect();
    println!(
        "unlock (open with the passphrase)   median {:>8.1} ms",
        median(unlock)
    );

    // Turning encryption on for a year of entries with a few backups.
    let year = tempfile::tempdir_in(&base).expect("tempdir");
    let clock = Arc::new(FakeClock::new(
        chrono::Utc::now(),
        chrono_tz::Europe::Berlin,
    ));
    let app = Companion::open_in(year.path(), clock).expect("open");
    synthetic::fill(&app, &synthetic::Spec::years(1, day0)).expect("fill");
    for _ in 0..5 {
        app.back_up(companion_core::store::backup::Reason::Manual)
            .expect("backup");
    }
    let t = Instant::now();
    on(&app);
    println!(
        "turn encryption on: a year, 5 backups      {:>8.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
}
