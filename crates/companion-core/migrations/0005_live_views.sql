-- The entries a person sees: everything not marked deleted (a deletion waits here for its undo
-- until it is purged). Every read goes through these views, so the soft-delete filter is
-- written once and no chart, prompt or page can forget it. Writes still name the tables.
CREATE VIEW live_checkins AS SELECT * FROM checkins WHERE deleted_at IS NULL;
CREATE VIEW live_cravings AS SELECT * FROM cravings WHERE deleted_at IS NULL;
CREATE VIEW live_doses AS SELECT * FROM doses WHERE deleted_at IS NULL;
