package dev.lorekeeper.gate;

import dev.lorekeeper.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
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

    @Override
    public Optional<Set<Long>> rolesOf(long guildId, long memberId) {
        return Optional.of(db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT role_id, add_role FROM role_outbox WHERE guild_id = ? "
                    + "AND member_id = ? AND outcome IN ('applied', 'already in place') ORDER BY done_at, id")) {
                ps.setLong(1, guildId);
                ps.setLong(2, memberId);
                Set<Long> roles = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBoolean(2)) {
                            roles.add(rs.getLong(1));
                        } else {
                            roles.remove(rs.getLong(1));
                        }
                    }
                }
                return roles;
            }
        }));
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
