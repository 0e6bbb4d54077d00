package dev.lorekeeper.gate;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The role changes Lorekeeper made or tried, read from the role outbox for the dashboard's audit log: newest first,
 * filtered by member, role, direction and time, a page at a time.
 */
public final class RoleChangeLog {
    public static final int MAX_PAGE = 500;

    private final Database db;

    public RoleChangeLog(Database db) {
        this.db = db;
    }

    /** What to show; null fields do not filter. {@code added} true: roles given, false: taken. */
    public record Filter(Long memberId, Long roleId, Boolean added, Instant from, Instant to) {
        public static Filter none() {
            return new Filter(null, null, null, null, null);
        }
    }

    /** One change: {@code doneAt} null while it waits; {@code outcome} "applied", or why not. */
    public record Entry(
            long id,
            long memberId,
            long roleId,
            boolean added,
            String reason,
            Instant createdAt,
            Instant doneAt,
            String outcome) {}

    public List<Entry> page(long guildId, Filter f, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(
                "SELECT id, member_id, role_id, add_role, reason, created_at, done_at, outcome FROM role_outbox "
                        + "WHERE guild_id = ?");
        args.add(guildId);
        if (f.memberId() != null) {
            sql.append(" AND member_id = ?");
            args.add(f.memberId());
        }
        if (f.roleId() != null) {
            sql.append(" AND role_id = ?");
            args.add(f.roleId());
        }
        if (f.added() != null) {
            sql.append(" AND add_role = ?");
            args.add(f.added());
        }
        if (f.from() != null) {
            sql.append(" AND created_at >= ?");
            args.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND created_at < ?");
            args.add(f.to());
        }
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        args.add(Math.max(1, Math.min(limit, MAX_PAGE)));
        args.add(Math.max(0, offset));
        return db.withConnection(c -> Jdbc.list(
                c,
                sql.toString(),
                rs -> new Entry(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getBoolean(4),
                        rs.getString(5),
                        Jdbc.instant(rs, 6),
                        Jdbc.instant(rs, 7),
                        rs.getString(8)),
                args.toArray()));
    }

    /**
     * When each role last had a change applied (given or taken, or found already in place), by role id: the newest
     * finished outbox row per role. A check that changed nothing leaves no row; pruning keeps the last applied row
     * of each member and role, so this survives it.
     */
    public Map<Long, Instant> lastAppliedByRole(long guildId) {
        Map<Long, Instant> out = new HashMap<>();
        db.withConnection(c -> Jdbc.list(
                        c,
                        "SELECT role_id, MAX(done_at) FROM role_outbox WHERE guild_id = ? AND done_at IS NOT NULL "
                                + "AND outcome IN ('applied', 'already in place') GROUP BY role_id",
                        rs -> Map.entry(rs.getLong(1), Jdbc.instant(rs, 2)),
                        guildId))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
