-- 0001: check-ins (with an optional sleep diary) and cravings.
-- Append-only: once landed, a migration is never edited; change the schema in a new file.
-- Instants are Unix seconds in UTC; `tz` is the IANA zone at recording time; `day` is the
-- local calendar day the entry belongs to, kept for grouping and paging the history.

CREATE TABLE checkins (
    id            INTEGER PRIMARY KEY,
    day           TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    recorded_at   INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    tz            TEXT    NOT NULL,
    mood          INTEGER NOT NULL CHECK (mood BETWEEN 0 AND 10),
    craving       INTEGER NOT NULL CHECK (craving BETWEEN 0 AND 10),
    note          TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 5000),
    -- The sleep diary of the night that ended on `day`: all present or all absent.
    bed_at        INTEGER,
    lights_off_at INTEGER,
    wake_at       INTEGER,
    out_of_bed_at INTEGER,
    latency_min   INTEGER CHECK (latency_min BETWEEN 0 AND 720),
    awakenings    INTEGER CHECK (awakenings BETWEEN 0 AND 50),
    awake_min     INTEGER CHECK (awake_min BETWEEN 0 AND 720),
    sleep_quality INTEGER CHECK (sleep_quality BETWEEN 1 AND 5),
    -- Set while a deletion can still be undone; such rows are purged later.
    deleted_at    INTEGER,
    CHECK ((bed_at IS NULL) = (sleep_quality IS NULL)
       AND (bed_at IS NULL) = (lights_off_at IS NULL)
       AND (bed_at IS NULL) = (wake_at IS NULL)
       AND (bed_at IS NULL) = (out_of_bed_at IS NULL)
       AND (bed_at IS NULL) = (latency_min IS NULL)
       AND (bed_at IS NULL) = (awakenings IS NULL)
       AND (bed_at IS NULL) = (awake_min IS NULL)),
    CHECK (bed_at <= lights_off_at AND lights_off_at <= wake_at AND wake_at <= out_of_bed_at)
);

CREATE INDEX checkins_by_day ON checkins (day) WHERE deleted_at IS NULL;

-- One sleep diary per night.
CREATE UNIQUE INDEX one_sleep_diary_per_night ON checkins (day)
    WHERE bed_at IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE cravings (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    tz          TEXT    NOT NULL,
    day         TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    intensity   INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
    context     TEXT    NOT NULL DEFAULT '' CHECK (length(context) <= 1000),
    recorded_at INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
);

CREATE INDEX cravings_by_day ON cravings (day, at) WHERE deleted_at IS NULL;
