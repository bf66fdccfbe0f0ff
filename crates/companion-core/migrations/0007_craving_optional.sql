-- A check-in's craving may be "not recorded": entries imported from trackers that never ask
-- (Daylio, Bearable) keep their mood without a made-up craving. SQLite cannot drop NOT NULL
-- in place, so the table is made again with every row, index, trigger and view it had.
DROP VIEW live_checkins;

CREATE TABLE checkins_new (
    id            INTEGER PRIMARY KEY,
    day           TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    recorded_at   INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    tz            TEXT    NOT NULL,
    mood          INTEGER NOT NULL CHECK (mood BETWEEN 0 AND 10),
    craving       INTEGER CHECK (craving BETWEEN 0 AND 10),
    note          TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 5000),
    bed_at        INTEGER,
    lights_off_at INTEGER,
    wake_at       INTEGER,
    out_of_bed_at INTEGER,
    latency_min   INTEGER CHECK (latency_min BETWEEN 0 AND 720),
    awakenings    INTEGER CHECK (awakenings BETWEEN 0 AND 50),
    awake_min     INTEGER CHECK (awake_min BETWEEN 0 AND 720),
    sleep_quality INTEGER CHECK (sleep_quality BETWEEN 1 AND 5),
    deleted_at    INTEGER,
    uuid          TEXT CHECK (uuid GLOB '[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*' AND length(uuid) = 36),
    CHECK ((bed_at IS NULL) = (sleep_quality IS NULL)
       AND (bed_at IS NULL) = (lights_off_at IS NULL)
       AND (bed_at IS NULL) = (wake_at IS NULL)
       AND (bed_at IS NULL) = (out_of_bed_at IS NULL)
       AND (bed_at IS NULL) = (latency_min IS NULL)
       AND (bed_at IS NULL) = (awakenings IS NULL)
       AND (bed_at IS NULL) = (awake_min IS NULL)),
    CHECK (bed_at <= lights_off_at AND lights_off_at <= wake_at AND wake_at <= out_of_bed_at)
);

INSERT INTO checkins_new (id, day, recorded_at, updated_at, tz, mood, craving, note, bed_at,
        lights_off_at, wake_at, out_of_bed_at, latency_min, awakenings, awake_min,
        sleep_quality, deleted_at, uuid)
    SELECT id, day, recorded_at, updated_at, tz, mood, craving, note, bed_at, lights_off_at,
        wake_at, out_of_bed_at, latency_min, awakenings, awake_min, sleep_quality, deleted_at,
        uuid
    FROM checkins;

DROP TABLE checkins;
ALTER TABLE checkins_new RENAME TO checkins;

CREATE INDEX checkins_by_day ON checkins (day) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX one_sleep_diary_per_night ON checkins (day)
    WHERE bed_at IS NOT NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX checkins_by_uuid ON checkins (uuid);
CREATE TRIGGER checkins_uuid AFTER INSERT ON checkins WHEN new.uuid IS NULL BEGIN
    UPDATE checkins SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE rowid = new.rowid;
END;

CREATE VIEW live_checkins AS SELECT * FROM checkins WHERE deleted_at IS NULL;
