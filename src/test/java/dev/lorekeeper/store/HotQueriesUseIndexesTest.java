package dev.lorekeeper.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every query on a hot path (verify, role sync, the outbox worker, the chain watcher, /character) is answered from an
 * index on PostgreSQL once the tables hold a large community's rows: tens of thousands of wallet links and finished
 * role changes, a few hundred pending ones. The planner is given real statistics (ANALYZE) and chooses freely; a
 * sequential scan of any of these tables would read all of it on every call. The statements are the ones the stores
 * run (named after each query), with the values a running bot binds.
 */
class HotQueriesUseIndexesTest {
    static final int GUILDS = 50;
    static final int LINKS = 20_000;
    static final int DONE_CHANGES = 40_000;
    static final int PENDING_CHANGES = 200;
    /** The seeded rows are stamped with the database's now(); a minute on, every pending change is due. */
    static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1);

    /** A query as a store runs it, with the values it binds. */
    record Hot(String name, String sql, Object... args) {}

    static List<Hot> hotQueries() {
        String address = address(4242);
        String links = "SELECT guild_id, member_id, display_address, kind, verified_at FROM wallet_link WHERE ";
        String outbox = "SELECT id, guild_id, member_id, role_id, add_role, reason, attempts, sent_at, priority "
                + "FROM role_outbox ";
        return List.of(
                new Hot(
                        "WalletLinks.of (by member)",
                        links + "guild_id = ? AND member_id = ? ORDER BY verified_at",
                        3L,
                        103L),
                new Hot("WalletLinks.ofAddress (chain events)", links + "address = ?", address),
                new Hot("WalletLinks.inGuild (sweeps)", links + "guild_id = ? ORDER BY member_id", 3L),
                new Hot(
                        "WalletLinks.link (owner of an address here)",
                        "SELECT member_id FROM wallet_link WHERE guild_id = ? AND address = ?",
                        3L,
                        address),
                new Hot(
                        "RoleOutbox.enqueue (pending change of a member and role)",
                        "SELECT id, add_role FROM role_outbox WHERE guild_id = ? "
                                + "AND member_id = ? AND role_id = ? AND done_at IS NULL",
                        3L,
                        103L,
                        101L),
                new Hot(
                        "RoleOutbox.guildsWithDue (drain)",
                        "SELECT DISTINCT guild_id FROM role_outbox WHERE done_at IS NULL AND next_attempt_at <= ?",
                        NOW),
                new Hot(
                        "RoleOutbox.due per server (drain)",
                        outbox + "WHERE guild_id = ? AND done_at IS NULL AND next_attempt_at <= ? "
                                + "ORDER BY priority, id FETCH FIRST 10 ROWS ONLY",
                        3L,
                        NOW),
                new Hot(
                        "RoleOutbox.due (all servers)",
                        outbox + "WHERE done_at IS NULL AND next_attempt_at <= ? ORDER BY priority, id "
                                + "FETCH FIRST 500 ROWS ONLY",
                        NOW),
                new Hot("RoleOutbox.pendingCount", "SELECT COUNT(*) FROM role_outbox WHERE done_at IS NULL"),
                new Hot(
                        "RoleOutbox.oldestPendingSeconds",
                        "SELECT MIN(created_at) FROM role_outbox WHERE done_at IS NULL"),
                new Hot(
                        "RoleOutbox.markSent",
                        "UPDATE role_outbox SET sent_at = ? WHERE id = ? AND done_at IS NULL",
                        NOW,
                        40_100L),
                new Hot(
                        "RoleOutbox.done",
                        "UPDATE role_outbox SET done_at = ?, outcome = ? WHERE id = ? AND done_at IS NULL",
                        NOW,
                        "applied",
                        40_100L),
                new Hot(
                        "RoleOutbox.retryAfter",
                        "UPDATE role_outbox SET attempts = attempts + 1, next_attempt_at = ?, outcome = ? "
                                + "WHERE id = ? AND done_at IS NULL",
                        NOW,
                        "will retry",
                        40_100L),
                new Hot(
                        "RoleOutbox.pruneDoneBefore",
                        "SELECT o.id FROM role_outbox o WHERE o.done_at < ? AND (o.outcome IS NULL OR o.outcome "
                                + "NOT IN ('applied', 'already in place') OR EXISTS (SELECT 1 FROM role_outbox n "
                                + "WHERE n.guild_id = o.guild_id AND n.member_id = o.member_id AND n.role_id = o.role_id "
                                + "AND n.id > o.id AND n.outcome IN ('applied', 'already in place'))) "
                                + "FETCH FIRST 5000 ROWS ONLY",
                        NOW.minusDays(7)),
                new Hot(
                        "RecordedRoles.rolesOf (planning for other shards)",
                        "SELECT role_id, add_role FROM role_outbox WHERE guild_id = ? AND member_id = ? "
                                + "AND outcome IN ('applied', 'already in place') ORDER BY done_at, id",
                        3L,
                        103L),
                new Hot(
                        "OutboxHistory.members (sweeps)",
                        "SELECT DISTINCT member_id FROM role_outbox WHERE guild_id = ? AND add_role = TRUE",
                        3L),
                new Hot(
                        "GateStore (gates of a server)",
                        "SELECT id, guild_id, role_id, name, rule_json FROM gate WHERE guild_id = ? ORDER BY id",
                        3L),
                new Hot(
                        "OwnerIndex.tokensOf",
                        "SELECT token_id FROM token_owner WHERE chain = ? AND contract = ? AND owner = ? "
                                + "ORDER BY token_id",
                        "anvil",
                        address(3),
                        address(77)),
                new Hot(
                        "VerifySessions (session by token)",
                        "SELECT token, guild_id, member_id, member_name, guild_name, expires_at, used_at "
                                + "FROM verify_session WHERE token = ?",
                        "token-77"),
                new Hot(
                        "VerifySessions (nonce)",
                        "SELECT nonce, token, message, expires_at, used_at FROM siwe_nonce WHERE nonce = ?",
                        "nonce-77"),
                new Hot(
                        "VerifySessions (nonce used once)",
                        "UPDATE siwe_nonce SET used_at = ? WHERE nonce = ? AND used_at IS NULL",
                        NOW,
                        "nonce-77"),
                new Hot(
                        "CharacterStore (a member's pick)",
                        "SELECT character_id FROM character_pick WHERE guild_id = ? AND member_id = ?",
                        3L,
                        103L),
                new Hot(
                        "GuildSettings (a server's settings)",
                        "SELECT name, setting_value FROM guild_setting WHERE guild_id = ?",
                        3L));
    }

    @Test
    void everyHotQueryIsAnsweredFromAnIndexAtALargeCommunitysSize() throws SQLException {
        try (Database db = TestDatabases.postgresql();
                Connection c = db.dataSource().getConnection()) {
            seed(c);
            List<String> scans = new ArrayList<>();
            List<Hot> hot = hotQueries();
            for (Hot q : hot) {
                String plan = explain(c, q);
                if (plan.contains("Seq Scan")) {
                    scans.add(q.name() + ":\n" + plan);
                }
            }
            assertThat(scans).as("queries that read a whole table").isEmpty();
            assertThat(hot).hasSizeGreaterThanOrEqualTo(20);
        }
    }

    /** Rows enough that a sequential scan costs the planner far more than an index would. */
    private static void seed(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO wallet_link (guild_id, address, display_address, member_id, kind, verified_at) "
                    + "SELECT g % " + GUILDS + ", '0x' || lpad(to_hex(g), 40, '0'), '0x' || lpad(to_hex(g), 40, '0'), "
                    + "100 + g, 'eoa', now() FROM generate_series(1, " + LINKS + ") g");
            s.execute("INSERT INTO role_outbox (guild_id, member_id, role_id, add_role, reason, created_at, attempts, "
                    + "next_attempt_at, done_at, outcome, priority) SELECT g % " + GUILDS + ", 100 + g % " + LINKS
                    + ", 100 + g % 3, g % 2 = 0, 'seed', now() - interval '3 days', 0, now() - interval '3 days', "
                    + "now() - interval '3 days' + g * interval '1 second', "
                    + "CASE WHEN g % 5 = 0 THEN 'member not in server' ELSE 'applied' END, 1 "
                    + "FROM generate_series(1, " + DONE_CHANGES + ") g");
            s.execute("INSERT INTO role_outbox (guild_id, member_id, role_id, add_role, reason, created_at, attempts, "
                    + "next_attempt_at, priority) SELECT g % " + GUILDS + ", 100 + g % " + LINKS + ", 101, TRUE, "
                    + "'seed', now(), 0, now(), g % 2 FROM generate_series(1, " + PENDING_CHANGES + ") g");
            s.execute("INSERT INTO gate (guild_id, role_id, name, rule_json, created_by, created_at) "
                    + "SELECT g % 1000, g, 'gate', '{}', 1, now() FROM generate_series(1, 2000) g");
            s.execute("INSERT INTO token_owner (chain, contract, token_id, owner, block) SELECT 'anvil', "
                    + "'0x' || lpad(to_hex(g % 10), 40, '0'), g::text, '0x' || lpad(to_hex(g % 5000), 40, '0'), g "
                    + "FROM generate_series(1, 20000) g");
            s.execute("INSERT INTO verify_session (token, guild_id, member_id, member_name, guild_name, created_at, "
                    + "expires_at) SELECT 'token-' || g, g % 50, g, 'm', 'g', now(), now() + interval '10 minutes' "
                    + "FROM generate_series(1, 5000) g");
            s.execute("INSERT INTO siwe_nonce (nonce, token, message, expires_at) SELECT 'nonce-' || g, 'token-' || g, "
                    + "'message', now() + interval '10 minutes' FROM generate_series(1, 5000) g");
            s.execute("INSERT INTO character_pick (guild_id, member_id, character_id, picked_at) " + "SELECT g % "
                    + GUILDS + ", 100 + g, g, now() FROM generate_series(1, 10000) g");
            s.execute("INSERT INTO guild_setting (guild_id, name, setting_value, updated_by, updated_at) "
                    + "SELECT g % 2000, 'setting-' || (g / 2000), 'on', 1, now() FROM generate_series(1, 10000) g");
            s.execute("ANALYZE");
        }
    }

    private static String explain(Connection c, Hot q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + q.sql())) {
            for (int i = 0; i < q.args().length; i++) {
                ps.setObject(i + 1, q.args()[i]);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append("  ").append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    private static String address(long n) {
        return "0x" + String.format("%040x", n);
    }
}
