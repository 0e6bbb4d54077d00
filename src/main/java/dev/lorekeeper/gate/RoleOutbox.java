package dev.lorekeeper.gate;

import dev.lorekeeper.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The persisted queue of role changes. Enqueueing supersedes any pending opposite change for the same role. */
public final class RoleOutbox {
    private final Database db;

    public RoleOutbox(Database db) {
        this.db = db;
    }

    /** Enqueues in the caller's transaction; returns false when the same change is already pending. */
    public static boolean enqueue(Connection c, long guildId, long memberId, long roleId, boolean add, String reason,
            Instant now) throws SQLException {
        try (PreparedStatement pending = c.prepareStatement("SELECT id, add_role FROM role_outbox WHERE guild_id = ? "
                + "AND member_id = ? AND role_id = ? AND done_at IS NULL")) {
            pending.setLong(1, guildId);
            pending.setLong(2, memberId);
            pending.setLong(3, roleId);
            try (ResultSet rs = pending.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2) == add) {
                        return false;
                    }
                    finish(c, rs.getLong(1), now, "superseded");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO role_outbox (guild_id, member_id, role_id, add_role, "
                + "reason, created_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)")) {
            ps.setLong(1, guildId);
            ps.setLong(2, memberId);
            ps.setLong(3, roleId);
            ps.setBoolean(4, add);
            ps.setString(5, reason.length() > 500 ? reason.substring(0, 500) : reason);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setTimestamp(7, Timestamp.from(now));
            ps.executeUpdate();
        }
        return true;
    }

    /** Pending changes that are due, oldest first. */
    public List<RoleChange> due(Instant now, int limit) {
        return due(now, limit, 1, List.of(0));
    }

    /** Pending changes of the servers on these shards (Discord: shard = (guild id >> 22) mod total). */
    public List<RoleChange> due(Instant now, int limit, int shardTotal, List<Integer> shards) {
        String shardFilter = shardTotal <= 1 ? "" : " AND MOD(guild_id / 4194304, " + shardTotal + ") IN ("
                + String.join(",", shards.stream().map(String::valueOf).toList()) + ")";
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, guild_id, member_id, role_id, add_role, reason, "
                    + "attempts FROM role_outbox WHERE done_at IS NULL AND next_attempt_at <= ?" + shardFilter
                    + " ORDER BY id")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setMaxRows(limit);
                List<RoleChange> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RoleChange(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                                rs.getBoolean(5), rs.getString(6), rs.getInt(7)));
                    }
                }
                return out;
            }
        });
    }

    public void done(long id, Instant now, String outcome) {
        db.withConnection(c -> {
            finish(c, id, now, outcome);
            return null;
        });
    }

    public void retryLater(long id, Instant at, String outcome) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE role_outbox SET attempts = attempts + 1, "
                    + "next_attempt_at = ?, outcome = ? WHERE id = ? AND done_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setString(2, outcome);
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
    }

    public long pendingCount() {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM role_outbox WHERE done_at IS NULL")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Seconds since the oldest pending change was queued (0 when none is pending). */
    public double oldestPendingSeconds(Instant now) {
        return db.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT MIN(created_at) FROM role_outbox WHERE done_at IS NULL")) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return t == null ? 0.0 : Math.max(0, (now.toEpochMilli() - t.getTime()) / 1000.0);
            }
        });
    }

    private static void finish(Connection c, long id, Instant now, String outcome) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE role_outbox SET done_at = ?, outcome = ? WHERE id = ? AND done_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, outcome.length() > 200 ? outcome.substring(0, 200) : outcome);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }
}
