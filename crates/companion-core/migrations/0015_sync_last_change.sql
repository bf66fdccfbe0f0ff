-- 0015: when each computer last changed the shared diary, as this one has seen it, for the
-- list of computers and the status line ("the last change came from Work laptop at 13:58").
ALTER TABLE sync_names ADD COLUMN last_ms INTEGER NOT NULL DEFAULT 0;
