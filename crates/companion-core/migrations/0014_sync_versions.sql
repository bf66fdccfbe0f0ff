-- 0014: what the person sees of versions made on two computers at the same time (issue 30).
-- The sync step keeps here each field's other versions (the merged state keeps them all; this
-- is what History reads), the computers' names as they share them, and the rows the person
-- settled ("use that version" or "keep this one") for the next step to record.
CREATE TABLE sync_versions (
    kind  TEXT    NOT NULL,
    row   TEXT    NOT NULL,
    field TEXT    NOT NULL,
    node  TEXT    NOT NULL,
    at_ms INTEGER NOT NULL,
    value TEXT    NOT NULL,
    PRIMARY KEY (kind, row, field, node, at_ms)
) WITHOUT ROWID;

CREATE TABLE sync_names (node TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE sync_settle (
    kind TEXT NOT NULL,
    row  TEXT NOT NULL,
    PRIMARY KEY (kind, row)
) WITHOUT ROWID;

-- The stamp of the version each field of the shadow showed: a change the person makes is
-- recorded as replacing that version, the one they saw, and not one that arrived since.
ALTER TABLE sync_shadow ADD COLUMN stamps TEXT NOT NULL DEFAULT '{}';
