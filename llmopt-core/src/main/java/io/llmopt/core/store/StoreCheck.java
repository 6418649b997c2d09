package io.llmopt.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a store file before it is written to. SQLite removes the write-ahead log when the last
 * connection closes cleanly, so a non-empty {@code -wal} file at open means the last process died
 * (or another one has the store open now); then {@code PRAGMA quick_check} runs (a few hundred ms
 * per GB) and a damaged file is refused with one line before any write, so no run's status changes
 * on a store that fails its check.
 */
final class StoreCheck {

    private StoreCheck() {
    }

    static boolean lastCloseUnclean(Path file) {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        try {
            return Files.exists(file) && Files.exists(wal) && Files.size(wal) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    static void requireIntact(Path file, Connection c) throws SQLException {
        List<String> problems = quickCheck(c);
        if (!problems.equals(List.of("ok"))) {
            throw new StoreDamagedException(file, problems);
        }
    }

    /** "ok", or SQLite's list of problems (a failure to check at all is one problem). */
    static List<String> quickCheck(Connection c) {
        List<String> messages = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            while (rs.next()) {
                messages.add(rs.getString(1));
            }
        } catch (SQLException e) {
            messages.add(String.valueOf(e.getMessage()));
        }
        return messages;
    }
}
