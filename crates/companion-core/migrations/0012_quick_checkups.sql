-- 0012: the two-question check-ups (PHQ-2, GAD-2) asked with the daily check-in, kept with the
-- full ones. The instrument is checked by the table, and SQLite cannot change a CHECK, so the
-- table is made again and every row copied as it is.
CREATE TABLE checkups_0012 (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    CHECK (uuid GLOB '[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*' AND length(uuid) = 36),
    instrument  TEXT    NOT NULL CHECK (instrument IN ('phq9', 'gad7', 'phq2', 'gad2')),
    day         TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    at          INTEGER NOT NULL,
    tz          TEXT    NOT NULL,
    answers     TEXT    NOT NULL CHECK (answers NOT GLOB '*[^0-3]*'
                    AND length(answers) = CASE instrument WHEN 'phq9' THEN 9 WHEN 'gad7' THEN 7 ELSE 2 END),
    difficulty  INTEGER CHECK (difficulty IS NULL OR (difficulty BETWEEN 0 AND 3 AND instrument IN ('phq9', 'gad7'))),
    recorded_at INTEGER NOT NULL
);

INSERT INTO checkups_0012 (id, uuid, instrument, day, at, tz, answers, difficulty, recorded_at)
    SELECT id, uuid, instrument, day, at, tz, answers, difficulty, recorded_at FROM checkups;

DROP TABLE checkups;
ALTER TABLE checkups_0012 RENAME TO checkups;

CREATE UNIQUE INDEX checkups_by_uuid ON checkups (uuid);
CREATE INDEX checkups_by_day ON checkups (day);
CREATE TRIGGER checkups_uuid AFTER INSERT ON checkups WHEN new.uuid IS NULL BEGIN
    UPDATE checkups SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE rowid = new.rowid;
END;
