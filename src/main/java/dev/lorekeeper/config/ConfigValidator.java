package dev.lorekeeper.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks what binding can not: values that are well-typed but unusable, and references between sections. */
final class ConfigValidator {
    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{15,21}");
    private static final int MIN_ADMIN_TOKEN_LENGTH = 16;

    private final List<ConfigProblem> problems = new ArrayList<>();

    List<ConfigProblem> validate(LorekeeperConfig config) {
        discord(config.discord());
        storage(config.storage());
        web(config.web());
        llm(config.llm());
        characters(config);
        config.chains().forEach(this::chain);
        verification(config);
        gates(config);
        for (int i = 0; i < config.knowledge().pages().size(); i++) {
            url("knowledge.pages[" + i + "]", config.knowledge().pages().get(i), "http", "https");
        }
        url("knowledge.base-url", config.knowledge().baseUrl(), "http", "https");
        if (config.knowledge().minRelevance() < 0 || config.knowledge().minRelevance() > 1) {
            add("knowledge.min-relevance", "must be between 0 and 1 (cosine similarity; 0.6 suits bge-small)");
        }
        guildDefaults(config.guildDefaults());
        problems.addAll(new ConfigLimits().check(config));
        return problems;
    }

    private void discord(DiscordConfig d) {
        snowflake("discord.dev-guild-id", d.devGuildId());
        url("discord.api-base-url", d.apiBaseUrl(), "http", "https");
        url("discord.gateway-url", d.gatewayUrl(), "ws", "wss");
        if (d.shards().total() < 1) {
            add("discord.shards.total", "must be at least 1");
        } else {
            try {
                d.shards().idList();
            } catch (IllegalArgumentException e) {
                add("discord.shards.ids", e.getMessage());
            }
        }
    }

