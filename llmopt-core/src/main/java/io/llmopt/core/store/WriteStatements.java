package io.llmopt.core.store;

import io.llmopt.core.accounting.LlmCallRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer connection's prepared statements, prepared once: re-preparing per row would cost
 * more than the insert itself at hundreds of thousands of example results.
 * Used only by the writer thread.
 */
final class WriteStatements implements AutoCloseable {

    private final Connection connection;
    private final List<PreparedStatement> all = new ArrayList<>();
    private final PreparedStatement insertRun;
    private final PreparedStatement updateStatus;
    private final PreparedStatement updateSummary;
    private final PreparedStatement deleteRun;
    private final PreparedStatement upsertStep;
    private final PreparedStatement upsertCandidate;
    private final PreparedStatement updateScore;
    private final PreparedStatement upsertExample;
    private final PreparedStatement insertCall;
    private final PreparedStatement insertEvent;
    private final PreparedStatement upsertWorkItem;

    WriteStatements(Connection c) throws SQLException {
        connection = c;
        insertRun = prepare(c, "INSERT INTO run (id, kind, name, config, status, created_at, started_at, finished_at, summary)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        // started_at is the last (re)start; finished_at is cleared when a run is resumed
        // ?1 the new status, ?2 the time, ?3 the run. SQLite evaluates every right-hand side on the
        // old row, so "status" and "started_at" below are the attempt that is ending. A run found
        // 'running' when it is started again was killed: its attempt ends at its last event.
        updateStatus = prepare(c, "UPDATE run SET status = ?1,"
                + " attempts = attempts + CASE WHEN ?1 = 'running' THEN 1 ELSE 0 END,"
                + " first_started_at = CASE WHEN ?1 = 'running' THEN COALESCE(first_started_at, ?2) ELSE first_started_at END,"
                + " active_ms = active_ms + CASE WHEN status <> 'running' OR started_at IS NULL THEN 0"
                + "   WHEN ?1 = 'running' THEN " + elapsed("started_at",
                        "COALESCE((SELECT MAX(at) FROM event WHERE event.run_id = run.id AND julianday(at) >= julianday(run.started_at)), started_at)")
                + "   ELSE " + elapsed("started_at", "?2") + " END,"
                + " started_at = CASE WHEN ?1 = 'running' THEN ?2 ELSE started_at END,"
                + " finished_at = CASE WHEN ?1 IN ('failed', 'completed', 'budget_reached', 'interrupted') THEN ?2"
                + " WHEN ?1 = 'running' THEN NULL ELSE finished_at END WHERE id = ?3");
        updateSummary = prepare(c, "UPDATE run SET summary = ? WHERE id = ?");
        deleteRun = prepare(c, "DELETE FROM run WHERE id = ?");
        upsertStep = prepare(c, "INSERT INTO step (run_id, step_index, meta_prompt, started_at, finished_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (run_id, step_index) DO UPDATE SET"
                + " meta_prompt = COALESCE(excluded.meta_prompt, meta_prompt),"
                + " started_at = COALESCE(excluded.started_at, started_at),"
                + " finished_at = COALESCE(excluded.finished_at, finished_at)");
        upsertCandidate = prepare(c, "INSERT INTO candidate (run_id, id, step_index, text, raw_output, status, reason,"
                + " score_train, score_validation, score_test, penalized_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (run_id, id) DO UPDATE SET step_index = excluded.step_index, text = excluded.text,"
                + " raw_output = excluded.raw_output, status = excluded.status, reason = excluded.reason,"
                + " score_train = COALESCE(excluded.score_train, score_train),"
                + " score_validation = COALESCE(excluded.score_validation, score_validation),"
                + " score_test = COALESCE(excluded.score_test, score_test),"
                + " penalized_score = COALESCE(excluded.penalized_score, penalized_score)");
        // the column is chosen by a CASE so one prepared statement serves every split
        updateScore = prepare(c, "UPDATE candidate SET"
                + " score_train = CASE WHEN ?1 = 'train' THEN ?2 ELSE score_train END,"
                + " score_validation = CASE WHEN ?1 = 'validation' THEN ?2 ELSE score_validation END,"
                + " score_test = CASE WHEN ?1 = 'test' THEN ?2 ELSE score_test END,"
                + " penalized_score = COALESCE(?3, penalized_score)"
                + " WHERE run_id = ?4 AND id = ?5");
        upsertExample = prepare(c, "INSERT INTO example_result (run_id, candidate_id, split, example_id, prompt_hash, output,"
                + " parsed_answer, correct, truncated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (run_id, candidate_id, split, example_id) DO UPDATE SET prompt_hash = excluded.prompt_hash,"
                + " output = excluded.output, parsed_answer = excluded.parsed_answer, correct = excluded.correct,"
                + " truncated = excluded.truncated");
        // a call is written when sent (settled = 0) and settled by its final record, under the same call_key;
        // a settled row is never unsettled again
        insertCall = prepare(c, "INSERT INTO llm_call (run_id, role, model, request_hash, samples, prompt_tokens,"
                + " completion_tokens, cost, latency_ms, cache_hit, error, started_at, server_ms, slot_wait_ms,"
                + " call_key, requests, settled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (call_key) DO UPDATE SET prompt_tokens = excluded.prompt_tokens,"
                + " completion_tokens = excluded.completion_tokens, cost = excluded.cost, latency_ms = excluded.latency_ms,"
                + " cache_hit = excluded.cache_hit, error = excluded.error, server_ms = excluded.server_ms,"
                + " slot_wait_ms = excluded.slot_wait_ms, requests = excluded.requests, settled = excluded.settled"
                + " WHERE llm_call.settled = 0");
        insertEvent = prepare(c, "INSERT INTO event (run_id, at, level, type, message, data) VALUES (?, ?, ?, ?, ?, ?)");
        upsertWorkItem = prepare(c, "INSERT INTO work_item (run_id, kind, item_key, payload, status, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, kind, item_key) DO UPDATE SET"
                + " payload = excluded.payload, status = excluded.status, updated_at = excluded.updated_at");
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        all.add(ps);
        return ps;
    }

    /** The writer's connection, for maintenance operations and tests. */
    Connection connection() {
        return connection;
    }

    void insertRun(RunRecord r) throws SQLException {
        PreparedStatement ps = insertRun;
        ps.setString(1, r.id());
        ps.setString(2, r.kind());
        ps.setString(3, r.name());
        ps.setString(4, r.configJson());
        ps.setString(5, r.status().wireName());
        ps.setString(6, r.createdAt().toString());
        setInstant(ps, 7, r.startedAt());
        setInstant(ps, 8, r.finishedAt());
        ps.setString(9, r.summaryJson());
        ps.executeUpdate();
    }

    /** Milliseconds from one ISO-8601 time to another, in SQL, never negative. */
    private static String elapsed(String from, String to) {
        return "MAX(0, CAST(ROUND((julianday(" + to + ") - julianday(" + from + ")) * 86400000) AS INTEGER))";
    }

    void updateStatus(String runId, RunStatus status, Instant at) throws SQLException {
        PreparedStatement ps = updateStatus;
        ps.setString(1, status.wireName());
        ps.setString(2, at.toString());
        ps.setString(3, runId);
        requireRow(ps.executeUpdate(), "run " + runId);
    }

    void updateSummary(String runId, String summaryJson) throws SQLException {
        updateSummary.setString(1, summaryJson);
        updateSummary.setString(2, runId);
        requireRow(updateSummary.executeUpdate(), "run " + runId);
    }

    void deleteRun(String runId) throws SQLException {
        deleteRun.setString(1, runId);
        deleteRun.executeUpdate();
    }

    void step(StepRecord s) throws SQLException {
        PreparedStatement ps = upsertStep;
        ps.setString(1, s.runId());
        ps.setInt(2, s.index());
        ps.setString(3, s.metaPrompt());
        setInstant(ps, 4, s.startedAt());
        setInstant(ps, 5, s.finishedAt());
        ps.executeUpdate();
    }

    void candidate(CandidateRecord c) throws SQLException {
        PreparedStatement ps = upsertCandidate;
        ps.setString(1, c.runId());
        ps.setLong(2, c.id());
        ps.setInt(3, c.step());
        ps.setString(4, c.text());
        ps.setString(5, c.rawOutput());
        ps.setString(6, c.status().wireName());
        ps.setString(7, c.reason());
        setDouble(ps, 8, c.trainScore());
        setDouble(ps, 9, c.validationScore());
        setDouble(ps, 10, c.testScore());
        setDouble(ps, 11, c.penalizedScore());
        ps.executeUpdate();
    }

    void score(String runId, long candidateId, Split split, double score, Double penalized) throws SQLException {
        PreparedStatement ps = updateScore;
        ps.setString(1, split.wireName());
        ps.setDouble(2, score);
        setDouble(ps, 3, penalized);
        ps.setString(4, runId);
        ps.setLong(5, candidateId);
        requireRow(ps.executeUpdate(), "candidate " + candidateId + " of run " + runId);
    }

    void exampleResult(ExampleResult r) throws SQLException {
        PreparedStatement ps = upsertExample;
        ps.setString(1, r.runId());
        ps.setLong(2, r.candidateId());
        ps.setString(3, r.split().wireName());
        ps.setString(4, r.exampleId());
        ps.setString(5, r.promptHash());
        ps.setString(6, r.output());
        ps.setString(7, r.parsedAnswer());
        ps.setInt(8, r.correct() ? 1 : 0);
        ps.setInt(9, r.truncated() ? 1 : 0);
        ps.executeUpdate();
    }

    void call(String runId, LlmCallRecord c) throws SQLException {
        PreparedStatement ps = insertCall;
        ps.setString(1, runId);
        ps.setString(2, c.role());
        ps.setString(3, c.model());
        ps.setString(4, c.requestHash());
        ps.setInt(5, c.samples());
        ps.setLong(6, c.promptTokens());
        ps.setLong(7, c.completionTokens());
        ps.setDouble(8, c.cost());
        ps.setLong(9, c.latencyMillis());
        ps.setInt(10, c.cacheHit() ? 1 : 0);
        ps.setString(11, c.error() == null ? null : c.error().name());
        ps.setString(12, (c.startedAt() == null ? Instant.now() : c.startedAt()).toString());
        ps.setObject(13, c.serverMillis());
        ps.setObject(14, c.slotWaitMillis());
        ps.setString(15, c.callKey());
        ps.setObject(16, c.requests());
        ps.setInt(17, c.settled() ? 1 : 0);
        ps.executeUpdate();
    }

    void event(EventRecord e) throws SQLException {
        PreparedStatement ps = insertEvent;
        ps.setString(1, e.runId());
        ps.setString(2, e.at().toString());
        ps.setString(3, e.level().name());
        ps.setString(4, e.type());
        ps.setString(5, e.message());
        ps.setString(6, e.dataJson());
        ps.executeUpdate();
    }

    void workItem(WorkItem w) throws SQLException {
        PreparedStatement ps = upsertWorkItem;
        ps.setString(1, w.runId());
        ps.setString(2, w.kind());
        ps.setString(3, w.key());
        ps.setString(4, w.payloadJson());
        ps.setString(5, w.status());
        ps.setString(6, (w.updatedAt() == null ? Instant.now() : w.updatedAt()).toString());
        ps.executeUpdate();
    }

    private static void requireRow(int updated, String what) throws SQLException {
        if (updated == 0) {
            throw new SQLException(what + " does not exist");
        }
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value.toString());
        }
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.REAL);
        } else {
            ps.setDouble(index, value);
        }
    }

    @Override
    public void close() {
        for (PreparedStatement ps : all) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // closing: nothing left to protect
            }
        }
    }
}
