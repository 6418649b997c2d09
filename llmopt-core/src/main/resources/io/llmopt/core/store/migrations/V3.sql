-- V3: the call log keeps a call's time at the server apart from its time queued for a slot, so a
-- report does not show queueing as server latency. NULL for calls logged before this version.
ALTER TABLE llm_call ADD COLUMN server_ms INTEGER;
ALTER TABLE llm_call ADD COLUMN slot_wait_ms INTEGER;
