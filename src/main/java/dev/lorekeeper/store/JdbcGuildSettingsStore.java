package dev.lorekeeper.store;

import dev.lorekeeper.settings.GuildSettingsStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-server setting overrides, one row per changed setting. */
public final class JdbcGuildSettingsStore implements GuildSettingsStore {
    private final Database db;
    private final Clock clock;
    private final AuditLog audit;
    private final String upsert;

    public JdbcGuildSettingsStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.audit = new AuditLog(clock);
        this.upsert = db.dialect()
                .upsert(
                        "guild_setting",
                        List.of("guild_id", "name"),
                        List.of("guild_id", "name", "setting_value", "updated_by", "updated_at"));
    }

    @Override
    public Map<String, String> load(long guildId) {
        List<Setting> rows = db.withConnection(c -> Jdbc.list(
                c,
                "SELECT name, setting_value FROM guild_setting " + "WHERE guild_id = ?",
                rs -> new Setting(rs.getString(1), rs.getString(2)),
                guildId));
        Map<String, String> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(r.name(), r.value()));
        return out;
    }

    private record Setting(String name, String value) {}

    @Override
    public void save(long guildId, String name, String value, long actorId) {
        db.inTransaction(c -> {
            Jdbc.update(c, upsert, guildId, name, value, actorId, clock.instant());
            audit.write(c, guildId, actorId, "setting", name + " = " + value);
            return null;
        });
    }

    @Override
    public void remove(long guildId, String name, long actorId) {
        db.inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM guild_setting WHERE guild_id = ? AND name = ?", guildId, name);
            audit.write(c, guildId, actorId, "setting", name + " reset to default");
            return null;
        });
    }
}
