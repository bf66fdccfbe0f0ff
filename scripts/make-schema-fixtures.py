#!/usr/bin/env python3
"""Writes crates/companion-core/tests/fixtures/schema-v<N>.sqlite3: a diary as each earlier version of the app left
it (the migrations up to N, the app's id, a few entries of every kind that existed then), so
the migration tests start from real files. Run again only to add the next version's file;
the committed files are the record of what older versions wrote."""

import pathlib
import sqlite3

ROOT = pathlib.Path(__file__).resolve().parent.parent
MIGRATIONS = sorted((ROOT / "crates/companion-core/migrations").glob("0*.sql"))
OUT = ROOT / "crates/companion-core/tests/fixtures"
APPLICATION_ID = 0x4B524331
T0 = 1_767_225_600  # 2026-01-01T00:00:00Z

# What each version could hold, added at the version that introduced it.
DATA = {
    1: [
        "INSERT INTO checkins (day, recorded_at, updated_at, tz, mood, craving, note) VALUES"
        " ('2026-01-01', {t}, {t}, 'Europe/Berlin', 4, 7, 'First day. Shaky but here.'),"
        " ('2026-01-02', {t2}, {t2}, 'Europe/Berlin', 5, 6, 'A walk helped; \"quotes\", commas, and ümlauts.')",
        "INSERT INTO checkins (day, recorded_at, updated_at, tz, mood, craving, note, bed_at,"
        " lights_off_at, wake_at, out_of_bed_at, latency_min, awakenings, awake_min, sleep_quality)"
        " VALUES ('2026-01-03', {t3}, {t3}, 'Europe/Berlin', 6, 5, '', {t3b}, {t3b}+600, {t3b}+25200,"
        " {t3b}+27000, 40, 3, 60, 2)",
        "INSERT INTO cravings (at, tz, day, intensity, context, recorded_at, updated_at) VALUES"
        " ({t}+3600, 'Europe/Berlin', '2026-01-01', 8, 'after work', {t}+3600, {t}+3600),"
        " ({t2}+7200, 'Europe/Berlin', '2026-01-02', 5, '', {t2}+7200, {t2}+7200)",
    ],
    2: [
        "INSERT INTO water (at, tz, day) VALUES ({t}+100, 'Europe/Berlin', '2026-01-01'),"
        " ({t}+5000, 'Europe/Berlin', '2026-01-01')",
        "UPDATE reminders SET enabled = 1 WHERE kind = 'hydration'",
    ],
    3: [
        "INSERT INTO doses (at, tz, day, unit, amount_milli, mg, form, note, recorded_at, updated_at)"
        " VALUES ({t}-86400, 'Europe/Berlin', '2025-12-31', 'grams', 4000, 4000, 'powder', 'last one', {t}, {t})",
        "INSERT INTO symptom_checks (day, at, tz, recorded_at, updated_at) VALUES"
        " ('2026-01-02', {t2}, 'Europe/Berlin', {t2}, {t2})",
        "INSERT INTO symptom_scores (check_id, symptom, score) VALUES (1, 'anxiety', 3), (1, 'insomnia', 2)",
        "INSERT INTO taper_plans (start_day, start_mg, target_mg, step_kind, step_value,"
        " days_per_step, rounding_mg, note, created_at) VALUES"
        " ('2026-01-01', 8000, 0, 'amount', 1000, 7, 500, 'with Dr. B', {t})",
        "INSERT INTO taper_holds (plan_id, day, days, created_at) VALUES (1, '2026-01-08', 3, {t2})",
        "UPDATE recovery_plan SET triggers = 'Payday, evenings alone', reasons = 'My kids' WHERE id = 1",
        "INSERT INTO contacts (kind, name, phone, note, updated_at) VALUES"
        " ('support', 'Sam', '+49 30 1234567', 'sister', {t})",
    ],
    8: ["UPDATE settings SET value = '1' WHERE key = 'discreet'"],
    9: [
        "INSERT INTO checkups (instrument, day, at, tz, answers, difficulty, recorded_at) VALUES"
        " ('phq9', '2026-01-02', {t2}, 'Europe/Berlin', '110210001', 1, {t2}),"
        " ('gad7', '2026-01-02', {t2}+60, 'Europe/Berlin', '2101100', NULL, {t2}+60)",
    ],
    10: [
        "UPDATE recovery_plan SET distractions = 'The library', safer_surroundings = 'Sam keeps the rest'"
        " WHERE id = 1",
        "UPDATE reminders SET enabled = 1, at_time = '20:30' WHERE kind = 'checkin'",
    ],
    11: ["UPDATE reminders SET enabled = 1 WHERE kind = 'checkup'"],
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    t = {"t": T0 + 20 * 3600, "t2": T0 + 86400 + 20 * 3600, "t3": T0 + 2 * 86400 + 9 * 3600,
         "t3b": T0 + 86400 + 22 * 3600}
    for version in range(1, len(MIGRATIONS) + 1):
        path = OUT / f"schema-v{version}.sqlite3"
        if path.exists():
            continue
        if version == len(MIGRATIONS):
            # The newest schema is not "earlier": its file is made by the next migration.
            break
        con = sqlite3.connect(path)
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for n, migration in enumerate(MIGRATIONS[:version], start=1):
            con.executescript(migration.read_text())
            con.execute(f"PRAGMA user_version = {n}")
        for v in range(1, version + 1):
            for sql in DATA.get(v, []):
                con.execute(sql.format(**t))
        con.commit()
        con.execute("VACUUM")
        con.close()
        print("wrote", path.relative_to(ROOT))


if __name__ == "__main__":
    main()
