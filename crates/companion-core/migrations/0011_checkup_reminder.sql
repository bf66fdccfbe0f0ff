-- 0011: a reminder for the two-weekly check-up. A reminder's kind is checked by the table, and
-- SQLite cannot change a CHECK, so the table is made again with the new kind and every row,
-- uuid and state copied as it is. The new reminder is off until the person turns it on, and
-- while on it comes only on days a check-up is due.
CREATE TABLE reminders_0011 (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('hydration', 'wind_down', 'rest', 'checkin', 'checkup', 'custom')),
    title           TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
    message         TEXT    NOT NULL CHECK (length(message) <= 300),
    enabled         INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    at_time         TEXT    CHECK (at_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    before_min      INTEGER NOT NULL DEFAULT 0 CHECK (before_min BETWEEN 0 AND 240),
    every_min       INTEGER CHECK (every_min BETWEEN 15 AND 720),
    window_start    TEXT    CHECK (window_start GLOB '[0-2][0-9]:[0-5][0-9]'),
    window_end      TEXT    CHECK (window_end GLOB '[0-2][0-9]:[0-5][0-9]'),
    snoozed_until   INTEGER,
    paused_until    INTEGER,
    handled_through INTEGER NOT NULL,
    last_fired_at   INTEGER,
    updated_at      INTEGER NOT NULL,
    uuid            TEXT    CHECK (uuid GLOB '[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*' AND length(uuid) = 36),
    CHECK ((at_time IS NULL) <> (every_min IS NULL)),
    CHECK ((every_min IS NULL) = (window_start IS NULL) AND (every_min IS NULL) = (window_end IS NULL))
);

INSERT INTO reminders_0011 (id, kind, title, message, enabled, at_time, before_min, every_min,
        window_start, window_end, snoozed_until, paused_until, handled_through, last_fired_at,
        updated_at, uuid)
    SELECT id, kind, title, message, enabled, at_time, before_min, every_min, window_start,
        window_end, snoozed_until, paused_until, handled_through, last_fired_at, updated_at, uuid
    FROM reminders;

DROP TABLE reminders;
ALTER TABLE reminders_0011 RENAME TO reminders;

CREATE UNIQUE INDEX reminders_by_uuid ON reminders (uuid);
CREATE TRIGGER reminders_uuid AFTER INSERT ON reminders WHEN new.uuid IS NULL BEGIN
    UPDATE reminders SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE rowid = new.rowid;
END;

INSERT INTO reminders (kind, title, message, enabled, at_time, before_min, handled_through, updated_at)
    VALUES ('checkup', 'Check-up', 'It has been two weeks: the mood and anxiety check-up in Tools takes about two minutes, whenever you feel ready.', 0, '19:00', 0, 0, 0);
