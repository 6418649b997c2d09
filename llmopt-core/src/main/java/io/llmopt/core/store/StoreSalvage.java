package io.llmopt.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a store file and copies every run that can still be read whole into a new store. A
 * corrupt page usually takes a few rows with it; the other runs are intact and worth keeping. Each
 * run is copied in one transaction, table by table: a run any of whose rows cannot be read is left
 * out entirely (and listed), never copied in part. The damaged file is only read.
 */
public final class StoreSalvage {

    /** The store's tables in the order their rows may be inserted (parents first); leases are not copied. */
    private static final List<String> TABLES = List.of("run", "step", "candidate", "example_result", "llm_call",
            "event", "work_item");

    /** What a salvage did: runs copied, and runs lost with the reason. */
    public record Result(Path target, List<String> copied, Map<String, String> lost) {
    }

    private StoreSalvage() {
    }

    /** SQLite's full {@code integrity_check} of {@code file}, without opening it as a store (nothing is written). */
    public static IntegrityReport check(Path file) {
        requireFile(file);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            List<String> messages = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) {
                    messages.add(StoreErrors.printable(String.valueOf(rs.getString(1))));
                }
            } catch (SQLException e) {
                messages.add(StoreErrors.printable(String.valueOf(e.getMessage())));
            }
            return new IntegrityReport(messages);
        } catch (SQLException e) {
            return new IntegrityReport(List.of(StoreErrors.printable(String.valueOf(e.getMessage()))));
        }
    }

    /** Copies the readable runs of {@code damaged} into {@code target}, a store file that must not exist yet. */
    public static Result salvage(Path damaged, Path target) {
        requireFile(damaged);
        if (Files.exists(target)) {
            throw new StoreException("run store " + target + " already exists; salvage copies into a new file");
        }
        RunStore.open(target).close(); // the current schema
        Map<String, String> lost = new LinkedHashMap<>();
        List<String> copied = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = OFF");
            try (PreparedStatement attach = c.prepareStatement("ATTACH DATABASE ? AS damaged")) {
                attach.setString(1, damaged.toAbsolutePath().toString());
                attach.execute();
            }
            for (String runId : runIds(c, lost)) {
                try {
                    s.execute("BEGIN");
                    for (String table : TABLES) {
                        copy(c, table, runId);
                    }
                    s.execute("COMMIT");
                    copied.add(runId);
                } catch (SQLException e) {
                    s.execute("ROLLBACK");
                    lost.put(runId, StoreErrors.printable(firstLine(e)));
                }
            }
        } catch (SQLException e) {
            throw StoreErrors.translate(damaged, "salvaging", e);
        }
        return new Result(target, List.copyOf(copied), Map.copyOf(lost));
    }

    /** The run ids, from the run table, or, when it cannot be read whole, from every table that can. */
    private static Set<String> runIds(Connection c, Map<String, String> lost) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM damaged.run ORDER BY created_at")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            ids.clear();
        }
        for (String table : TABLES.subList(1, TABLES.size())) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT run_id FROM damaged." + table)) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            } catch (SQLException e) {
                // that table's ids are partly lost; the runs found elsewhere are still tried
            }
        }
        return ids;
    }

    private static void copy(Connection c, String table, String runId) throws SQLException {
        List<String> columns = commonColumns(c, table);
        String list = String.join(", ", columns);
        String key = table.equals("run") ? "id" : "run_id";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO main." + table + " (" + list + ") SELECT " + list
                + " FROM damaged." + table + " WHERE " + key + " = ?")) {
            ps.setString(1, runId);
            ps.executeUpdate();
        }
    }

    /** Columns both files have: an older store lacks the newer columns, which keep their defaults. */
    private static List<String> commonColumns(Connection c, String table) throws SQLException {
        Set<String> target = columns(c, "main", table);
        List<String> common = new ArrayList<>();
        for (String column : columns(c, "damaged", table)) {
            if (target.contains(column)) {
                common.add(column);
            }
        }
        return common;
    }

    private static Set<String> columns(Connection c, String schema, String table) throws SQLException {
        Set<String> columns = new LinkedHashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + schema + ".table_info(" + table + ")")) {
            while (rs.next()) {
                columns.add(rs.getString("name"));
            }
        }
        return columns;
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException("no run store at " + file);
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
