-- V4: what a resumed run records. started_at stays the last (re)start; first_started_at is the
-- first, attempts counts the starts and resumes, active_ms sums the time spent running over all
-- attempts (an attempt killed without closing counts until its last recorded event).
-- Older runs get one attempt spanning their recorded start and end.

ALTER TABLE run ADD COLUMN first_started_at TEXT;
ALTER TABLE run ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE run ADD COLUMN active_ms INTEGER NOT NULL DEFAULT 0;
UPDATE run SET first_started_at = started_at,
    attempts = CASE WHEN started_at IS NULL THEN 0 ELSE 1 END,
    active_ms = CASE WHEN started_at IS NOT NULL AND finished_at IS NOT NULL
        THEN MAX(0, CAST(ROUND((julianday(finished_at) - julianday(started_at)) * 86400000) AS INTEGER)) ELSE 0 END;
