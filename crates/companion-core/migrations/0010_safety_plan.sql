-- 0010: the plan for hard moments grows into the full safety plan (the sections of the
-- Stanley-Brown Safety Planning Intervention). Each new section is the person's own words;
-- an empty section is simply not written yet.
ALTER TABLE recovery_plan ADD COLUMN distractions TEXT NOT NULL DEFAULT '' CHECK (length(distractions) <= 4000);
ALTER TABLE recovery_plan ADD COLUMN helpers TEXT NOT NULL DEFAULT '' CHECK (length(helpers) <= 4000);
ALTER TABLE recovery_plan ADD COLUMN professionals TEXT NOT NULL DEFAULT '' CHECK (length(professionals) <= 4000);
ALTER TABLE recovery_plan ADD COLUMN safer_surroundings TEXT NOT NULL DEFAULT '' CHECK (length(safer_surroundings) <= 4000);
