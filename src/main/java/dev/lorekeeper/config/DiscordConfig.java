package dev.lorekeeper.config;

/**
 * How the bot reaches Discord. {@code apiBaseUrl} and {@code gatewayUrl} exist for REST proxies in production and
 * for the protocol double in tests; leave them empty to talk to Discord itself.
 */
public record DiscordConfig(
        @Secret String token,
        String devGuildId,
        String apiBaseUrl,
        String gatewayUrl,
        Boolean mentionAnswering,
        ShardsConfig shards) {

    public DiscordConfig {
        token = token == null ? "" : token.trim();
        devGuildId = blankToNull(devGuildId);
        apiBaseUrl = blankToNull(apiBaseUrl);
        gatewayUrl = blankToNull(gatewayUrl);
        mentionAnswering = mentionAnswering != null && mentionAnswering;
        shards = shards == null ? ShardsConfig.defaults() : shards;
    }

    public static DiscordConfig defaults() {
        return new DiscordConfig(null, null, null, null, null, null);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
