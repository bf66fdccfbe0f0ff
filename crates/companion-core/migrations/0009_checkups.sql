-- Mood (PHQ-9) and anxiety (GAD-7) check-ups: each answer as given, one digit (0-3) per
-- question in order, and the closing question's answer. The score is worked out from the
-- answers whenever it is shown, so no stored total can disagree with them.
CREATE TABLE checkups (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    CHECK (uuid GLOB '[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*' AND length(uuid) = 36),
    instrument  TEXT    NOT NULL CHECK (instrument IN ('phq9', 'gad7')),
    day         TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    at          INTEGER NOT NULL,
    tz          TEXT    NOT NULL,
    answers     TEXT    NOT NULL CHECK (answers NOT GLOB '*[^0-3]*'
                    AND length(answers) = CASE instrument WHEN 'phq9' THEN 9 ELSE 7 END),
    difficulty  INTEGER CHECK (difficulty BETWEEN 0 AND 3),
    recorded_at INTEGER NOT NULL
);

CREATE UNIQUE INDEX checkups_by_uuid ON checkups (uuid);
CREATE INDEX checkups_by_day ON checkups (day);
CREATE TRIGGER checkups_uuid AFTER INSERT ON checkups WHEN new.uuid IS NULL BEGIN
    UPDATE checkups SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE rowid = new.rowid;
END;
