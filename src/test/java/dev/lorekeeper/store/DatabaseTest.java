package dev.lorekeeper.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorekeeper.testing.TestDatabases;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseTest {
    static java.util.stream.Stream<TestDatabases.Kind> kinds() {
        return TestDatabases.both();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void migrationsCreateTheSchema(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            List<String> tables = db.withConnection(c -> {
                List<String> out = new ArrayList<>();
                try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        out.add(rs.getString("TABLE_NAME").toLowerCase());
                    }
                }
                return out;
            });
            assertThat(tables).contains("guild_setting", "audit_event", "flyway_schema_history");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void settingsUpsertAndAudit(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            JdbcGuildSettingsStore store = new JdbcGuildSettingsStore(db, Clock.systemUTC());
            store.save(7, "feature.qa", "false", 99);
            store.save(7, "feature.qa", "true", 99);
            store.save(8, "feature.qa", "false", 99);
            assertThat(store.load(7)).isEqualTo(Map.of("feature.qa", "true"));
            store.remove(7, "feature.qa", 99);
            assertThat(store.load(7)).isEmpty();
            assertThat(store.load(8)).isEqualTo(Map.of("feature.qa", "false"));
            long audits = db.withConnection(c -> {
                try (ResultSet rs =
                        c.createStatement().executeQuery("SELECT COUNT(*) FROM audit_event WHERE guild_id = 7")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(audits).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void failedTransactionRollsBack(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            JdbcGuildSettingsStore store = new JdbcGuildSettingsStore(db, Clock.systemUTC());
            assertThatThrownBy(() -> db.inTransaction(c -> {
                        new AuditLog(Clock.systemUTC()).write(c, 5, 1, "test", "written then rolled back");
                        throw new IllegalStateException("boom");
                    }))
                    .hasMessage("boom");
            long n = db.withConnection(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit_event")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(n).isZero();
            assertThat(store.load(5)).isEmpty();
        }
    }

    @Test
    void unreachableDatabaseGivesActionableMessage() {
        assertThatThrownBy(
                        () -> Database.open("jdbc:postgresql://127.0.0.1:1/none?password=topsecret", "u", "p", 1, 500))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the database at jdbc:postgresql://127.0.0.1:1/none?password=****")
                .hasMessageContaining("check storage.jdbc-url")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void theEmbeddedDatabaseIsReadableByItsOwnerOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path data = dir.resolve("data");
        try (Database db = Database.open("jdbc:h2:file:" + data.resolve("lorekeeper"), "", "", 2)) {
            boolean valid = db.withConnection(c -> c.isValid(1));
            assertThat(valid).isTrue();
        }
        assertThat(java.nio.file.Files.getPosixFilePermissions(data))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "OWNER_EXECUTE");
        assertThat(java.nio.file.Files.getPosixFilePermissions(data.resolve("lorekeeper.mv.db")))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void passwordsInJdbcUrlsAreRedactedAndMasked() {
        assertThat(Database.redact("jdbc:h2:file:./data/lk;PASSWORD=hunter22;CIPHER=AES"))
                .isEqualTo("jdbc:h2:file:./data/lk;PASSWORD=****;CIPHER=AES");
        assertThat(Database.redact("jdbc:postgresql://bot:hunter22@db:5432/lk"))
                .isEqualTo("jdbc:postgresql://bot:****@db:5432/lk");
        assertThat(Database.passwordsIn("jdbc:postgresql://db/lk?user=bot&password=hunter22"))
                .containsExactly("hunter22");
    }
}
