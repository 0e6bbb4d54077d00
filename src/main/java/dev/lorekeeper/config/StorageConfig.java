package dev.lorekeeper.config;

/** The database: embedded H2 by default, PostgreSQL when the JDBC URL says so. */
public record StorageConfig(
        String jdbcUrl, String username, @Secret String password, Integer poolSize, java.time.Duration connectTimeout) {
    public static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./data/lorekeeper";

    public StorageConfig {
        jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? DEFAULT_JDBC_URL : jdbcUrl.trim();
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        poolSize = poolSize == null ? 8 : poolSize;
        connectTimeout = connectTimeout == null ? java.time.Duration.ofSeconds(10) : connectTimeout;
    }

    public static StorageConfig defaults() {
        return new StorageConfig(null, null, null, null, null);
    }
}
