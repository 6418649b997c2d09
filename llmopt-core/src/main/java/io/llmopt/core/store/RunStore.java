package io.llmopt.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.accounting.CallListener;
import io.llmopt.core.accounting.LlmCallRecord;
import io.llmopt.core.config.SecretRedactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The run store: every run's steps, candidates, per-example results, call log, events and work
 * items in one SQLite file (WAL mode, foreign keys on, a busy time-out for other processes).
 *
 * <p><b>Writes</b> are queued and committed in batches by a single writer thread; the queue is
 * bounded, so a producer faster than the disk waits instead of filling the heap. The
 * {@code record*} methods return at once; {@link #transaction} groups writes into a unit of work
 * that is committed whole or not at all; {@link #flush} waits until everything queued is
 * committed and reports any write that failed. Run life-cycle changes (create, status, summary,
 * delete) wait for their commit.
 *
 * <p><b>Reads</b> see committed data: call {@link #flush} first to read your own queued writes.
 *
 * <p>Thread-safe. Failures are {@link StoreException}s with a one-line message naming the file.
 */
public final class RunStore implements CallListener, AutoCloseable {

    /**
     * The event type that asks a run to stop: written by whoever wants the run to stop (the
     * dashboard, possibly in another process), polled by the running process.
     */
    public static final String STOP_REQUESTED = "stop.requested";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final int schemaVersion;
    private final StoreWriter writer;
    private final StoreReader reader;
    private final Map<String, AtomicLong> candidateIds = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private RunStore(Path file, int schemaVersion, StoreWriter writer, StoreReader reader) {
        this.file = file;
        this.schemaVersion = schemaVersion;
        this.writer = writer;
        this.reader = reader;
    }

    /** Opens (creating if needed) the store at {@code file} with default batching. */
    public static RunStore open(Path file) {
        return open(file, StoreOptions.defaults());
    }

    /** Opens (creating if needed) the store at {@code file}, migrating its schema to the latest version. */
    public static RunStore open(Path file, StoreOptions options) {
        return open(file, options, SchemaMigrations.forStore());
    }

    static RunStore open(Path file, StoreOptions options, SchemaMigrations migrations) {
        Objects.requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("run store " + file + ": cannot create the folder " + parent
                    + "; check it is writable (" + e.getMessage() + ")", e);
        }
        boolean uncleanClose = StoreCheck.lastCloseUnclean(file);
        Connection writeConnection = null;
        StoreWriter writer = null;
        try {
            writeConnection = SqliteConnections.open(file, options, false);
            if (uncleanClose) {
                // a crash or a full disk may have left a damaged page: refuse before any write
                StoreCheck.requireIntact(file, writeConnection);
            }
            int version = migrations.migrate(writeConnection, file);
            writer = new StoreWriter(file, writeConnection, options);
            StoreReader reader = new StoreReader(file, SqliteConnections.open(file, options, true), writer::damaged);
            return new RunStore(file, version, writer, reader);
        } catch (SQLException e) {
            closeQuietly(writer, writeConnection);
            throw StoreErrors.translate(file, "opening", e);
        } catch (RuntimeException e) {
            closeQuietly(writer, writeConnection);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** The schema version of the open file. */
    public int schemaVersion() {
        return schemaVersion;
    }

    // ---------------------------------------------------------------- runs

    /**
     * Creates a run with a fresh id and status {@code created}. The configuration is stored with
     * its secrets redacted ({@link SecretRedactor}); the key never reaches the file.
     */
    public RunRecord createRun(String kind, String name, JsonNode config) {
        Objects.requireNonNull(kind, "kind");
        RunRecord run = new RunRecord(RunIds.newId(Instant.now()), kind, name, toJson(SecretRedactor.redact(config)),
                RunStatus.CREATED, Instant.now(), null, null, null);
        await(writer.submitAndCommitSoon(w -> w.insertRun(run)));
        return run;
    }

    public Optional<RunRecord> run(String runId) {
        return reader.run(runId);
    }

    /** Every run, newest first. */
    public List<RunRecord> runs() {
        return reader.runs();
    }

    /**
     * Sets a run's status: {@code running} stamps the start time (and clears a previous finish),
     * final statuses and {@code interrupted} stamp the finish time. Waits for the commit.
     */
    public void updateStatus(String runId, RunStatus status) {
        await(writer.submitAndCommitSoon(unit(tx -> tx.status(runId, status))));
    }

    /** Replaces a run's summary (e.g. the best score so far). Waits for the commit. */
    public void updateSummary(String runId, JsonNode summary) {
        String json = toJson(summary);
        await(writer.submitAndCommitSoon(unit(tx -> tx.summary(runId, json))));
    }

    /** Deletes a run and everything recorded for it. Returns false when there was no such run. */
    public boolean deleteRun(String runId) {
        boolean existed = run(runId).isPresent();
        await(writer.submitAndCommitSoon(w -> w.deleteRun(runId)));
        candidateIds.remove(runId);
        return existed;
    }

    // ---------------------------------------------------------------- writes

    /**
     * Records a unit of work: the writes {@code work} adds are committed in one transaction or,
     * if {@code work} throws, not at all (nothing is queued and the exception propagates).
     *
     * @return completes when the unit is committed, or exceptionally with a {@link StoreException}
     */
    public CompletableFuture<Void> transaction(Consumer<UnitOfWork> work) {
        ensureOpen();
        UnitOfWork unit = new UnitOfWork();
        work.accept(unit);
        if (unit.size() == 0) {
            return CompletableFuture.completedFuture(null);
        }
        return writer.submit(unit.toOp(), unit.size());
    }

    /** Like {@link #transaction} but waits until the unit is committed (without waiting for a batch to fill). */
    public void transactionAndWait(Consumer<UnitOfWork> work) {
        ensureOpen();
        UnitOfWork unit = new UnitOfWork();
        work.accept(unit);
        if (unit.size() > 0) {
            await(writer.submitAndCommitSoon(unit.toOp()));
        }
    }

    private WriteOp unit(Consumer<UnitOfWork> work) {
        ensureOpen();
        UnitOfWork unit = new UnitOfWork();
        work.accept(unit);
        return unit.toOp();
    }

    /** Queues a raw write on the writer's connection (maintenance and tests). */
    CompletableFuture<Void> submit(WriteOp op) {
        ensureOpen();
        return writer.submit(op);
    }

    public void recordStep(StepRecord step) {
        transaction(tx -> tx.step(step));
    }

    public void recordCandidate(CandidateRecord candidate) {
        transaction(tx -> tx.candidate(candidate));
    }

    /** Sets a candidate's score on a split, and its penalized score when not null. */
    public void recordScore(String runId, long candidateId, Split split, double score, Double penalizedScore) {
        transaction(tx -> tx.score(runId, candidateId, split, score, penalizedScore));
    }

    public void recordExampleResult(ExampleResult result) {
        transaction(tx -> tx.exampleResult(result));
    }

    public void recordEvent(EventRecord event) {
        transaction(tx -> tx.event(event));
    }

    public void recordWorkItem(WorkItem item) {
        transaction(tx -> tx.workItem(item));
    }

    /** Records a model call in a run's call log; a null runId means the store-wide log. */
    public void recordCall(String runId, LlmCallRecord call) {
        transaction(tx -> tx.call(runId, call));
    }

    /**
     * A listener that writes every call into {@code runId}'s call log: hand it to the accounting
     * layer. A call is written when sent, and the request waits for that commit, so the ledger
     * holds every request that may have reached the server; the final record settles it.
     */
    public CallListener callLog(String runId) {
        Objects.requireNonNull(runId, "runId");
        return new CallListener() {
            @Override
            public void onCall(LlmCallRecord call) {
                // a call that ends after the store closed was aborted by the closing itself (a stopped
                // run's cancelled call): nothing reached the model's answer, and there is no file to log it in
                if (!closed) {
                    recordCall(runId, call);
                }
            }

            @Override
            public CompletableFuture<Void> onSent(LlmCallRecord sent) {
                return recordSent(runId, sent);
            }
        };
    }

    /** Records a call made outside any run into the store-wide call log (run id NULL). */
    @Override
    public void onCall(LlmCallRecord call) {
        recordCall(null, call);
    }

    @Override
    public CompletableFuture<Void> onSent(LlmCallRecord sent) {
        return recordSent(null, sent);
    }

    /** Writes a call as sent and completes when that is committed (at once when the store is closed). */
    private CompletableFuture<Void> recordSent(String runId, LlmCallRecord sent) {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        return writer.submitAndCommitSoon(unit(tx -> tx.call(runId, sent)));
    }

    /**
     * Waits until every write queued so far is committed.
     *
     * @throws StoreException for the first queued write that failed since the last flush
     */
    public void flush() {
        ensureOpen();
        writer.flush();
    }

    /**
     * The next unused candidate id of a run: ids are handed out here, not by the database, so a
     * candidate can be referenced by example results queued in the same unit of work.
     */
    public long nextCandidateId(String runId) {
        return candidateIds.computeIfAbsent(runId, id -> {
            writer.flush();
            return new AtomicLong(reader.maxCandidateId(id) + 1);
        }).getAndIncrement();
    }

    // ---------------------------------------------------------------- queries

    public List<StepRecord> steps(String runId) {
        return reader.steps(runId);
    }

    /** Indexes of the steps recorded as finished: a resumed run starts after the last. */
    public SortedSet<Integer> finishedSteps(String runId) {
        return reader.finishedSteps(runId);
    }

    public List<CandidateRecord> candidates(String runId) {
        return reader.candidates(runId);
    }

    public Optional<CandidateRecord> candidate(String runId, long candidateId) {
        return reader.candidate(runId, candidateId);
    }

    public List<ExampleResult> exampleResults(String runId, long candidateId, Split split) {
        return reader.exampleResults(runId, candidateId, split);
    }

    /** Example ids already scored for a candidate on a split: resume skips these. */
    public Set<String> completedExampleIds(String runId, long candidateId, Split split) {
        return reader.completedExampleIds(runId, candidateId, split);
    }

    public ExampleTally exampleTally(String runId, long candidateId, Split split) {
        return reader.tally(runId, candidateId, split);
    }

    public List<EventRecord> events(String runId) {
        return reader.events(runId);
    }

    public List<WorkItem> workItems(String runId, String kind) {
        return reader.workItems(runId, kind);
    }

    /** Every work item of a run, whatever its kind, ordered by kind and key: for exports. */
    public List<WorkItem> workItems(String runId) {
        return reader.allWorkItems(runId);
    }

    public Optional<WorkItem> workItem(String runId, String kind, String key) {
        return reader.workItem(runId, kind, key);
    }

    /** Keys of a run's work items of one kind in one status, e.g. the BPO pairs already done. */
    public Set<String> workItemKeys(String runId, String kind, String status) {
        return reader.workItemKeys(runId, kind, status);
    }

    /** A run's call log in call order; a null runId reads the store-wide log. */
    public List<LlmCallRecord> calls(String runId) {
        return reader.calls(runId);
    }

    public CallTotals callTotals(String runId) {
        return reader.callTotals(runId);
    }

    /** Counters of what is recorded for a run, to notice cheaply that it changed; empty for an unknown run. */
    /** Every run's starts and resumes and its time spent running, by run id. */
    public Map<String, RunAttempts> attempts() {
        return reader.attempts();
    }

    /** The run's starts and resumes, if it exists. */
    public Optional<RunAttempts> attempts(String runId) {
        return Optional.ofNullable(reader.attempts().get(runId));
    }

    public Optional<RunActivity> activity(String runId) {
        return reader.activity(runId);
    }

    /**
     * A number that changes whenever another connection (another process, or this store's writer)
     * commits to the file: a store-wide "anything new?" check for pollers.
     */
    public long dataVersion() {
        return reader.dataVersion();
    }

    /** The id of a run's newest event, 0 when it has none: the point after which a stop request counts. */
    public long lastEventId(String runId) {
        return reader.lastEventId(runId);
    }

    /**
     * Asks a run to stop, whichever process runs it: records a {@link #STOP_REQUESTED} event and
     * waits for the commit. The running process notices it through {@link #stopRequestedAfter}.
     */
    public void requestStop(String runId, String requestedBy) {
        EventRecord event = new EventRecord(runId, Instant.now(), EventLevel.INFO, STOP_REQUESTED,
                "stop requested by " + requestedBy, null);
        await(writer.submitAndCommitSoon(unit(tx -> tx.event(event))));
    }

    /** True when a stop was requested for the run after the event with id {@code afterEventId}. */
    public boolean stopRequestedAfter(String runId, long afterEventId) {
        return reader.hasEventAfter(runId, STOP_REQUESTED, afterEventId);
    }

    // ---------------------------------------------------------------- leases

    /**
     * Takes the run's lease for {@code mine}'s owner, or refuses: the lease is taken when the run has
     * none, when it is already {@code mine}'s, or when the holder's is stale ({@link RunLease#staleAt}).
     * The take-over is one conditional statement, so of two processes racing for a run one wins.
     *
     * @throws RunLeasedException when another live process holds it
     */
    public RunLease acquireLease(RunLease mine, Duration staleAfter) {
        Instant now = Instant.now();
        Optional<RunLease> before = reader.lease(mine.runId());
        // a holder whose process is gone on this host may be replaced now; otherwise only after staleAfter
        String deadOwner = before.filter(l -> l.staleAt(now, staleAfter)).map(RunLease::owner).orElse("");
        long staleBefore = now.minus(staleAfter).toEpochMilli();
        await(writer.submitAndCommitSoon(w -> {
            try (PreparedStatement ps = w.connection().prepareStatement(
                    "INSERT INTO run_lease (run_id, owner, pid, host, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid,"
                            + " host = excluded.host, acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at"
                            + " WHERE run_lease.owner = excluded.owner OR run_lease.owner = ? OR run_lease.heartbeat_at <= ?")) {
                ps.setString(1, mine.runId());
                ps.setString(2, mine.owner());
                ps.setLong(3, mine.pid());
                ps.setString(4, mine.host());
                ps.setLong(5, now.toEpochMilli());
                ps.setLong(6, now.toEpochMilli());
                ps.setString(7, deadOwner);
                ps.setLong(8, staleBefore);
                ps.executeUpdate();
            }
        }));
        RunLease held = reader.lease(mine.runId()).orElseThrow(() -> new StoreException(
                "run store " + file + ": the lease of run " + mine.runId() + " vanished while taking it"));
        if (!held.owner().equals(mine.owner())) {
            throw new RunLeasedException(held);
        }
        return held;
    }

    /** Renews the heartbeat of {@code owner}'s lease; false when it no longer holds it (taken over as stale). */
    public boolean renewLease(String runId, String owner) {
        long now = Instant.now().toEpochMilli();
        await(writer.submitAndCommitSoon(w -> {
            try (PreparedStatement ps = w.connection().prepareStatement(
                    "UPDATE run_lease SET heartbeat_at = ? WHERE run_id = ? AND owner = ?")) {
                ps.setLong(1, now);
                ps.setString(2, runId);
                ps.setString(3, owner);
                ps.executeUpdate();
            }
        }));
        return reader.lease(runId).map(l -> l.owner().equals(owner)).orElse(false);
    }

    /** Gives the lease up (when the run stops in this process); a lease held by someone else is left alone. */
    public void releaseLease(String runId, String owner) {
        await(writer.submitAndCommitSoon(w -> {
            try (PreparedStatement ps = w.connection().prepareStatement("DELETE FROM run_lease WHERE run_id = ? AND owner = ?")) {
                ps.setString(1, runId);
                ps.setString(2, owner);
                ps.executeUpdate();
            }
        }));
    }

    /** Who holds the run's lease, live or stale; empty when nobody runs it. */
    public Optional<RunLease> lease(String runId) {
        return reader.lease(runId);
    }

    /** Runs SQLite's integrity check over the whole file. */
    public IntegrityReport integrityCheck() {
        return reader.integrityCheck();
    }

    // ---------------------------------------------------------------- life cycle

    /** Commits everything queued and closes the file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
        reader.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("run store " + file + " is closed");
        }
    }

    private static void await(CompletableFuture<Void> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreException se) {
                throw new StoreException(se.getMessage(), se);
            }
            throw e;
        }
    }

    private static String toJson(JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize JSON: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(StoreWriter writer, Connection c) {
        if (writer != null) {
            try {
                writer.close(); // closes its connection
                return;
            } catch (RuntimeException ignored) {
                // already failing; the original error is the one to report
            }
        }
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing; the original error is the one to report
            }
        }
    }
}
