package dev.lorekeeper.store;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Why a database could not be opened, with the next step. An H2 file held by another process (usually the running
 * bot, when a CLI command is started next to it) is not a wrong URL or password, so it gets its own words.
 */
final class OpenFailure {
    /** H2's "Database may be already in use". */
    private static final int H2_LOCKED = 90020;

    private OpenFailure() {}

    static String describe(String jdbcUrl, Throwable e) {
        String where = "cannot open the database at " + Database.redact(jdbcUrl) + ": ";
        if (h2Locked(e)) {
            return where + "the H2 file is locked by another process: the bot is running with this H2 file; stop "
                    + "it, or use PostgreSQL (storage.jdbc-url) to run both";
        }
        return where + Database.rootMessage(e) + " (check storage.jdbc-url, that the server runs, and the "
                + "credentials)";
    }

    private static boolean h2Locked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if ((t instanceof SQLException s && s.getErrorCode() == H2_LOCKED)
                    || m.contains("file is locked")
                    || m.contains("database may be already in use")) {
                return true;
            }
        }
        return false;
    }
}
