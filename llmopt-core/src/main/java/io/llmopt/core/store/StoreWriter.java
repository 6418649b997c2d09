package io.llmopt.core.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The store's single writer: one thread drains a bounded queue and commits what it took in one
 * transaction. SQLite allows one writer at a time anyway; one thread with one connection and
 * prepared statements turns thousands of small writes into a few large transactions.
 *
 * <p>The queue is bounded in rows, not entries: a unit of work of 500 rows takes 500 places, so
 * memory stays bounded however writes are grouped.
 *
 * <p>Each queued entry is atomic: if a batch fails, it is rolled back and its entries are
 * replayed one transaction each, so a bad entry fails alone and a unit of work is never split.
 * A failure of the file itself (read-only, disk full, corrupt) stops the writer; every later
 * write then fails with the same message, and what was committed before stays.
 */
final class StoreWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StoreWriter.class.getName());

    /** An urgent entry has a caller waiting for it: the writer commits without waiting for more. */
    private record Entry(WriteOp op, CompletableFuture<Void> done, boolean urgent, int weight) {
    }

    private static final WriteOp STOP = w -> { };

    private final Path file;
    private final Connection connection;
    private final WriteStatements statements;
    private final StoreOptions options;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    /** Rows queued but not yet committed: producers wait here, so memory stays bounded whatever the unit sizes. */
    private final Semaphore room;
    private final Thread thread;
    private final AtomicReference<StoreException> fatal = new AtomicReference<>();
    private final AtomicReference<StoreException> lastFailure = new AtomicReference<>();

    StoreWriter(Path file, Connection connection, StoreOptions options) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.options = options;
        this.statements = new WriteStatements(connection);
        this.room = new Semaphore(options.queueCapacity());
        connection.setAutoCommit(false);
        this.thread = Thread.ofPlatform().daemon(true).name("llmopt-store-writer " + file.getFileName()).start(this::loop);
    }

    /** Queues a write; waits while the queue is full. The future completes once it is committed. */
    CompletableFuture<Void> submit(WriteOp op) {
        return submit(op, false, 1);
    }

    /** Queues a write of {@code rows} rows (a unit of work): its weight against the queue's capacity. */
    CompletableFuture<Void> submit(WriteOp op, int rows) {
        return submit(op, false, rows);
    }

    /** Queues a write that a caller waits for, so the writer commits it without gathering more. */
    CompletableFuture<Void> submitAndCommitSoon(WriteOp op) {
        return submit(op, true, 1);
    }

    private CompletableFuture<Void> submit(WriteOp op, boolean urgent, int rows) {
        throwIfFatal();
        if (!thread.isAlive()) {
            throw new StoreException("run store " + file + " is closed");
        }
        // a unit larger than the whole capacity may still pass, alone
        int weight = Math.min(Math.max(rows, 0), options.queueCapacity());
        Entry entry = new Entry(op, new CompletableFuture<>(), urgent, weight);
        try {
            room.acquire(weight);
            queue.put(entry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("run store " + file + ": interrupted while waiting to queue a write", e);
        }
        return entry.done();
    }

    /**
     * Waits until everything queued before is committed. Throws the first write failure since
     * the last flush, so a fire-and-forget write cannot fail unnoticed.
     */
    void flush() {
        CompletableFuture<Void> marker = submit(w -> { }, true, 0);
        try {
            marker.join();
        } catch (RuntimeException e) {
            throwIfFatal();
            throw e;
        }
        throwIfFatal();
        StoreException failure = lastFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
    }

    /** The file was found damaged (by a read): nothing more is written, so no status changes on it. */
    void damaged(StoreException failure) {
        if (fatal.compareAndSet(null, failure)) {
            LOG.log(Level.SEVERE, failure.getMessage());
        }
    }

    private void throwIfFatal() {
        StoreException e = fatal.get();
        if (e != null) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    private void loop() {
        List<Entry> batch = new ArrayList<>(options.batchSize());
        boolean running = true;
        while (running) {
            try {
                Entry first = queue.take();
                batch.add(first);
                boolean urgent = first.urgent();
                long deadline = System.nanoTime() + options.maxDelay().toNanos();
                while (!urgent && batch.size() < options.batchSize()) {
                    int before = batch.size();
                    int drained = queue.drainTo(batch, options.batchSize() - batch.size());
                    if (drained == 0) {
                        long wait = deadline - System.nanoTime();
                        Entry next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : null;
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                    }
                    urgent = batch.subList(before, batch.size()).stream().anyMatch(Entry::urgent);
                }
                running = batch.stream().noneMatch(e -> e.op() == STOP);
                commit(batch);
            } catch (InterruptedException e) {
                running = false;
            } finally {
                room.release(batch.stream().mapToInt(Entry::weight).sum());
                batch.clear();
            }
        }
    }

    private void commit(List<Entry> batch) {
        if (fatal.get() != null) {
            batch.forEach(e -> e.done().completeExceptionally(fatal.get()));
            return;
        }
        try {
            for (Entry e : batch) {
                e.op().apply(statements);
            }
            connection.commit();
            batch.forEach(e -> e.done().complete(null));
        } catch (SQLException | RuntimeException batchFailure) {
            rollback();
            if (batchFailure instanceof SQLException sql && StoreErrors.isFatal(sql)) {
                failAll(batch, sql);
                return;
            }
            // isolate the culprit: replay each entry in its own transaction
            for (Entry e : batch) {
                commitAlone(e);
            }
        }
    }

    private void commitAlone(Entry e) {
        if (fatal.get() != null) {
            e.done().completeExceptionally(fatal.get());
            return;
        }
        try {
            e.op().apply(statements);
            connection.commit();
            e.done().complete(null);
        } catch (SQLException sql) {
            rollback();
            if (StoreErrors.isFatal(sql)) {
                failAll(List.of(e), sql);
                return;
            }
            StoreException failure = StoreErrors.translate(file, "a write", sql);
            lastFailure.compareAndSet(null, failure);
            LOG.log(Level.WARNING, failure.getMessage());
            e.done().completeExceptionally(failure);
        } catch (RuntimeException unexpected) {
            rollback();
            StoreException failure = new StoreException("run store " + file + ": a write failed: " + unexpected, unexpected);
            lastFailure.compareAndSet(null, failure);
            e.done().completeExceptionally(failure);
        }
    }

    private void failAll(List<Entry> batch, SQLException sql) {
        StoreException failure = StoreErrors.translate(file, "writing", sql);
        fatal.compareAndSet(null, failure);
        LOG.log(Level.SEVERE, failure.getMessage());
        batch.forEach(e -> e.done().completeExceptionally(failure));
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is unusable; the fatal error already says why
        }
    }

    /** Commits everything queued, then stops the thread and closes the connection. */
    @Override
    public void close() {
        if (thread.isAlive()) {
            try {
                queue.put(new Entry(STOP, new CompletableFuture<>(), true, 0));
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                thread.interrupt();
            }
        }
        // entries still queued after a fatal failure will never be written
        for (Entry e; (e = queue.poll()) != null; ) {
            room.release(e.weight());
            e.done().completeExceptionally(new StoreException("run store " + file + " is closed"));
        }
        statements.close();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "run store " + file + ": closing the writer connection: " + e.getMessage());
        }
    }
}
