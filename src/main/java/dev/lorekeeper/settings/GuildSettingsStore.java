package dev.lorekeeper.settings;

import java.util.Map;

/** Where per-server overrides are kept (the database, in the running bot). */
public interface GuildSettingsStore {
    Map<String, String> load(long guildId);

    void save(long guildId, String name, String value, long actorId);

    void remove(long guildId, String name, long actorId);
}
