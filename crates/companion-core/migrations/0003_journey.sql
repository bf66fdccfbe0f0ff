-- 0003: the detox journey. Doses, symptom checks, taper plans with their holds, the
-- relapse-prevention plan, the person's contacts, and what urge surfing did to a craving.
-- Amounts are whole milligrams (or thousandths of a capsule) so rounding never drifts.

CREATE TABLE doses (
    id             INTEGER PRIMARY KEY,
    at             INTEGER NOT NULL,
    tz             TEXT    NOT NULL,
    day            TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    unit           TEXT    NOT NULL CHECK (unit IN ('grams', 'capsules')),
    -- Grams × 1000, or capsules × 1000, as typed.
    amount_milli   INTEGER NOT NULL CHECK (amount_milli BETWEEN 1 AND 500000),
    mg_per_capsule INTEGER CHECK (mg_per_capsule BETWEEN 1 AND 5000),
    -- The dose in milligrams, worked out when saved.
    mg             INTEGER NOT NULL CHECK (mg BETWEEN 1 AND 500000),
    form           TEXT    NOT NULL CHECK (form IN ('powder', 'capsules', 'tea', 'extract', 'other')),
    note           TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    recorded_at    INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    deleted_at     INTEGER,
    CHECK ((unit = 'capsules') = (mg_per_capsule IS NOT NULL))
);

CREATE INDEX doses_by_at ON doses (at) WHERE deleted_at IS NULL;
CREATE INDEX doses_by_day ON doses (day) WHERE deleted_at IS NULL;

-- One symptom check a day; saving again replaces that day's scores.
CREATE TABLE symptom_checks (
    id          INTEGER PRIMARY KEY,
    day         TEXT    NOT NULL UNIQUE CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    -- When the scores describe: the moment of saving for today, the end of an earlier day.
    at          INTEGER NOT NULL,
    tz          TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE symptom_scores (
    check_id INTEGER NOT NULL REFERENCES symptom_checks (id) ON DELETE CASCADE,
    symptom  TEXT    NOT NULL CHECK (symptom IN ('anxiety', 'irritability', 'muscle_aches',
                 'joint_pain', 'insomnia', 'restlessness', 'sweating', 'chills', 'runny_nose',
                 'nausea', 'vomiting', 'stomach_upset', 'diarrhea', 'mood_swings', 'low_mood',
                 'cravings')),
    score    INTEGER NOT NULL CHECK (score BETWEEN 0 AND 4),
    PRIMARY KEY (check_id, symptom)
) WITHOUT ROWID;

-- A taper plan runs from `start_day` until the next plan starts or it is ended. Adjusting a
-- plan adds a new one from that day, so the days already lived keep the plan they had.
CREATE TABLE taper_plans (
    id            INTEGER PRIMARY KEY,
    start_day     TEXT    NOT NULL UNIQUE CHECK (start_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    start_mg      INTEGER NOT NULL CHECK (start_mg BETWEEN 1 AND 500000),
    target_mg     INTEGER NOT NULL CHECK (target_mg >= 0 AND target_mg < start_mg),
    step_kind     TEXT    NOT NULL CHECK (step_kind IN ('percent', 'amount')),
    -- Whole percent of the current amount, or milligrams.
    step_value    INTEGER NOT NULL CHECK (step_value >= 1),
    days_per_step INTEGER NOT NULL CHECK (days_per_step BETWEEN 1 AND 90),
    rounding_mg   INTEGER NOT NULL CHECK (rounding_mg BETWEEN 1 AND 10000),
    doses_per_day INTEGER CHECK (doses_per_day BETWEEN 1 AND 12),
    note          TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    ended_on      TEXT    CHECK (ended_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    created_at    INTEGER NOT NULL
);

-- "Stay on this step a little longer": the step that holds `day` lasts `days` more days.
CREATE TABLE taper_holds (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES taper_plans (id) ON DELETE CASCADE,
    day        TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    days       INTEGER NOT NULL CHECK (days BETWEEN 1 AND 60),
    created_at INTEGER NOT NULL
);

CREATE TABLE recovery_plan (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    triggers      TEXT    NOT NULL CHECK (length(triggers) <= 4000),
    warning_signs TEXT    NOT NULL CHECK (length(warning_signs) <= 4000),
    coping_steps  TEXT    NOT NULL CHECK (length(coping_steps) <= 4000),
    reasons       TEXT    NOT NULL CHECK (length(reasons) <= 4000),
    updated_at    INTEGER NOT NULL
);

INSERT INTO recovery_plan VALUES (1, '', '', '', '', 0);

-- People to call: supporters, the care team, and the person's own crisis lines.
CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ('support', 'care', 'crisis')),
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    phone      TEXT    NOT NULL CHECK (length(phone) <= 40),
    note       TEXT    NOT NULL CHECK (length(note) <= 300),
    updated_at INTEGER NOT NULL
);

-- Urge surfing: the craving's strength when it ended and how long it was ridden out.
ALTER TABLE cravings ADD COLUMN eased_to INTEGER CHECK (eased_to BETWEEN 0 AND 10);
ALTER TABLE cravings ADD COLUMN surf_min INTEGER CHECK (surf_min BETWEEN 1 AND 180);

-- Empty: crisis lines follow the region guessed from the time zone until one is chosen.
INSERT INTO settings (key, value) VALUES ('crisis_region', '');
