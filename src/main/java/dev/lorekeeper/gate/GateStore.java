package dev.lorekeeper.gate;

import dev.lorekeeper.config.RuleSpec;
import dev.lorekeeper.store.AuditLog;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** Gates added with /gate add, stored with their rule as JSON in the same shape as the YAML. */
public final class GateStore {
    private static final String SELECT = "SELECT id, guild_id, role_id, name, rule_json FROM gate ";

    private final Database db;
    private final Clock clock;
    private final AuditLog audit;

    public GateStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.audit = new AuditLog(clock);
    }

    public long add(long guildId, long roleId, String name, RuleSpec rule, long actorId) {
        String json = RuleJson.write(rule);
        return db.inTransaction(c -> {
            long id = Jdbc.insert(
                    c,
                    "INSERT INTO gate (guild_id, role_id, name, rule_json, created_by, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)",
                    guildId,
                    roleId,
                    name,
                    json,
                    actorId,
                    clock.instant());
            audit.write(c, guildId, actorId, "gate-added", "#" + id + " " + name + " -> role " + roleId);
            return id;
        });
    }

    /** Changes a stored gate's role, name and rule; false when the server has no such gate. */
    public boolean update(long guildId, long id, long roleId, String name, RuleSpec rule, long actorId) {
        String json = RuleJson.write(rule);
        return db.inTransaction(c -> {
            if (Jdbc.update(
                            c,
                            "UPDATE gate SET role_id = ?, name = ?, rule_json = ? WHERE guild_id = ? AND id = ?",
                            roleId,
                            name,
                            json,
                            guildId,
                            id)
                    == 0) {
                return false;
            }
            audit.write(c, guildId, actorId, "gate-changed", "#" + id + " " + name + " -> role " + roleId);
            return true;
        });
    }

    public boolean remove(long guildId, long id, long actorId) {
        return db.inTransaction(c -> {
            if (Jdbc.update(c, "DELETE FROM gate WHERE guild_id = ? AND id = ?", guildId, id) == 0) {
                return false;
            }
            audit.write(c, guildId, actorId, "gate-removed", "#" + id);
            return true;
        });
    }

    public List<StoredGate> inGuild(long guildId) {
        return db.withConnection(
                c -> Jdbc.list(c, SELECT + "WHERE guild_id = ? ORDER BY id", GateStore::gate, guildId));
    }

    public List<StoredGate> all() {
        return db.withConnection(c -> Jdbc.list(c, SELECT + "ORDER BY id", GateStore::gate));
    }

    private static StoredGate gate(ResultSet rs) throws SQLException {
        return new StoredGate(
                rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), RuleJson.stored(rs.getString(5)));
    }
}
