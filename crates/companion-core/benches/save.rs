//! How long saving a check-in takes, start to acknowledged, on a real data file with full sync.
//! Prints the median and tail over many saves; run with `cargo bench -p companion-core`.
//! (A benchmark, not a test: nothing here passes or fails on time.)

use std::sync::Arc;
use std::time::{Duration, Instant};

use companion_core::{CheckinInput, Companion, CravingInput, SleepInput, SystemClock};

fn input(day: &str, sleep: bool) -> CheckinInput {
    CheckinInput {
        day: day.into(),
        mood: Some(5),
        craving: Some(6),
        note: "A short note, as most are.".into(),
        sleep: sleep.then(|| SleepInput {
            bed_time: "23:00".into(),
            lights_off: "23:15".into(),
            latency_min: Some(20),
            awakenings: Some(2),
            awake_min: Some(15),
            final_wake: "06:30".into(),
            out_of_bed: "06:45".into(),
            quality: Some(3),
        }),
    }
}

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what:<48} n={:<5} median {:>8.3} ms   p90 {:>8.3} ms   p99 {:>8.3} ms",
        samples.len(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.9).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
    );
}

fn main() {
    // The data folder of a real user is on their disk, so measure on the disk (not /dev/shm).
    let base = std::env::var_os("BENCH_DIR").map_or_else(std::env::temp_dir, Into::into);
    let dir = tempfile::tempdir_in(base).expect("tempdir");
    let app = Companion::open_in(dir.path(), Arc::new(SystemClock)).expect("open");
    let today = app.today().day;

    let mut plain = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        app.save_checkin(None, &input(&today, false)).expect("save");
        plain.push(t.elapsed());
    }
    report("save a check-in (no sleep diary)", plain);

    // A sleep diary per night: one per day, walking back in time.
    let day0 = chrono::NaiveDate::parse_from_str(&today, "%Y-%m-%d").expect("today");
    let mut with_sleep = Vec::new();
    for i in 1..=300 {
        let day = (day0 - chrono::Duration::days(i)).to_string();
        let t = Instant::now();
        app.save_checkin(None, &input(&day, true)).expect("save");
        with_sleep.push(t.elapsed());
    }
    report("save a check-in with a sleep diary", with_sleep);

    let mut cravings = Vec::new();
    for i in 0..300 {
        let c = CravingInput {
            at: None,
            intensity: Some(i % 11),
            context: "after dinner".into(),
        };
        let t = Instant::now();
        app.save_craving(None, &c).expect("save");
        cravings.push(t.elapsed());
    }
    report("log a craving", cravings);

    let mut history = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        let page = app.history(None, 14).expect("history");
        history.push(t.elapsed());
        assert!(!page.days.is_empty());
    }
    report("load the first history page (14 days)", history);
}
