-- 0002: reminders, their settings, and glasses of water.
-- Rules are wall-clock times ("HH:MM") read in the person's current zone; instants are Unix
-- seconds in UTC. `handled_through` is the latest due moment already dealt with (shown, or
-- skipped for quiet hours, a pause or a snooze), so neither a restart nor a clock set back can
-- show one moment twice.

CREATE TABLE reminders (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('hydration', 'wind_down', 'rest', 'checkin', 'custom')),
    title           TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
    message         TEXT    NOT NULL CHECK (length(message) <= 300),
    enabled         INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    -- A daily reminder: at `at_time`, less `before_min` (a wind-down is set before bedtime).
    at_time         TEXT    CHECK (at_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    before_min      INTEGER NOT NULL DEFAULT 0 CHECK (before_min BETWEEN 0 AND 240),
    -- Or a repeating one: every `every_min` minutes from `window_start` to `window_end`.
    every_min       INTEGER CHECK (every_min BETWEEN 15 AND 720),
    window_start    TEXT    CHECK (window_start GLOB '[0-2][0-9]:[0-5][0-9]'),
    window_end      TEXT    CHECK (window_end GLOB '[0-2][0-9]:[0-5][0-9]'),
    snoozed_until   INTEGER,
    -- NULL: not paused. 253402300799 (the last second of 9999) means "until turned back on".
    paused_until    INTEGER,
    handled_through INTEGER NOT NULL,
    last_fired_at   INTEGER,
    updated_at      INTEGER NOT NULL,
    CHECK ((at_time IS NULL) <> (every_min IS NULL)),
    CHECK ((every_min IS NULL) = (window_start IS NULL) AND (every_min IS NULL) = (window_end IS NULL))
);

-- The built-in reminders, all off until the person turns them on.
INSERT INTO reminders (kind, title, message, enabled, at_time, before_min, every_min, window_start, window_end, handled_through, updated_at) VALUES
    ('hydration', 'Water', 'A glass of water now helps your body through this. Sip slowly if your stomach is unsettled.', 0, NULL, 0, 90, '09:00', '21:00', 0, 0),
    ('wind_down', 'Wind down', 'Bedtime is coming up. Screens off, lights low, something calm: give sleep a gentle start.', 0, '22:30', 45, NULL, NULL, NULL, 0, 0),
    ('rest', 'Afternoon rest', 'Time for a short rest. Lie down or sit somewhere quiet for a few minutes; no need to sleep.', 0, '15:00', 0, NULL, NULL, NULL, 0, 0),
    ('checkin', 'Check-in', 'How has today been? A check-in takes less than a minute.', 0, '20:00', 0, NULL, NULL, NULL, 0, 0);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO settings (key, value) VALUES
    ('quiet_enabled', '1'),
    ('quiet_start', '22:00'),
    ('quiet_end', '08:00'),
    ('adaptive_hydration', '1'),
    ('water_goal', '8'),
    ('reminders_paused_until', '');

CREATE TABLE water (
    id  INTEGER PRIMARY KEY,
    at  INTEGER NOT NULL,
    tz  TEXT    NOT NULL,
    day TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);

CREATE INDEX water_by_day ON water (day);
