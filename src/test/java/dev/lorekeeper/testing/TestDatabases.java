package dev.lorekeeper.testing;

import dev.lorekeeper.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Fresh databases for tests: an in-memory H2, or a new database on one real PostgreSQL server that is started once
 * per test JVM. A missing PostgreSQL fails the test loudly; nothing is skipped.
 */
public final class TestDatabases {
    private static EmbeddedPostgres postgres;

    private TestDatabases() {}

    public enum Kind {
        H2,
        POSTGRESQL
    }

    public static Stream<Kind> both() {
        return Stream.of(Kind.H2, Kind.POSTGRESQL);
    }

    public static Database open(Kind kind) {
        return kind == Kind.H2 ? h2() : postgresql();
    }

    public static String h2Url() {
        return "jdbc:h2:mem:lk" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    }

    public static Database h2() {
        return Database.open(h2Url(), "", "", 4);
    }

    public static synchronized Database postgresql() {
        return Database.open(postgresqlUrl(), "postgres", "", 4);
    }

    /** A new, empty database on the shared test server (user postgres, no password). */
    public static synchronized String postgresqlUrl() {
        String name = "lk" + UUID.randomUUID().toString().replace("-", "");
        try (var c = server().getPostgresDatabase().getConnection();
                var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create a PostgreSQL test database", e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    public static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }));
        }
        return postgres;
    }
}
