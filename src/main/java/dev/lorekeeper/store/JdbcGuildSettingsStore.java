package dev.lorekeeper.store;

import dev.lorekeeper.settings.GuildSettingsStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-server setting overrides, one row per changed setting. */
public final class JdbcGuildSettingsStore implements GuildSettingsStore {
    private final Database db;
    private final String upsert;

    public JdbcGuildSettingsStore(Database db) {
        this.db = db;
        this.upsert = db.dialect().upsert("guild_setting", List.of("guild_id", "name"),
                List.of("guild_id", "name", "setting_value", "updated_by", "updated_at"));
    }

    @Override
    public Map<String, String> load(long guildId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, setting_value FROM guild_setting WHERE guild_id = ?")) {
                ps.setLong(1, guildId);
                Map<String, String> out = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void save(long guildId, String name, String value, long actorId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                ps.setLong(1, guildId);
                ps.setString(2, name);
                ps.setString(3, value);
                ps.setLong(4, actorId);
                ps.setTimestamp(5, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            AuditLog.write(c, guildId, actorId, "setting", name + " = " + value);
            return null;
        });
    }

    @Override
    public void remove(long guildId, String name, long actorId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM guild_setting WHERE guild_id = ? AND name = ?")) {
                ps.setLong(1, guildId);
                ps.setString(2, name);
                ps.executeUpdate();
            }
            AuditLog.write(c, guildId, actorId, "setting", name + " reset to default");
            return null;
        });
    }
}
