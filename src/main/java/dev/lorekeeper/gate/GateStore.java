package dev.lorekeeper.gate;

import dev.lorekeeper.config.RuleSpec;
import dev.lorekeeper.store.AuditLog;
import dev.lorekeeper.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Gates added with /gate add, stored with their rule as JSON in the same shape as the YAML. */
public final class GateStore {
    private final Database db;

    public GateStore(Database db) {
        this.db = db;
    }

    /** A stored gate, before compilation. */
    public record StoredGate(long id, long guildId, long roleId, String name, RuleSpec rule) {
    }

    public long add(long guildId, long roleId, String name, RuleSpec rule, long actorId) {
        String json = RuleJson.write(rule);
        return db.inTransaction(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gate (guild_id, role_id, name, rule_json, "
                    + "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, guildId);
                ps.setLong(2, roleId);
                ps.setString(3, name);
                ps.setString(4, json);
                ps.setLong(5, actorId);
                ps.setTimestamp(6, Timestamp.from(Instant.now()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            AuditLog.write(c, guildId, actorId, "gate-added", "#" + id + " " + name + " -> role " + roleId);
            return id;
        });
    }

    public boolean remove(long guildId, long id, long actorId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM gate WHERE guild_id = ? AND id = ?")) {
                ps.setLong(1, guildId);
                ps.setLong(2, id);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            AuditLog.write(c, guildId, actorId, "gate-removed", "#" + id);
            return true;
        });
    }

    public List<StoredGate> inGuild(long guildId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, guild_id, role_id, name, rule_json FROM gate WHERE guild_id = ? ORDER BY id")) {
                ps.setLong(1, guildId);
                return read(ps);
            }
        });
    }

    public List<StoredGate> all() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, guild_id, role_id, name, rule_json FROM gate ORDER BY id")) {
                return read(ps);
            }
        });
    }

    private static List<StoredGate> read(PreparedStatement ps) throws java.sql.SQLException {
        List<StoredGate> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredGate(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        RuleJson.stored(rs.getString(5))));
            }
        }
        return out;
    }
}
