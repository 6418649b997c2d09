package io.llmopt.core.store;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns SQLite's error codes into one-line messages a user can act on. */
final class StoreErrors {

    private StoreErrors() {
    }

    static StoreException translate(Path file, String action, SQLException e) {
        return new StoreException("run store " + file + ": " + action + " failed: " + advice(file, e), e);
    }

    /** True when the failure concerns the whole file, not one write: every later write would fail too. */
    static boolean isFatal(SQLException e) {
        return switch (primaryCode(e)) {
            case SQLITE_READONLY, SQLITE_FULL, SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_IOERR, SQLITE_CANTOPEN,
                 SQLITE_PERM -> true;
            default -> false;
        };
    }

    /** True when the file itself is damaged (a corrupt page, not a database): reading it is unsafe to act on. */
    static boolean isDamage(SQLException e) {
        SQLiteErrorCode code = primaryCode(e);
        return code == SQLiteErrorCode.SQLITE_CORRUPT || code == SQLiteErrorCode.SQLITE_NOTADB;
    }

    private static String advice(Path file, SQLException e) {
        return switch (primaryCode(e)) {
            case SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN ->
                    "the file or its folder is not writable; check permissions on " + file.toAbsolutePath().getParent()
                            + " and that the disk is not mounted read-only";
            case SQLITE_FULL -> "the disk is full; free space on the disk holding " + file.toAbsolutePath().getParent()
                    + " (committed data is safe)";
            case SQLITE_CORRUPT, SQLITE_NOTADB -> "the file is not a valid llmopt store or is corrupt; nothing more"
                    + " is written to it; run 'llmopt runs check' to check it and copy its readable runs to a new store";
            case SQLITE_BUSY, SQLITE_LOCKED -> "the file is locked by another process for too long; "
                    + "check no other llmopt process is stuck on this store";
            case SQLITE_IOERR -> "an I/O error; check the disk and the file system (network file systems are not supported)";
            case SQLITE_CONSTRAINT -> "a constraint was violated (" + firstLine(e) + "); "
                    + "check the run exists and ids are unique";
            default -> firstLine(e);
        };
    }

    private static SQLiteErrorCode primaryCode(SQLException e) {
        if (e instanceof SQLiteException se) {
            // extended codes (e.g. SQLITE_IOERR_WRITE) carry the primary code in the low byte
            int primary = se.getResultCode().code & 0xff;
            return SQLiteErrorCode.getErrorCode(primary);
        }
        return SQLiteErrorCode.UNKNOWN_ERROR;
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return printable(nl < 0 ? m : m.substring(0, nl));
    }

    /** Control characters (SQLite may quote bytes of a damaged file) shown escaped, never raw. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || cp == 0xFFFD) {
                out.append(cp <= 0xFF ? String.format("\\x%02X", cp) : String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
