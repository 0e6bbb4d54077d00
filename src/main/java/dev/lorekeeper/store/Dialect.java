package dev.lorekeeper.store;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The few SQL differences between H2 and PostgreSQL that the migrations and repositories must bridge. */
public enum Dialect {
    H2,
    POSTGRESQL;

    public static Dialect of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported JDBC URL (use jdbc:h2:... or jdbc:postgresql:...)");
    }

    /** An insert-or-update statement on {@code keys}; parameters are {@code columns} in order. */
    public String upsert(String table, List<String> keys, List<String> columns) {
        String cols = String.join(", ", columns);
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        if (this == H2) {
            return "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", keys) + ") VALUES (" + marks
                    + ")";
        }
        String updates = columns.stream()
                .filter(c -> !keys.contains(c))
                .map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT (" + String.join(", ", keys)
                + ") DO " + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + updates);
    }
}
