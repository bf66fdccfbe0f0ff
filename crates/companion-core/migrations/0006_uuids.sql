-- Every entry gets a stable identifier (a random UUID, version 4), so that an exported diary
-- imported twice adds nothing the second time. Existing rows get theirs here; new rows get
-- theirs from a trigger, unless the insert brings one (an import keeps the file's).

ALTER TABLE checkins ADD COLUMN uuid TEXT CHECK (uuid GLOB '[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*' AND length(uuid) = 36);
UPDATE checkins SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX checkins_by_uuid ON checkins (uuid);
CREATE TRIGGER checkins_uuid AFTER INSERT ON checkins WHEN new.uuid IS NULL BEGIN
    UPDATE checkins SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE rowid = new.rowid;
END;

ALTER TABLE cravings ADD COLUMN uuid TEXT CHECK (uuid GLOB '[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*' AND length(uuid) = 36);
UPDATE cravings SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX cravings_by_uuid ON cravings (uuid);
CREATE TRIGGER cravings_uuid AFTER INSERT ON cravings WHEN new.uuid IS NULL BEGIN
    UPDATE cravings SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE rowid = new.rowid;
END;

ALTER TABLE doses ADD COLUMN uuid TEXT CHECK (uuid GLOB '[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*' AND length(uuid) = 36);
UPDATE doses SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX doses_by_uuid ON doses (uuid);
CREATE TRIGGER doses_uuid AFTER INSERT ON doses WHEN new.uuid IS NULL BEGIN
    UPDATE doses SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE rowid = new.rowid;
END;

ALTER TABLE water ADD COLUMN uuid TEXT CHECK (uuid GLOB '[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*' AND length(uuid) = 36);
UPDATE water SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX water_by_uuid ON water (uuid);
CREATE TRIGGER water_uuid AFTER INSERT ON water WHEN new.uuid IS NULL BEGIN
    UPDATE water SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE rowid = new.rowid;
END;

ALTER TABLE symptom_checks ADD COLUMN uuid TEXT CHECK (uuid GLOB '[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*' AND length(uuid) = 36);
UPDATE symptom_checks SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX symptom_checks_by_uuid ON symptom_checks (uuid);
CREATE TRIGGER symptom_checks_uuid AFTER INSERT ON symptom_checks WHEN new.uuid IS NULL BEGIN
    UPDATE symptom_checks SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE rowid = new.rowid;
END;

ALTER TABLE taper_plans ADD COLUMN uuid TEXT CHECK (uuid GLOB '[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*' AND length(uuid) = 36);
UPDATE taper_plans SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX taper_plans_by_uuid ON taper_plans (uuid);
CREATE TRIGGER taper_plans_uuid AFTER INSERT ON taper_plans WHEN new.uuid IS NULL BEGIN
    UPDATE taper_plans SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE rowid = new.rowid;
END;

ALTER TABLE taper_holds ADD COLUMN uuid TEXT CHECK (uuid GLOB '[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*' AND length(uuid) = 36);
UPDATE taper_holds SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX taper_holds_by_uuid ON taper_holds (uuid);
CREATE TRIGGER taper_holds_uuid AFTER INSERT ON taper_holds WHEN new.uuid IS NULL BEGIN
    UPDATE taper_holds SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE rowid = new.rowid;
END;

ALTER TABLE contacts ADD COLUMN uuid TEXT CHECK (uuid GLOB '[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*' AND length(uuid) = 36);
UPDATE contacts SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX contacts_by_uuid ON contacts (uuid);
CREATE TRIGGER contacts_uuid AFTER INSERT ON contacts WHEN new.uuid IS NULL BEGIN
    UPDATE contacts SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE rowid = new.rowid;
END;

ALTER TABLE reminders ADD COLUMN uuid TEXT CHECK (uuid GLOB '[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*-[0-9a-f]*' AND length(uuid) = 36);
UPDATE reminders SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX reminders_by_uuid ON reminders (uuid);
CREATE TRIGGER reminders_uuid AFTER INSERT ON reminders WHEN new.uuid IS NULL BEGIN
    UPDATE reminders SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) WHERE rowid = new.rowid;
END;
