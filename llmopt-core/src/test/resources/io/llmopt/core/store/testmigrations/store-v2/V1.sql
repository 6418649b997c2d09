-- V1: the run store's first schema. Times are ISO-8601 UTC text, JSON columns hold text.
-- Never edit a released migration: add V2.sql, V3.sql, ... instead.

CREATE TABLE run (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    name         TEXT,
    config       TEXT NOT NULL DEFAULT '{}',
    status       TEXT NOT NULL CHECK (status IN
                   ('created', 'running', 'interrupted', 'failed', 'completed', 'budget_reached')),
    created_at   TEXT NOT NULL,
    started_at   TEXT,
    finished_at  TEXT,
    summary      TEXT
);
CREATE INDEX run_by_kind ON run (kind, created_at);

CREATE TABLE step (
    run_id       TEXT    NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    step_index   INTEGER NOT NULL,
    meta_prompt  TEXT,
    started_at   TEXT,
    finished_at  TEXT,
    PRIMARY KEY (run_id, step_index)
) WITHOUT ROWID;

CREATE TABLE candidate (
    run_id           TEXT    NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    id               INTEGER NOT NULL,
    step_index       INTEGER NOT NULL,
    text             TEXT    NOT NULL,
    raw_output       TEXT,
    status           TEXT    NOT NULL,
    reason           TEXT,
    score_train      REAL,
    score_validation REAL,
    score_test       REAL,
    penalized_score  REAL,
    PRIMARY KEY (run_id, id)
) WITHOUT ROWID;
CREATE INDEX candidate_by_step ON candidate (run_id, step_index);
CREATE INDEX candidate_by_text ON candidate (run_id, text);

-- The bulk of a run (one row per candidate x example): keyed exactly by what resume asks for.
CREATE TABLE example_result (
    run_id        TEXT    NOT NULL,
    candidate_id  INTEGER NOT NULL,
    split         TEXT    NOT NULL CHECK (split IN ('train', 'validation', 'test')),
    example_id    TEXT    NOT NULL,
    prompt_hash   TEXT,
    output        TEXT,
    parsed_answer TEXT,
    correct       INTEGER NOT NULL CHECK (correct IN (0, 1)),
    PRIMARY KEY (run_id, candidate_id, split, example_id),
    FOREIGN KEY (run_id, candidate_id) REFERENCES candidate (run_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

-- run_id is NULL for calls made outside any run (a store-wide call log).
CREATE TABLE llm_call (
    id                INTEGER PRIMARY KEY,
    run_id            TEXT REFERENCES run (id) ON DELETE CASCADE,
    role              TEXT,
    model             TEXT,
    request_hash      TEXT,
    samples           INTEGER NOT NULL,
    prompt_tokens     INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    cost              REAL    NOT NULL,
    latency_ms        INTEGER NOT NULL,
    cache_hit         INTEGER NOT NULL,
    error             TEXT,
    started_at        TEXT    NOT NULL
);
CREATE INDEX llm_call_by_run ON llm_call (run_id, role);

CREATE TABLE event (
    id       INTEGER PRIMARY KEY,
    run_id   TEXT NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    at       TEXT NOT NULL,
    level    TEXT NOT NULL,
    type     TEXT NOT NULL,
    message  TEXT,
    data     TEXT
);
CREATE INDEX event_by_run ON event (run_id, id);

-- Generic resumable unit (a BPO stage's record, a numeric proposal): new stages need no new table.
CREATE TABLE work_item (
    run_id      TEXT NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    item_key    TEXT NOT NULL,
    payload     TEXT,
    status      TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (run_id, kind, item_key)
) WITHOUT ROWID;
CREATE INDEX work_item_by_status ON work_item (run_id, kind, status);
