package dev.lorekeeper.config;

import java.util.List;

/** Defaults for every server; each server's moderators can override them with /settings. */
public record GuildDefaults(
        String auditChannelId,
        List<String> qaChannelIds,
        String moderatorRoleId,
        FeatureSwitches features,
        Boolean delegation) {
    public GuildDefaults {
        auditChannelId = DiscordConfig.blankToNull(auditChannelId);
        qaChannelIds = qaChannelIds == null ? List.of() : List.copyOf(qaChannelIds);
        moderatorRoleId = DiscordConfig.blankToNull(moderatorRoleId);
        features = features == null ? FeatureSwitches.defaults() : features;
        delegation = delegation != null && delegation;
    }

    public static GuildDefaults defaults() {
        return new GuildDefaults(null, null, null, null, null);
    }
}
