package dev.lorekeeper.testing;

import dev.lorekeeper.app.Configs;
import dev.lorekeeper.app.Lorekeeper;
import dev.lorekeeper.config.LoadedConfig;
import dev.lorekeeper.discorddouble.DiscordDouble;
import java.util.Map;

/**
 * The real bot, wired exactly as in production, connected to a Discord double and an in-memory H2. Start it once
 * per test class; {@code extraYaml} adds config sections for the feature under test.
 */
public final class TestBot implements AutoCloseable {
    public final DiscordDouble discord;
    public final String jdbcUrl;
    public final int webPort = BotProcess.freePort();
    public final int adminPort = BotProcess.freePort();
    private Lorekeeper app;
    private final String extraYaml;
    private final String discordExtra;
    private String webExtra = "";

    private TestBot(DiscordDouble discord, String jdbcUrl, String extraYaml, String discordExtra) {
        this.discord = discord;
        this.jdbcUrl = jdbcUrl;
        this.extraYaml = extraYaml;
        this.discordExtra = discordExtra;
    }

    /** With the dashboard on: {@code web.oauth} pointed at the double's OAuth2, with its client id and secret. */
    public static TestBot startWithDashboard(String extraYaml) {
        TestBot bot = new TestBot(DiscordDouble.start(), TestDatabases.h2Url(), extraYaml, "");
        bot.webExtra =
                """
                oauth:
                  client-id: "%s"
                  client-secret: "%s"
                  base-url: %s
                """.formatted(bot.discord.oauthClientId(), bot.discord.oauthClientSecret(), bot.discord.oauthBaseUrl());
        bot.startApp();
        return bot;
    }

    /** With {@code web.trusted-proxies} set to 127.0.0.1: the test's requests come as if through a reverse proxy. */
    public static TestBot startBehindLocalProxy(String extraYaml) {
        TestBot bot = new TestBot(DiscordDouble.start(), TestDatabases.h2Url(), extraYaml, "");
        bot.webExtra = "trusted-proxies: [ 127.0.0.1 ]";
        bot.startApp();
        return bot;
    }

    public static TestBot start() {
        return start("");
    }

    public static TestBot start(String extraYaml) {
        TestBot bot = new TestBot(DiscordDouble.start(), TestDatabases.h2Url(), extraYaml, "");
        bot.startApp();
        return bot;
    }

    /**
     * Sets up the double before the bot connects (so its guild comes in READY), with extra keys under
     * {@code discord:} that may depend on that guild, such as {@code dev-guild-id}.
     */
    public static TestBot startWith(
            java.util.function.Function<DiscordDouble, dev.lorekeeper.discorddouble.FakeGuild> setup,
            java.util.function.Function<dev.lorekeeper.discorddouble.FakeGuild, String> discordKeys) {
        DiscordDouble d = DiscordDouble.start();
        String keys = discordKeys.apply(setup.apply(d));
        TestBot bot = new TestBot(d, TestDatabases.h2Url(), "", keys);
        bot.startApp();
        return bot;
    }

    /** On a given database (PostgreSQL as user postgres), with a short connect timeout so outages show quickly. */
    public static TestBot startOn(String jdbcUrl, String extraYaml) {
        TestBot bot = new TestBot(DiscordDouble.start(), jdbcUrl, extraYaml, "");
        bot.startApp();
        return bot;
    }

    /** Extra keys under {@code discord:} plus other sections. */
    public static TestBot start(String discordKeys, String extraYaml) {
        TestBot bot = new TestBot(DiscordDouble.start(), TestDatabases.h2Url(), extraYaml, discordKeys);
        bot.startApp();
        return bot;
    }

    public String yaml() {
        return BotProcess.discordSection(discord, discordExtra)
                + """
                storage:
                  jdbc-url: "%s"
                %s
                web:
                  bind: 127.0.0.1
                  port: %d
                  public-url: http://127.0.0.1:%d
                  admin-bind: 127.0.0.1
                  admin-port: %d
                %s
                """.formatted(
                        jdbcUrl,
                        jdbcUrl.startsWith("jdbc:postgresql:") ? "  username: postgres\n  connect-timeout: 2s" : "",
                        webPort,
                        webPort,
                        adminPort,
                        webExtra.strip().indent(2).stripTrailing())
                // Tests that are not about Q&A run without docs, so no embedding model is loaded.
                + (extraYaml.contains("knowledge:") ? "" : "knowledge:\n  docs: target/no-docs-in-this-test\n")
                + extraYaml;
    }

    public LoadedConfig config() {
        return Configs.loader(Map.of()).parse(yaml(), null);
    }

    /** Starts (or restarts) the bot process on the same database and double. */
    public void startApp() {
        app = Lorekeeper.start(config());
    }

    public void stopApp() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    public String webUrl() {
        return "http://127.0.0.1:" + webPort;
    }

    /** The admin listener: {@code /readyz} and {@code /metrics}. */
    public String adminUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    public Lorekeeper app() {
        return app;
    }

    @Override
    public void close() {
        stopApp();
        discord.close();
    }
}
