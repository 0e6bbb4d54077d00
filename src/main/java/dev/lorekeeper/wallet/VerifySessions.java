package dev.lorekeeper.wallet;

import dev.lorekeeper.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Verify sessions and the nonces issued in them, with single-use marking that holds under concurrency. */
public final class VerifySessions {
    private final Database db;

    public VerifySessions(Database db) {
        this.db = db;
    }

    public void create(VerifySession s, Instant now) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO verify_session (token, guild_id, member_id, "
                    + "member_name, guild_name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, s.token());
                ps.setLong(2, s.guildId());
                ps.setLong(3, s.memberId());
                ps.setString(4, fit(s.memberName()));
                ps.setString(5, fit(s.guildName()));
                ps.setTimestamp(6, Timestamp.from(now));
                ps.setTimestamp(7, Timestamp.from(s.expiresAt()));
                return ps.executeUpdate();
            }
        });
    }

    public Optional<VerifySession> find(String token) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT token, guild_id, member_id, member_name, guild_name, "
                    + "expires_at, used_at FROM verify_session WHERE token = ?")) {
                ps.setString(1, token);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new VerifySession(rs.getString(1), rs.getLong(2), rs.getLong(3),
                            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                            instant(rs.getTimestamp(7)))) : Optional.empty();
                }
            }
        });
    }

    public void issue(IssuedNonce n) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO siwe_nonce (nonce, token, message, expires_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, n.nonce());
                ps.setString(2, n.token());
                ps.setString(3, n.message());
                ps.setTimestamp(4, Timestamp.from(n.expiresAt()));
                return ps.executeUpdate();
            }
        });
    }

    public Optional<IssuedNonce> nonce(String nonce) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT nonce, token, message, expires_at, used_at FROM siwe_nonce WHERE nonce = ?")) {
                ps.setString(1, nonce);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new IssuedNonce(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5)))) : Optional.empty();
                }
            }
        });
    }

    /** Marks the nonce and its session used, in the caller's transaction; false if either was used already. */
    public static boolean consume(Connection c, String nonce, String token, Instant now) throws SQLException {
        try (PreparedStatement n = c.prepareStatement(
                "UPDATE siwe_nonce SET used_at = ? WHERE nonce = ? AND used_at IS NULL");
                PreparedStatement s = c.prepareStatement(
                        "UPDATE verify_session SET used_at = ? WHERE token = ? AND used_at IS NULL")) {
            n.setTimestamp(1, Timestamp.from(now));
            n.setString(2, nonce);
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, token);
            return n.executeUpdate() == 1 && s.executeUpdate() == 1;
        }
    }

    /** Deletes expired sessions and nonces; returns how many rows went. */
    public int purgeExpired(Instant now) {
        return db.inTransaction(c -> {
            int deleted = 0;
            for (String table : new String[] {"siwe_nonce", "verify_session"}) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE expires_at < ?")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    deleted += ps.executeUpdate();
                }
            }
            return deleted;
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Names are shown on the verify page only; the column holds 100 characters. */
    private static String fit(String name) {
        return name.length() <= 100 ? name : name.substring(0, 99) + "…";
    }
}
