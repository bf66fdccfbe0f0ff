-- Every taper plan names how it ends: the amount from which the last step goes to the target,
-- and optionally a final phase of fixed steps below an amount. Plans saved before this keep
-- half a gram as their end, the app's default.
ALTER TABLE taper_plans ADD COLUMN end_mg INTEGER NOT NULL DEFAULT 500 CHECK (end_mg BETWEEN 0 AND 500000);
ALTER TABLE taper_plans ADD COLUMN final_below_mg INTEGER CHECK (final_below_mg BETWEEN 1 AND 500000);
ALTER TABLE taper_plans ADD COLUMN final_step_mg INTEGER CHECK (final_step_mg BETWEEN 1 AND 500000);
