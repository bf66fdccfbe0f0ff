-- 0013: keeping the diary in step across the person's computers (issue 30). Every write to a
-- table that syncs marks its kind in the same transaction (the outbox), so an acknowledged
-- entry is never missed by the next sync, even after a crash; the sync thread then compares the
-- kind's rows with what it last saw (the shadow) and records the differences as changes.
-- Reminders stay on each computer (a water reminder should not ring on three at once).
-- A later migration that makes one of these tables again must make its triggers again. (No
-- OR IGNORE in the triggers: the statement that fires one imposes its own conflict rule.)

CREATE TABLE sync_dirty (kind TEXT PRIMARY KEY) WITHOUT ROWID;

-- What the diary held of each row when it was last in step: the kind's fields as the export
-- writes them, as one JSON object.
CREATE TABLE sync_shadow (
    kind   TEXT NOT NULL,
    row    TEXT NOT NULL,
    fields TEXT NOT NULL,
    PRIMARY KEY (kind, row)
) WITHOUT ROWID;

-- Everything merged, in order (own changes, others' changes and snapshots), from which the
-- merged state is rebuilt when the app starts; folded into one entry now and then.
CREATE TABLE sync_journal (id INTEGER PRIMARY KEY, entry TEXT NOT NULL);

-- This computer's side: the folder, its name, the diary's data key and where it is in the
-- folder. None of it leaves this computer.
CREATE TABLE sync_computer (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    folder TEXT NOT NULL,
    name   TEXT NOT NULL,
    key    BLOB NOT NULL CHECK (length(key) = 32),
    saved  TEXT NOT NULL
);
CREATE TRIGGER sync_checkins_insert AFTER INSERT ON checkins BEGIN INSERT INTO sync_dirty SELECT 'checkins' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'checkins'); END;
CREATE TRIGGER sync_checkins_update AFTER UPDATE ON checkins BEGIN INSERT INTO sync_dirty SELECT 'checkins' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'checkins'); END;
CREATE TRIGGER sync_checkins_delete AFTER DELETE ON checkins BEGIN INSERT INTO sync_dirty SELECT 'checkins' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'checkins'); END;
CREATE TRIGGER sync_cravings_insert AFTER INSERT ON cravings BEGIN INSERT INTO sync_dirty SELECT 'cravings' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'cravings'); END;
CREATE TRIGGER sync_cravings_update AFTER UPDATE ON cravings BEGIN INSERT INTO sync_dirty SELECT 'cravings' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'cravings'); END;
CREATE TRIGGER sync_cravings_delete AFTER DELETE ON cravings BEGIN INSERT INTO sync_dirty SELECT 'cravings' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'cravings'); END;
CREATE TRIGGER sync_doses_insert AFTER INSERT ON doses BEGIN INSERT INTO sync_dirty SELECT 'doses' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'doses'); END;
CREATE TRIGGER sync_doses_update AFTER UPDATE ON doses BEGIN INSERT INTO sync_dirty SELECT 'doses' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'doses'); END;
CREATE TRIGGER sync_doses_delete AFTER DELETE ON doses BEGIN INSERT INTO sync_dirty SELECT 'doses' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'doses'); END;
CREATE TRIGGER sync_symptom_checks_insert AFTER INSERT ON symptom_checks BEGIN INSERT INTO sync_dirty SELECT 'symptomChecks' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'symptomChecks'); END;
CREATE TRIGGER sync_symptom_checks_update AFTER UPDATE ON symptom_checks BEGIN INSERT INTO sync_dirty SELECT 'symptomChecks' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'symptomChecks'); END;
CREATE TRIGGER sync_symptom_checks_delete AFTER DELETE ON symptom_checks BEGIN INSERT INTO sync_dirty SELECT 'symptomChecks' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'symptomChecks'); END;
CREATE TRIGGER sync_symptom_scores_insert AFTER INSERT ON symptom_scores BEGIN INSERT INTO sync_dirty SELECT 'symptomScores' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'symptomScores'); END;
CREATE TRIGGER sync_symptom_scores_update AFTER UPDATE ON symptom_scores BEGIN INSERT INTO sync_dirty SELECT 'symptomScores' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'symptomScores'); END;
CREATE TRIGGER sync_symptom_scores_delete AFTER DELETE ON symptom_scores BEGIN INSERT INTO sync_dirty SELECT 'symptomScores' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'symptomScores'); END;
CREATE TRIGGER sync_taper_plans_insert AFTER INSERT ON taper_plans BEGIN INSERT INTO sync_dirty SELECT 'taperPlans' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'taperPlans'); END;
CREATE TRIGGER sync_taper_plans_update AFTER UPDATE ON taper_plans BEGIN INSERT INTO sync_dirty SELECT 'taperPlans' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'taperPlans'); END;
CREATE TRIGGER sync_taper_plans_delete AFTER DELETE ON taper_plans BEGIN INSERT INTO sync_dirty SELECT 'taperPlans' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'taperPlans'); END;
CREATE TRIGGER sync_taper_holds_insert AFTER INSERT ON taper_holds BEGIN INSERT INTO sync_dirty SELECT 'taperHolds' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'taperHolds'); END;
CREATE TRIGGER sync_taper_holds_update AFTER UPDATE ON taper_holds BEGIN INSERT INTO sync_dirty SELECT 'taperHolds' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'taperHolds'); END;
CREATE TRIGGER sync_taper_holds_delete AFTER DELETE ON taper_holds BEGIN INSERT INTO sync_dirty SELECT 'taperHolds' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'taperHolds'); END;
CREATE TRIGGER sync_checkups_insert AFTER INSERT ON checkups BEGIN INSERT INTO sync_dirty SELECT 'checkups' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'checkups'); END;
CREATE TRIGGER sync_checkups_update AFTER UPDATE ON checkups BEGIN INSERT INTO sync_dirty SELECT 'checkups' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'checkups'); END;
CREATE TRIGGER sync_checkups_delete AFTER DELETE ON checkups BEGIN INSERT INTO sync_dirty SELECT 'checkups' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'checkups'); END;
CREATE TRIGGER sync_water_insert AFTER INSERT ON water BEGIN INSERT INTO sync_dirty SELECT 'water' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'water'); END;
CREATE TRIGGER sync_water_update AFTER UPDATE ON water BEGIN INSERT INTO sync_dirty SELECT 'water' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'water'); END;
CREATE TRIGGER sync_water_delete AFTER DELETE ON water BEGIN INSERT INTO sync_dirty SELECT 'water' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'water'); END;
CREATE TRIGGER sync_contacts_insert AFTER INSERT ON contacts BEGIN INSERT INTO sync_dirty SELECT 'contacts' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'contacts'); END;
CREATE TRIGGER sync_contacts_update AFTER UPDATE ON contacts BEGIN INSERT INTO sync_dirty SELECT 'contacts' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'contacts'); END;
CREATE TRIGGER sync_contacts_delete AFTER DELETE ON contacts BEGIN INSERT INTO sync_dirty SELECT 'contacts' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'contacts'); END;
CREATE TRIGGER sync_recovery_plan_insert AFTER INSERT ON recovery_plan BEGIN INSERT INTO sync_dirty SELECT 'hardMomentsPlan' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'hardMomentsPlan'); END;
CREATE TRIGGER sync_recovery_plan_update AFTER UPDATE ON recovery_plan BEGIN INSERT INTO sync_dirty SELECT 'hardMomentsPlan' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'hardMomentsPlan'); END;
CREATE TRIGGER sync_recovery_plan_delete AFTER DELETE ON recovery_plan BEGIN INSERT INTO sync_dirty SELECT 'hardMomentsPlan' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'hardMomentsPlan'); END;
CREATE TRIGGER sync_settings_insert AFTER INSERT ON settings BEGIN INSERT INTO sync_dirty SELECT 'settings' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'settings'); END;
CREATE TRIGGER sync_settings_update AFTER UPDATE ON settings BEGIN INSERT INTO sync_dirty SELECT 'settings' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'settings'); END;
CREATE TRIGGER sync_settings_delete AFTER DELETE ON settings BEGIN INSERT INTO sync_dirty SELECT 'settings' WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE kind = 'settings'); END;
