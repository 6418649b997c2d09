package io.llmopt.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a store file's schema up to date.
 *
 * <p>Migrations are SQL resources {@code V1.sql}, {@code V2.sql}, ... under one resource folder,
 * found by counting up until one is missing. Each runs in its own transaction together with its
 * row in {@code schema_version}, so a failed migration leaves the file at the previous version.
 * A file whose version is newer than the code knows is refused: older code must not write to
 * tables it does not understand.
 */
public final class SchemaMigrations {

    /** Where the store's own migrations live. */
    public static final String STORE_MIGRATIONS = "/io/llmopt/core/store/migrations/";

    private final String resourceFolder;
    private final List<String> scripts;

    public SchemaMigrations(String resourceFolder) {
        this.resourceFolder = resourceFolder.endsWith("/") ? resourceFolder : resourceFolder + "/";
        this.scripts = load(this.resourceFolder);
    }

    public static SchemaMigrations forStore() {
        return new SchemaMigrations(STORE_MIGRATIONS);
    }

    /** The version the code knows: the number of the last migration. */
    public int latestVersion() {
        return scripts.size();
    }

    /** The version recorded in the file, 0 for a new file. */
    public static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /**
     * Applies the missing migrations in order; returns the resulting version. Each runs in a write
     * transaction taken before the version is read, so two processes opening a new store at once
     * do not both apply it: the second waits (busy time-out), then sees it applied.
     */
    public int migrate(Connection c, Path file) throws SQLException {
        int current = currentVersion(c);
        if (current > latestVersion()) {
            throw new StoreException("run store " + file + " has schema version " + current
                    + " but this llmopt knows only up to version " + latestVersion()
                    + "; upgrade llmopt or use another store file");
        }
        if (!c.getAutoCommit()) {
            c.commit();
            c.setAutoCommit(true);
        }
        for (int v = current + 1; v <= latestVersion(); v++) {
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    if (currentVersion(c) < v) {
                        for (String sql : statements(scripts.get(v - 1))) {
                            s.execute(sql);
                        }
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                            ps.setInt(1, v);
                            ps.setString(2, Instant.now().toString());
                            ps.executeUpdate();
                        }
                    }
                    s.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    rollBack(s, e);
                    throw e;
                }
            }
        }
        return latestVersion();
    }

    /**
     * Rolls the failed migration back. SQLite may have rolled it back itself (a full disk does):
     * then ROLLBACK fails too, and that failure must not hide the cause the user can act on.
     */
    private static void rollBack(Statement s, Exception cause) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static List<String> load(String folder) {
        List<String> found = new ArrayList<>();
        for (int v = 1; ; v++) {
            try (InputStream in = SchemaMigrations.class.getResourceAsStream(folder + "V" + v + ".sql")) {
                if (in == null) {
                    break;
                }
                found.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new StoreException("cannot read schema migration " + folder + "V" + v + ".sql: " + e.getMessage(), e);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no schema migrations found under " + folder);
        }
        return List.copyOf(found);
    }

    /** Splits a script on semicolons ending a line; comments are dropped. Migrations hold no triggers. */
    static List<String> statements(String script) {
        StringBuilder clean = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            clean.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> out = new ArrayList<>();
        for (String part : clean.toString().split(";\\s*\n")) {
            String sql = part.strip();
            if (sql.endsWith(";")) {
                sql = sql.substring(0, sql.length() - 1);
            }
            if (!sql.isEmpty()) {
                out.add(sql);
            }
        }
        return out;
    }
}
