package dev.lorekeeper.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/** Appends audit events inside the caller's transaction, so a change and its audit line land together. */
public final class AuditLog {
    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    public void write(Connection c, long guildId, long actorId, String kind, String detail) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO audit_event (guild_id, actor_id, kind, detail, created_at) VALUES (?, ?, ?, ?, ?)",
                guildId,
                actorId,
                kind,
                detail.length() > 2000 ? detail.substring(0, 2000) : detail,
                clock.instant());
    }
}
