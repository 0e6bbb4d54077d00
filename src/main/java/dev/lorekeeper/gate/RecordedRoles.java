package dev.lorekeeper.gate;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Roles as Lorekeeper last applied them (from the outbox history), for planning without a Discord connection:
 * {@code lorekeeper sweep --dry-run}. It can not change anything.
 */
public final class RecordedRoles implements RoleOps {
    private final Database db;

    public RecordedRoles(Database db) {
        this.db = db;
    }

    private record Applied(long roleId, boolean add) {}

    private record Row(long memberId, long roleId, boolean add, java.sql.Timestamp doneAt, long id) {}

    @Override
    public Optional<Set<Long>> rolesOf(long guildId, long memberId) {
        List<Applied> history = db.withConnection(c -> Jdbc.list(
                c,
                "SELECT role_id, add_role FROM role_outbox "
                        + "WHERE guild_id = ? AND member_id = ? AND outcome IN ('applied', 'already in place') "
                        + "ORDER BY done_at, id",
                rs -> new Applied(rs.getLong(1), rs.getBoolean(2)),
                guildId,
                memberId));
        Set<Long> roles = new HashSet<>();
        for (Applied a : history) {
            if (a.add()) {
                roles.add(a.roleId());
            } else {
                roles.remove(a.roleId());
            }
        }
        return Optional.of(roles);
    }

    /** Many members' recorded roles in one query per thousand members (a dry-run sweep of a large server). */
    @Override
    public Roles rolesOf(long guildId, java.util.Collection<Long> memberIds) {
        List<Long> ids = List.copyOf(new java.util.LinkedHashSet<>(memberIds));
        java.util.Map<Long, Set<Long>> current = new java.util.HashMap<>();
        ids.forEach(id -> current.put(id, new HashSet<>()));
        List<Row> applied = new java.util.ArrayList<>();
        db.withConnection(c -> {
            for (int i = 0; i < ids.size(); i += 1000) {
                List<Long> part = ids.subList(i, Math.min(ids.size(), i + 1000));
                // Ordered here, not in SQL: an ORDER BY done_at lets PostgreSQL pick the index on done_at and read
                // the whole outbox instead of these members' rows. One array parameter: parsed and planned once.
                applied.addAll(Jdbc.list(
                        c,
                        "SELECT member_id, role_id, add_role, done_at, id FROM role_outbox WHERE guild_id = ? "
                                + "AND member_id = ANY(?) AND outcome IN ('applied', 'already in place')",
                        rs -> new Row(
                                rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getTimestamp(4), rs.getLong(5)),
                        guildId,
                        part.toArray(new Long[0])));
            }
            return null;
        });
        applied.sort(java.util.Comparator.comparing(
                        Row::doneAt, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
                .thenComparingLong(Row::id));
        for (Row r : applied) {
            Set<Long> roles = current.get(r.memberId());
            if (r.add()) {
                roles.add(r.roleId());
            } else {
                roles.remove(r.roleId());
            }
        }
        return new Roles(current, Set.of());
    }

    @Override
    public Outcome apply(long guildId, long memberId, long roleId, boolean add) {
        throw new UnsupportedOperationException("a dry run changes nothing");
    }

    @Override
    public String roleName(long guildId, long roleId) {
        return "role " + roleId;
    }

    @Override
    public void audit(long guildId, String line) {
        // a dry run posts nothing
    }
}
