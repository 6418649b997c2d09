package io.llmopt.core.cache;

import io.llmopt.core.llm.FinishReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * A {@link ResponseCache} in one SQLite file, shared safely by threads and by processes.
 *
 * <ul>
 *   <li>WAL journal: readers never wait for a writer, and a crash mid-write leaves the last
 *       committed state (an interrupted batch is simply not cached).</li>
 *   <li>A busy time-out, so a second process writing at the same moment waits instead of failing.</li>
 *   <li>Separate read and write connections, each used by one thread at a time; writes are
 *       group-committed in immediate transactions, so they are batched and never upgrade a read
 *       lock.</li>
 *   <li>The fingerprint is the primary key of a {@code WITHOUT ROWID} table: a lookup is one B-tree
 *       search, which stays fast at millions of entries.</li>
 * </ul>
 * Locks are {@link ReentrantLock}s rather than {@code synchronized} so virtual threads doing cache
 * I/O do not pin their carrier.
 */
public final class SqliteResponseCache implements ResponseCache {

    /** How long a write waits for another process's transaction before failing. */
    public static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS completion_cache (
              key               TEXT    NOT NULL PRIMARY KEY,
              text              TEXT    NOT NULL,
              finish_reason     TEXT    NOT NULL,
              prompt_tokens     INTEGER NOT NULL,
              completion_tokens INTEGER NOT NULL,
              created_at        INTEGER NOT NULL,
              logprobs          TEXT
            ) WITHOUT ROWID""";

    private final Path file;
    private final Connection reader;
    private final Connection writer;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final Statement transactions;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<PendingWrite> pending = new ConcurrentLinkedQueue<>();

    private SqliteResponseCache(Path file, Connection reader, Connection writer) throws SQLException {
        this.file = file;
        this.reader = reader;
        this.writer = writer;
        this.select = reader.prepareStatement(
                "SELECT text, finish_reason, prompt_tokens, completion_tokens, logprobs FROM completion_cache WHERE key = ?");
        this.insert = writer.prepareStatement(
                "INSERT OR IGNORE INTO completion_cache(key, text, finish_reason, prompt_tokens, completion_tokens, created_at,"
                        + " logprobs) VALUES (?, ?, ?, ?, ?, ?, ?)");
        this.transactions = writer.createStatement();
    }

    /** Opens (creating if needed) the cache file and its parent directories. */
    public static SqliteResponseCache open(Path file) {
        Connection writer = null;
        Connection reader = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            writer = connect(url);
            try (Statement s = writer.createStatement()) {
                s.execute(SCHEMA);
                addLogprobsColumn(s);
            }
            reader = connect(url);
            return new SqliteResponseCache(file, reader, writer);
        } catch (Exception e) {
            closeQuietly(reader);
            closeQuietly(writer);
            throw new ResponseCacheException("cannot open the response cache " + file + ": " + e.getMessage()
                    + " - check the path is writable and not on a network file system", e);
        }
    }

    /** A cache file written before log-probabilities were kept gets the column; its entries have none. */
    private static void addLogprobsColumn(Statement s) throws SQLException {
        try (ResultSet columns = s.executeQuery("PRAGMA table_info(completion_cache)")) {
            while (columns.next()) {
                if ("logprobs".equals(columns.getString("name"))) {
                    return;
                }
            }
        }
        try {
            s.execute("ALTER TABLE completion_cache ADD COLUMN logprobs TEXT");
        } catch (SQLException e) {
            // another process opening the same file added it first
            if (e.getMessage() == null || !e.getMessage().contains("duplicate column")) {
                throw e;
            }
        }
    }

    private static Connection connect(String url) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL is durable in WAL mode except for the last commits on power loss: fine for a cache.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return DriverManager.getConnection(url, config.toProperties());
    }

    public Path file() {
        return file;
    }

    @Override
    public Map<String, CachedCompletion> getAll(Collection<String> keys) {
        Map<String, CachedCompletion> found = new HashMap<>();
        readLock.lock();
        try {
            for (String key : keys) {
                select.setString(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        found.put(key, new CachedCompletion(rs.getString(1), FinishReason.fromWire(rs.getString(2)),
                                rs.getLong(3), rs.getLong(4), LogprobsColumn.read(rs.getString(5))));
                    }
                }
            }
            return found;
        } catch (SQLException e) {
            throw new ResponseCacheException("cannot read the response cache " + file + ": " + e.getMessage(), e);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Writes {@code entries} and returns once they are committed. Writers that arrive while a
     * transaction is open queue their entries; the next one to get the write connection commits
     * everything queued in one transaction (group commit), so at hundreds of replies a second the
     * cache costs a few commits, not one per reply, and no caller returns before its entries are
     * on disk.
     */
    @Override
    public void putAll(Map<String, CachedCompletion> entries) {
        if (entries.isEmpty()) {
            return;
        }
        PendingWrite mine = new PendingWrite(entries, new CompletableFuture<>());
        pending.add(mine);
        writeLock.lock();
        try {
            if (!mine.done().isDone()) {
                commitPending();
            }
        } finally {
            writeLock.unlock();
        }
        try {
            mine.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof ResponseCacheException r ? new ResponseCacheException(r.getMessage(), r) : e;
        }
    }

    /** Commits every queued write in one transaction; called with the write lock held. */
    private void commitPending() {
        List<PendingWrite> batch = new ArrayList<>();
        for (PendingWrite w; (w = pending.poll()) != null; ) {
            batch.add(w);
        }
        if (batch.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            // Explicit BEGIN IMMEDIATE rather than JDBC auto-commit off: the driver would open the
            // next transaction right after each commit and hold the file's write lock in between.
            transactions.execute("BEGIN IMMEDIATE");
            for (PendingWrite w : batch) {
                for (Map.Entry<String, CachedCompletion> e : w.entries().entrySet()) {
                    CachedCompletion c = e.getValue();
                    insert.setString(1, e.getKey());
                    insert.setString(2, c.text());
                    insert.setString(3, c.finishReason().wireName());
                    insert.setLong(4, c.promptTokens());
                    insert.setLong(5, c.completionTokens());
                    insert.setLong(6, now);
                    insert.setString(7, LogprobsColumn.write(c.logprobs()));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
            transactions.execute("COMMIT");
            batch.forEach(w -> w.done().complete(null));
        } catch (SQLException e) {
            rollbackQuietly();
            ResponseCacheException failure = new ResponseCacheException(
                    "cannot write the response cache " + file + ": " + e.getMessage(), e);
            batch.forEach(w -> w.done().completeExceptionally(failure));
        }
    }

    /** Entries waiting for the next group commit, and the caller's signal that they are on disk. */
    private record PendingWrite(Map<String, CachedCompletion> entries, CompletableFuture<Void> done) {
    }

    private void rollbackQuietly() {
        try {
            insert.clearBatch();
            transactions.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // BEGIN itself failed, so there is no transaction to roll back
        }
    }

    @Override
    public long size() {
        readLock.lock();
        try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM completion_cache")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new ResponseCacheException("cannot read the response cache " + file + ": " + e.getMessage(), e);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
            closeQuietly(select);
            closeQuietly(insert);
            closeQuietly(transactions);
            closeQuietly(reader);
            closeQuietly(writer);
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing on the way out: nothing left to protect
            }
        }
    }
}
