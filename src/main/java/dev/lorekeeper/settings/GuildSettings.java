package dev.lorekeeper.settings;

import dev.lorekeeper.config.FeatureSwitches;
import java.util.List;

/** One server's effective settings: the config file's defaults with that server's overrides applied. */
public record GuildSettings(
        long guildId,
        String auditChannelId,
        List<String> qaChannelIds,
        String moderatorRoleId,
        FeatureSwitches features,
        boolean delegation,
        boolean publicPages) {
    public GuildSettings {
        qaChannelIds = List.copyOf(qaChannelIds);
    }
}
