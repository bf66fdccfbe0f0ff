-- 0016: removing a computer from the shared diary (issue 30). Removing one makes a new data key
-- that only the computers that stay receive, each under its own key: this computer's own key
-- (derived from the vault's root secret when it joined; NULL for a diary shared before this
-- version, which cannot receive a new key) and every data key it holds after the first, which
-- stays in sync_computer.key. None of it leaves this computer.
ALTER TABLE sync_computer ADD COLUMN own_key BLOB CHECK (own_key IS NULL OR length(own_key) = 32);

CREATE TABLE sync_keys (
    epoch INTEGER NOT NULL CHECK (epoch > 0),
    maker TEXT    NOT NULL,
    key   BLOB    NOT NULL CHECK (length(key) = 32),
    PRIMARY KEY (epoch, maker)
) WITHOUT ROWID;
