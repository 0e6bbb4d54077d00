package dev.lorekeeper.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Appends audit events inside the caller's transaction, so a change and its audit line land together. */
public final class AuditLog {
    private AuditLog() {
    }

    public static void write(Connection c, long guildId, long actorId, String kind, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_event (guild_id, actor_id, kind, detail, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, guildId);
            ps.setLong(2, actorId);
            ps.setString(3, kind);
            ps.setString(4, detail.length() > 2000 ? detail.substring(0, 2000) : detail);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }
}