    private void storage(StorageConfig s) {
        String url = s.jdbcUrl().toLowerCase(Locale.ROOT);
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            add(
                    "storage.jdbc-url",
                    "'" + s.jdbcUrl() + "' is not supported (use jdbc:h2:file:./data/lorekeeper "
                            + "or jdbc:postgresql://host:5432/lorekeeper)");
        }
        if (s.poolSize() < 1 || s.poolSize() > 200) {
            add("storage.pool-size", s.poolSize() + " is out of range (1 to 200)");
        }
    }

    private void web(WebConfig w) {
        tcpPort("web.port", w.port());
        tcpPort("web.admin-port", w.adminPort());
        ipAddress("web.bind", w.bind());
        ipAddress("web.admin-bind", w.adminBind());
        if (w.port() != 0 && w.port().equals(w.adminPort())) {
            add("web.admin-port", w.adminPort() + " is also web.port; /readyz and /metrics need their own port");
        }
        if (!w.adminToken().isEmpty() && w.adminToken().length() < MIN_ADMIN_TOKEN_LENGTH) {
            add(
                    "web.admin-token",
                    "is too short: use at least " + MIN_ADMIN_TOKEN_LENGTH + " random characters "
                            + "(e.g. from openssl rand -hex 32), set from the environment");
        }
        url("web.public-url", w.publicUrl(), "http", "https");
        url("web.oauth.base-url", w.oauth().baseUrl(), "http", "https");
        if (w.oauth().enabled() && w.oauth().clientSecret().isEmpty()) {
            add(
                    "web.oauth.client-secret",
                    "is empty; the dashboard needs the client secret from the Developer Portal "
                            + "(your application → OAuth2 → Client Secret), set from the environment");
        }
        if (w.oauth().enabled() && !SNOWFLAKE.matcher(w.oauth().clientId()).matches()) {
            add(
                    "web.oauth.client-id",
                    "'" + w.oauth().clientId() + "' is not a client id (the number under OAuth2 → Client ID)");
        }
        if (w.oauth().sessionIdle().isNegative()
                || w.oauth().sessionIdle().isZero()
                || w.oauth().sessionMax().compareTo(w.oauth().sessionIdle()) < 0) {
            add("web.oauth.session-idle", "must be positive and no longer than web.oauth.session-max");
        }
    }

    private void tcpPort(String path, int port) {
        if (port < 0 || port > 65535) {
            add(path, port + " is not a TCP port (0 to 65535; 0 picks a free one)");
        }
    }

    private void ipAddress(String path, String value) {
        if (IpLiteral.parse(value).isEmpty()) {
            add(
                    path,
                    "'" + value + "' is not an IP address (e.g. 0.0.0.0 for every interface, 127.0.0.1 for "
                            + "this machine only, or :: for IPv6)");
        }
    }

    private void llm(LlmConfig l) {
        if (l.baseUrl().isEmpty() != l.model().isEmpty()) {
            add(
                    l.baseUrl().isEmpty() ? "llm.base-url" : "llm.model",
                    "is empty; set both llm.base-url and llm.model, or neither to run offline");
        }
        url("llm.base-url", l.baseUrl().isEmpty() ? null : l.baseUrl(), "http", "https");
        if (l.maxConcurrent() < 1) {
            add("llm.max-concurrent", "must be at least 1");
        }
        if (l.dailyTokensPerMember() < 0) {
            add("llm.daily-tokens-per-member", "must be 0 (unlimited) or more");
        }
        if (l.dailyTokensPerGuild() < 0) {
            add("llm.daily-tokens-per-guild", "must be 0 (unlimited) or more");
        }
        if (l.dailyTokensTotal() < 0) {
            add("llm.daily-tokens-total", "must be 0 (unlimited) or more");
        }
        if (l.maxOutputTokens() < 16) {
            add("llm.max-output-tokens", "must be at least 16 (a reply's tokens are capped at this)");
        }
        if (l.workThreads() < 1) {
            add("llm.work-threads", "must be at least 1");
        }
        if (l.workQueue() < 0) {
            add("llm.work-queue", "must be 0 or more");
        }
        for (int i = 0; i < l.allowedLinkDomains().size(); i++) {
            String d = l.allowedLinkDomains().get(i).strip();
            if (!d.matches("(?i)(https?://)?[a-z0-9-]+(\\.[a-z0-9-]+)+/?")) {
                add(
                        "llm.allowed-link-domains[" + i + "]",
                        "'" + d + "' is not a domain name (for example docs.example.org)");
            }
        }
    }

    private void characters(LorekeeperConfig config) {
        CharactersConfig c = config.characters();
        for (int i = 0; i < c.collections().size(); i++) {
            CharactersConfig.Collection col = c.collections().get(i);
            String path = "characters.collections[" + i + "]";
            if (col.chain() == null || !config.chains().containsKey(col.chain())) {
                add(
                        path + ".chain",
                        "'" + col.chain() + "' is not a chain under chains: (have "
                                + config.chains().keySet() + ")");
            }
            if (col.contract() == null || !col.contract().matches("0x[0-9a-fA-F]{40}")) {
                add(path + ".contract", "must be a 0x-prefixed 40-hex-digit contract address");
            }
            if (!col.standard().equals("erc721") && !col.standard().equals("erc1155")) {
                add(path + ".standard", "'" + col.standard() + "' is not erc721 or erc1155");
            }
        }
        if (c.summaryEvery() < 1) {
            add("characters.summary-every", "must be at least 1 (events between memory summaries)");
        }
        if (c.memoryTokens() < 50 || c.memoryTokens() > 4000) {
            add("characters.memory-tokens", c.memoryTokens() + " is out of range (50 to 4000)");
        }
    }

    private void chain(String name, ChainConfig c) {
        String path = "chains." + name;
        if (c.chainId() == null || c.chainId() <= 0) {
            add(path + ".chain-id", "is required: the chain's numeric id (1 for Ethereum, 8453 for Base)");
        }
        if (c.rpcUrls().isEmpty()) {
            add(path + ".rpc-urls", "needs at least one RPC URL");
        }
        for (int i = 0; i < c.rpcUrls().size(); i++) {
            // The URL may hold an API key: name the index, never echo the value.
            if (!hasScheme(c.rpcUrls().get(i), "http", "https", "ws", "wss")) {
                add(path + ".rpc-urls[" + i + "]", "is not an http(s) or ws(s) URL");
            }
        }
    }

    private void gates(LorekeeperConfig config) {
        for (int i = 0; i < config.gates().size(); i++) {
            GateConfig g = config.gates().get(i);
            String path = "gates[" + i + "]";
            if (g.guildId() == null) {
                add(path + ".guild-id", "is required: the server's id");
            } else {
                snowflake(path + ".guild-id", g.guildId());
            }
            if (g.roleId() == null) {
                add(path + ".role-id", "is required: the id of the role this gate gives");
            } else {
                snowflake(path + ".role-id", g.roleId());
            }
        }
        GatingConfig gating = config.gating();
        if (gating.pollInterval().compareTo(java.time.Duration.ofMillis(200)) < 0) {
            add("gating.poll-interval", "must be at least 200ms");
        }
        if (gating.batchSize() < 1 || gating.batchSize() > 5000) {
            add("gating.batch-size", "must be between 1 and 5000");
        }
        if (gating.roleChangesPerTenSeconds() < 1) {
            add("gating.role-changes-per-ten-seconds", "must be at least 1");
        }
        cacheBytes("gating.cache-max-bytes", gating.cacheMaxBytes());
        cacheBytes("metadata.cache-max-bytes", config.metadata().cacheMaxBytes());
    }

    private void verification(LorekeeperConfig config) {
        VerificationConfig v = config.verification();
        if (v.chain() != null && !config.chains().containsKey(v.chain())) {
            add("verification.chain", knownChain(v.chain(), config));
        }
        if (v.sessionTtl().compareTo(java.time.Duration.ofMinutes(1)) < 0
                || v.sessionTtl().compareTo(java.time.Duration.ofHours(1)) > 0) {
            add("verification.session-ttl", "must be between 1m and 1h");
        }
    }

    /** "unknown chain 'polygn' (known: ethereum, base)", naming the nearest when it looks like a typo. */
    static String knownChain(String name, LorekeeperConfig config) {
        String known = config.chains().isEmpty()
                ? "none are configured; add one under chains:"
                : "known: " + String.join(", ", config.chains().keySet());
        String hint = Names.nearest(name, config.chains().keySet())
                .map(n -> "; did you mean '" + n + "'?")
                .orElse("");
        return "unknown chain '" + name + "' (" + known + hint + ")";
    }

    private void guildDefaults(GuildDefaults g) {
        snowflake("guild-defaults.audit-channel-id", g.auditChannelId());
        snowflake("guild-defaults.moderator-role-id", g.moderatorRoleId());
        for (int i = 0; i < g.qaChannelIds().size(); i++) {
            snowflake(
                    "guild-defaults.qa-channel-ids[" + i + "]", g.qaChannelIds().get(i));
        }
    }

    private void cacheBytes(String path, long bytes) {
        if (bytes < 1024 * 1024) {
            add(path, bytes + " is too small: give bytes, at least 1048576 (1 MB); 33554432 is 32 MB");
        }
    }

    private void snowflake(String path, String value) {
        if (value != null && !SNOWFLAKE.matcher(value).matches()) {
            add(path, "'" + value + "' is not a Discord id (turn on Developer Mode, right-click, Copy ID)");
        }
    }

    private void url(String path, String value, String... schemes) {
        if (value != null && !hasScheme(value, schemes)) {
            add(path, "'" + value + "' is not a valid " + String.join("/", schemes) + " URL");
        }
    }

    static boolean hasScheme(String value, String... schemes) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null) {
                return false;
            }
            for (String s : schemes) {
                if (s.equalsIgnoreCase(uri.getScheme())) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private void add(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }
}
