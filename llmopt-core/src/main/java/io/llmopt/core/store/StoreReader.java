package io.llmopt.core.store;

import io.llmopt.core.accounting.LlmCallRecord;
import io.llmopt.core.llm.LlmException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The store's queries, on a query-only connection of their own: in WAL mode readers never block
 * the writer, and see what it has committed.
 */
final class StoreReader implements AutoCloseable {

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static final String RUN_COLUMNS =
            "id, kind, name, config, status, created_at, started_at, finished_at, summary";
    private static final String CANDIDATE_COLUMNS = "run_id, id, step_index, text, raw_output, status, reason,"
            + " score_train, score_validation, score_test, penalized_score";

    private final Path file;
    private final Connection connection;
    /** Hears a read that found the file damaged: the writer then stops writing to it. */
    private final java.util.function.Consumer<StoreException> onDamage;

    StoreReader(Path file, Connection connection, java.util.function.Consumer<StoreException> onDamage) {
        this.file = file;
        this.connection = connection;
        this.onDamage = onDamage;
    }

    Optional<RunRecord> run(String id) {
        return query("reading run " + id, "SELECT " + RUN_COLUMNS + " FROM run WHERE id = ?",
                ps -> ps.setString(1, id), StoreReader::runRow).stream().findFirst();
    }

    List<RunRecord> runs() {
        return query("listing runs", "SELECT " + RUN_COLUMNS + " FROM run ORDER BY created_at DESC, id DESC",
                ps -> { }, StoreReader::runRow);
    }

    List<StepRecord> steps(String runId) {
        return query("reading steps", "SELECT run_id, step_index, meta_prompt, started_at, finished_at FROM step"
                        + " WHERE run_id = ? ORDER BY step_index", ps -> ps.setString(1, runId),
                rs -> new StepRecord(rs.getString(1), rs.getInt(2), rs.getString(3), instant(rs, 4), instant(rs, 5)));
    }

    SortedSet<Integer> finishedSteps(String runId) {
        return new TreeSet<>(query("reading steps", "SELECT step_index FROM step WHERE run_id = ? AND finished_at IS NOT NULL",
                ps -> ps.setString(1, runId), rs -> rs.getInt(1)));
    }

    List<CandidateRecord> candidates(String runId) {
        return query("reading candidates", "SELECT " + CANDIDATE_COLUMNS + " FROM candidate WHERE run_id = ? ORDER BY id",
                ps -> ps.setString(1, runId), StoreReader::candidateRow);
    }

    Optional<CandidateRecord> candidate(String runId, long id) {
        return query("reading a candidate", "SELECT " + CANDIDATE_COLUMNS + " FROM candidate WHERE run_id = ? AND id = ?",
                ps -> {
                    ps.setString(1, runId);
                    ps.setLong(2, id);
                }, StoreReader::candidateRow).stream().findFirst();
    }

    long maxCandidateId(String runId) {
        return query("reading candidates", "SELECT COALESCE(MAX(id), -1) FROM candidate WHERE run_id = ?",
                ps -> ps.setString(1, runId), rs -> rs.getLong(1)).get(0);
    }

    List<ExampleResult> exampleResults(String runId, long candidateId, Split split) {
        return query("reading example results", "SELECT run_id, candidate_id, split, example_id, prompt_hash, output,"
                        + " parsed_answer, correct, truncated FROM example_result WHERE run_id = ? AND candidate_id = ? AND split = ?"
                        + " ORDER BY example_id", bindCandidateSplit(runId, candidateId, split),
                rs -> new ExampleResult(rs.getString(1), rs.getLong(2), Split.fromWire(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8) == 1, rs.getInt(9) == 1));
    }

    Set<String> completedExampleIds(String runId, long candidateId, Split split) {
        return new LinkedHashSet<>(query("reading example results", "SELECT example_id FROM example_result"
                        + " WHERE run_id = ? AND candidate_id = ? AND split = ?",
                bindCandidateSplit(runId, candidateId, split), rs -> rs.getString(1)));
    }

    ExampleTally tally(String runId, long candidateId, Split split) {
        return query("reading example results", "SELECT COALESCE(SUM(correct), 0), COUNT(*), COALESCE(SUM(truncated), 0)"
                        + " FROM example_result WHERE run_id = ? AND candidate_id = ? AND split = ?",
                bindCandidateSplit(runId, candidateId, split),
                rs -> new ExampleTally(rs.getLong(1), rs.getLong(2), rs.getLong(3))).get(0);
    }

