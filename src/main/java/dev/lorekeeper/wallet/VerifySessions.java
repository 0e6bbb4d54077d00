package dev.lorekeeper.wallet;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Verify sessions and the nonces issued in them, with single-use marking that holds under concurrency. */
public final class VerifySessions {
    private final Database db;
    private final Clock clock;

    public VerifySessions(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void create(VerifySession s) {
        db.withConnection(c -> Jdbc.update(
                c,
                "INSERT INTO verify_session (token, guild_id, member_id, member_name, "
                        + "guild_name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                s.token(),
                s.guildId(),
                s.memberId(),
                fit(s.memberName()),
                fit(s.guildName()),
                clock.instant(),
                s.expiresAt()));
    }

    public Optional<VerifySession> find(String token) {
        return db.withConnection(c -> Jdbc.first(
                c,
                "SELECT token, guild_id, member_id, member_name, guild_name, "
                        + "expires_at, used_at FROM verify_session WHERE token = ?",
                rs -> new VerifySession(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        Jdbc.instant(rs, 6),
                        Jdbc.instant(rs, 7)),
                token));
    }

    public void issue(IssuedNonce n) {
        db.withConnection(c -> Jdbc.update(
                c,
                "INSERT INTO siwe_nonce (nonce, token, message, expires_at) " + "VALUES (?, ?, ?, ?)",
                n.nonce(),
                n.token(),
                n.message(),
                n.expiresAt()));
    }

    public Optional<IssuedNonce> nonce(String nonce) {
        return db.withConnection(c -> Jdbc.first(
                c,
                "SELECT nonce, token, message, expires_at, used_at FROM siwe_nonce " + "WHERE nonce = ?",
                rs -> new IssuedNonce(
                        rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, 4), Jdbc.instant(rs, 5)),
                nonce));
    }

    /** Marks the nonce and its session used, in the caller's transaction; false if either was used already. */
    public boolean consume(Connection c, String nonce, String token) throws SQLException {
        Instant now = clock.instant();
        return Jdbc.update(c, "UPDATE siwe_nonce SET used_at = ? WHERE nonce = ? AND used_at IS NULL", now, nonce) == 1
                && Jdbc.update(
                                c,
                                "UPDATE verify_session SET used_at = ? WHERE token = ? AND used_at IS NULL",
                                now,
                                token)
                        == 1;
    }

    /** Deletes the sessions and nonces that have expired by now; returns how many rows went. */
    public int purgeExpired() {
        Instant now = clock.instant();
        return db.inTransaction(c -> Jdbc.update(c, "DELETE FROM siwe_nonce WHERE expires_at < ?", now)
                + Jdbc.update(c, "DELETE FROM verify_session WHERE expires_at < ?", now));
    }

    /** Names are shown on the verify page only; the column holds 100 characters. */
    private static String fit(String name) {
        return name.length() <= 100 ? name : name.substring(0, 99) + "…";
    }
}
