package io.llmopt.core.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Opens connections to a store file with the settings every connection must share. */
final class SqliteConnections {

    private SqliteConnections() {
    }

    static Connection open(Path file, StoreOptions options, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL in WAL mode: a killed process loses nothing committed; a power cut may lose the
        // last transactions but never corrupts the file. FULL would fsync every commit.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, options.busyTimeout().toMillis()));
        config.enforceForeignKeys(true);
        Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        if (readOnly) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA query_only = true");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }
}
