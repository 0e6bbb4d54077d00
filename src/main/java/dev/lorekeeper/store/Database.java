package dev.lorekeeper.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** The connection pool and schema. Opening it migrates the schema, so a running bot always has the current one. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public static Database open(String jdbcUrl, String username, String password, int poolSize) {
        return open(jdbcUrl, username, password, poolSize, 10_000);
    }

    /** Opens the pool, waiting up to {@code connectTimeoutMillis} for a database that is still starting. */
    public static Database open(
            String jdbcUrl, String username, String password, int poolSize, long connectTimeoutMillis) {
        Dialect dialect = Dialect.of(jdbcUrl);
        H2Files.prepare(jdbcUrl);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setUsername(username);
        hc.setPassword(password);
        hc.setMaximumPoolSize(Math.max(2, poolSize)); // Flyway holds one connection while migrating on another
        hc.setPoolName("lorekeeper-db");
        hc.setConnectionTimeout(Math.max(250, connectTimeoutMillis));
        hc.setInitializationFailTimeout(Math.max(1, connectTimeoutMillis));
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreException(OpenFailure.describe(jdbcUrl, e), e);
        }
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            ds.close();
            throw new StoreException("cannot migrate the database schema: " + rootMessage(e), e);
        }
        H2Files.restrictFiles(jdbcUrl);
        return new Database(ds, dialect);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. A pooled
     * connection that died with a database restart fails before commit, so the transaction is run once more on a
     * fresh connection; any other failure is reported to the caller.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        try {
            return attempt(work);
        } catch (ConnectionLost lost) {
            evictIdleConnections();
            try {
                return attempt(work);
            } catch (ConnectionLost again) {
                throw new StoreException("database error: " + again.getCause().getMessage(), again.getCause());
            }
        }
    }

    private <T> T attempt(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            T result;
            try {
                c.setAutoCommit(false);
                result = work.run(c);
            } catch (SQLException e) {
                rollbackQuietly(c);
                if (isConnectionLost(e)) {
                    throw new ConnectionLost(e);
                }
                throw e;
            } catch (RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
            c.commit();
            return result;
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is already unusable; the pool evicts it
        }
    }

    /** SQLSTATE class 08 (connection exception) or PostgreSQL's 57P01-57P03 (server shutting down or restarting). */
    static boolean isConnectionLost(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08") || neverReachedTheServer(e);
    }

    /** A transaction that failed because its connection was gone, before it reached commit. */
    private static final class ConnectionLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectionLost(SQLException cause) {
            super(cause);
        }
    }

    /**
     * Runs {@code work} with auto-commit, for single statements. A statement on a pooled connection that the server
     * had already closed (it never ran) is run once more on a fresh connection.
     */
    public <T> T withConnection(SqlWork<T> work) {
        try {
            return once(work);
        } catch (SQLException e) {
            if (neverReachedTheServer(e)) {
                evictIdleConnections();
                try {
                    return once(work);
                } catch (SQLException again) {
                    e = again;
                }
            }
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /** After a database restart every idle pooled connection is dead too: replace them all, not one per failure. */
    private void evictIdleConnections() {
        var pool = dataSource.getHikariPoolMXBean();
        if (pool != null) {
            pool.softEvictConnections();
        }
    }

    private <T> T once(SqlWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        }
    }

    /** The server had closed the connection (shutdown, restart) before this statement, so it did not run. */
    static boolean neverReachedTheServer(SQLException e) {
        String state = e.getSQLState();
        return state != null
                && (state.equals("08003") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** JDBC URLs may carry a password, as a parameter or as user info; this is the URL safe to print. */
    public static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=****")
                .replaceAll("(//[^/@:;?]*):[^/@;?]*@", "$1:****@");
    }

    /** The passwords written into a JDBC URL, so that the log masks them wherever they appear. */
    public static Set<String> passwordsIn(String jdbcUrl) {
        Set<String> out = new HashSet<>();
        Matcher param = Pattern.compile("(?i)(?:password|pwd)=([^&;]+)").matcher(jdbcUrl);
        while (param.find()) {
            out.add(param.group(1));
        }
        Matcher userInfo = Pattern.compile("//[^/@:;?]*:([^/@;?]+)@").matcher(jdbcUrl);
        if (userInfo.find()) {
            out.add(userInfo.group(1));
        }
        return out;
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
