-- V2: one process per run. The process running a run holds its lease and renews the heartbeat;
-- another process refuses to run it while the lease is live (see RunLease). Times are epoch
-- milliseconds so that "older than" is a number comparison.

CREATE TABLE run_lease (
    run_id        TEXT    PRIMARY KEY REFERENCES run (id) ON DELETE CASCADE,
    owner         TEXT    NOT NULL,
    pid           INTEGER NOT NULL,
    host          TEXT    NOT NULL,
    acquired_at   INTEGER NOT NULL,
    heartbeat_at  INTEGER NOT NULL
) WITHOUT ROWID;
