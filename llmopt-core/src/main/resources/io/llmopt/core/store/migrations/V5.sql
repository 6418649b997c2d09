-- V5: what a call cost before its reply came back, and scorer replies cut at max_tokens.
-- A call is written before its first request leaves (settled = 0, cost = its estimate) and
-- settled when it returns (settled = 1, the billed cost): a call whose reply was lost in a kill
-- stays unsettled and is still counted, at its estimate. call_key ties the two writes together;
-- requests counts the HTTP requests the call made (retries included). NULL before this version.
ALTER TABLE llm_call ADD COLUMN call_key TEXT;
ALTER TABLE llm_call ADD COLUMN requests INTEGER;
ALTER TABLE llm_call ADD COLUMN settled INTEGER NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX llm_call_by_key ON llm_call (call_key);
-- truncated = 1: the scorer's reply was cut at max_tokens (finish_reason "length").
ALTER TABLE example_result ADD COLUMN truncated INTEGER NOT NULL DEFAULT 0;