    List<EventRecord> events(String runId) {
        return query("reading events", "SELECT run_id, at, level, type, message, data FROM event WHERE run_id = ? ORDER BY id",
                ps -> ps.setString(1, runId), rs -> new EventRecord(rs.getString(1), instant(rs, 2),
                        EventLevel.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6)));
    }

    List<WorkItem> workItems(String runId, String kind) {
        return query("reading work items", "SELECT run_id, kind, item_key, payload, status, updated_at FROM work_item"
                        + " WHERE run_id = ? AND kind = ? ORDER BY item_key", ps -> {
                    ps.setString(1, runId);
                    ps.setString(2, kind);
                }, StoreReader::workItemRow);
    }

    List<WorkItem> allWorkItems(String runId) {
        return query("reading work items", "SELECT run_id, kind, item_key, payload, status, updated_at FROM work_item"
                + " WHERE run_id = ? ORDER BY kind, item_key", ps -> ps.setString(1, runId), StoreReader::workItemRow);
    }

    Optional<WorkItem> workItem(String runId, String kind, String key) {
        return query("reading a work item", "SELECT run_id, kind, item_key, payload, status, updated_at FROM work_item"
                        + " WHERE run_id = ? AND kind = ? AND item_key = ?", ps -> {
                    ps.setString(1, runId);
                    ps.setString(2, kind);
                    ps.setString(3, key);
                }, StoreReader::workItemRow).stream().findFirst();
    }

    Set<String> workItemKeys(String runId, String kind, String status) {
        return new LinkedHashSet<>(query("reading work items", "SELECT item_key FROM work_item"
                        + " WHERE run_id = ? AND kind = ? AND status = ? ORDER BY item_key", ps -> {
                    ps.setString(1, runId);
                    ps.setString(2, kind);
                    ps.setString(3, status);
                }, rs -> rs.getString(1)));
    }

    List<LlmCallRecord> calls(String runId) {
        String where = runId == null ? "run_id IS NULL" : "run_id = ?";
        return query("reading the call log", "SELECT role, model, request_hash, samples, prompt_tokens, completion_tokens,"
                        + " cost, latency_ms, cache_hit, error, started_at, server_ms, slot_wait_ms, call_key, requests, settled"
                        + " FROM llm_call WHERE " + where
                        + " ORDER BY id",
                ps -> {
                    if (runId != null) {
                        ps.setString(1, runId);
                    }
                }, rs -> new LlmCallRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                        rs.getLong(6), rs.getDouble(7), rs.getLong(8), rs.getInt(9) == 1,
                        rs.getString(10) == null ? null : LlmException.Kind.valueOf(rs.getString(10)), instant(rs, 11),
                        rs.getObject(12) == null ? null : rs.getLong(12), rs.getObject(13) == null ? null : rs.getLong(13),
                        rs.getString(14), rs.getObject(15) == null ? null : rs.getInt(15), rs.getInt(16) == 1));
    }

    CallTotals callTotals(String runId) {
        return query("reading the call log", "SELECT COUNT(*), COALESCE(SUM(cache_hit), 0),"
                        + " COALESCE(SUM(error IS NOT NULL), 0), COALESCE(SUM(prompt_tokens), 0),"
                        + " COALESCE(SUM(completion_tokens), 0), COALESCE(SUM(cost), 0),"
                        + " COALESCE(SUM(settled = 0), 0), COALESCE(SUM(CASE WHEN settled = 0 THEN cost ELSE 0 END), 0),"
                        + " COALESCE(SUM(COALESCE(requests, 1 - cache_hit)), 0) FROM llm_call WHERE run_id = ?",
                ps -> ps.setString(1, runId), rs -> new CallTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getDouble(6), rs.getLong(7), rs.getDouble(8), rs.getLong(9))).get(0);
    }

    /** Every run's attempts, by run id. */
    java.util.Map<String, RunAttempts> attempts() {
        java.util.Map<String, RunAttempts> byRun = new java.util.HashMap<>();
        for (java.util.Map.Entry<String, RunAttempts> e : query("reading run attempts",
                "SELECT id, attempts, first_started_at, started_at, active_ms, status FROM run", ps -> { },
                rs -> java.util.Map.entry(rs.getString(1), new RunAttempts(rs.getInt(2), instant(rs.getString(3)),
                        instant(rs.getString(4)), java.time.Duration.ofMillis(rs.getLong(5)),
                        "running".equals(rs.getString(6)))))) {
            byRun.put(e.getKey(), e.getValue());
        }
        return byRun;
    }

    private static java.time.Instant instant(String text) {
        return text == null ? null : java.time.Instant.parse(text);
    }

    Optional<RunActivity> activity(String runId) {
        return query("reading run activity", "SELECT status,"
                        + " (SELECT COUNT(*) FROM step WHERE run_id = r.id),"
                        + " (SELECT COUNT(finished_at) FROM step WHERE run_id = r.id),"
                        + " (SELECT COUNT(*) FROM candidate WHERE run_id = r.id),"
                        + " (SELECT COUNT(score_train) + COUNT(score_validation) + COUNT(score_test) FROM candidate"
                        + "  WHERE run_id = r.id),"
                        + " (SELECT COUNT(*) FROM example_result WHERE run_id = r.id),"
                        + " (SELECT COALESCE(MAX(id), 0) FROM event WHERE run_id = r.id),"
                        + " (SELECT COUNT(*) FROM work_item WHERE run_id = r.id),"
                        + " (SELECT MAX(updated_at) FROM work_item WHERE run_id = r.id),"
                        + " (SELECT COUNT(*) FROM llm_call WHERE run_id = r.id),"
                        + " COALESCE(LENGTH(summary), 0)"
                        + " FROM run r WHERE r.id = ?", ps -> ps.setString(1, runId),
                rs -> new RunActivity(RunStatus.fromWire(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getLong(10),
                        rs.getLong(11))).stream().findFirst();
    }

    long lastEventId(String runId) {
        return query("reading events", "SELECT COALESCE(MAX(id), 0) FROM event WHERE run_id = ?",
                ps -> ps.setString(1, runId), rs -> rs.getLong(1)).get(0);
    }

    boolean hasEventAfter(String runId, String type, long afterEventId) {
        return query("reading events", "SELECT EXISTS (SELECT 1 FROM event WHERE run_id = ? AND type = ? AND id > ?)",
                ps -> {
                    ps.setString(1, runId);
                    ps.setString(2, type);
                    ps.setLong(3, afterEventId);
                }, rs -> rs.getInt(1) == 1).get(0);
    }

    Optional<RunLease> lease(String runId) {
        return query("reading the run's lease", "SELECT run_id, owner, pid, host, acquired_at, heartbeat_at FROM run_lease WHERE run_id = ?",
                ps -> ps.setString(1, runId),
                rs -> new RunLease(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)))).stream().findFirst();
    }

    /** SQLite's data version of this connection: it changes when another connection commits. */
    long dataVersion() {
        return query("reading the data version", "PRAGMA data_version", ps -> { }, rs -> rs.getLong(1)).get(0);
    }

    synchronized IntegrityReport integrityCheck() {
        List<String> messages = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                messages.add(rs.getString(1));
            }
        } catch (SQLException e) {
            // a file too broken to check is itself the answer
            messages.add(String.valueOf(e.getMessage()));
        }
        return new IntegrityReport(messages);
    }

    private synchronized <T> List<T> query(String action, String sql, Binder binder, RowMapper<T> mapper) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            StoreException failure = StoreErrors.translate(file, action, e);
            if (StoreErrors.isDamage(e)) {
                onDamage.accept(failure);
            }
            throw failure;
        }
    }

    private static Binder bindCandidateSplit(String runId, long candidateId, Split split) {
        return ps -> {
            ps.setString(1, runId);
            ps.setLong(2, candidateId);
            ps.setString(3, split.wireName());
        };
    }

    private static RunRecord runRow(ResultSet rs) throws SQLException {
        return new RunRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                RunStatus.fromWire(rs.getString(5)), instant(rs, 6), instant(rs, 7), instant(rs, 8), rs.getString(9));
    }

    private static CandidateRecord candidateRow(ResultSet rs) throws SQLException {
        return new CandidateRecord(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                CandidateStatus.fromWire(rs.getString(6)), rs.getString(7), nullableDouble(rs, 8), nullableDouble(rs, 9),
                nullableDouble(rs, 10), nullableDouble(rs, 11));
    }

    private static WorkItem workItemRow(ResultSet rs) throws SQLException {
        return new WorkItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs, 6));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : Instant.parse(value);
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing to protect on a read-only connection
        }
    }
}
