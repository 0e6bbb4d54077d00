package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.BotProcess;
import dev.lorekeeper.testing.RpcProxy;
import dev.lorekeeper.testing.StubLlm;
import dev.lorekeeper.testing.TestContracts;
import dev.lorekeeper.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.web3j.abi.datatypes.Utf8String;

/**
 * Every configured secret stays out of the log, with everything at DEBUG, JDA's and Hikari's loggers included (their
 * own config keeps them quieter): the Discord token, the database password inside a PostgreSQL URL, an RPC URL with
 * a key in its path, the LLM API key, the admin token and the dashboard's OAuth2 client secret.
 */
class SecretLoggingTest {
    /** Loggers whose level the test raises to DEBUG, with the appender that captures them all. */
    private static final List<String> DEBUG_LOGGERS =
            List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "net.dv8tion", "com.zaxxer.hikari");

    @Test
    void noConfiguredSecretAppearsInLogOutput() throws Exception {
        String dbPassword = "db-" + UUID.randomUUID();
        String rpcKey = "rpckey" + UUID.randomUUID().toString().replace("-", "");
        String llmKey = "sk-" + UUID.randomUUID();
        String adminToken = "admin-" + UUID.randomUUID();
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = appender(ctx, captured);
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Map<Logger, Level> before = new LinkedHashMap<>();
        DEBUG_LOGGERS.forEach(
                name -> before.put(ctx.getLogger(name), ctx.getLogger(name).getLevel()));
        root.addAppender(appender);
        before.keySet().forEach(l -> l.setLevel(Level.DEBUG));
        try (Anvil anvil = Anvil.start();
                RpcProxy rpc = new RpcProxy(anvil.url());
                StubLlm llm = new StubLlm();
                DiscordDouble discord = DiscordDouble.start()) {
            String rpcUrl = rpc.url() + "/v3/" + rpcKey;
            int webPort = BotProcess.freePort();
            // A gate makes the chain watcher read the chain, through the keyed URL.
            FakeGuild guild = discord.guild("Secrets");
            String nft = TestContracts.deploy(
                    anvil, "TestNftEnumerable", anvil.accounts().get(0), List.of(new Utf8String("x")));
            String yaml = BotProcess.discordSection(discord, "")
                    + """
                    storage:
                      jdbc-url: "%s&password=%s"
                      username: postgres
                    chains:
                      anvil:
                        chain-id: %d
                        rpc-urls: [ "%s" ]
                    llm:
                      base-url: %s
                      model: stub-model
                      api-key: %s
                    web:
                      bind: 127.0.0.1
                      port: %d
                      admin-bind: 127.0.0.1
                      admin-port: %d
                      admin-token: %s
                      public-url: http://127.0.0.1:%d
                      oauth:
                        client-id: "%s"
                        client-secret: "%s"
                        base-url: %s
                    knowledge:
                      docs: target/no-docs-in-this-test
                    gates:
                      - guild-id: "%d"
                        role-id: "%d"
                        name: Holders
                        rule: { type: erc721, chain: anvil, contract: "%s" }
                    """.formatted(
                                    TestDatabases.postgresqlUrl(),
                                    dbPassword,
                                    anvil.chainId(),
                                    rpcUrl,
                                    llm.baseUrl(),
                                    llmKey,
                                    webPort,
                                    BotProcess.freePort(),
                                    adminToken,
                                    webPort,
                                    discord.oauthClientId(),
                                    discord.oauthClientSecret(),
                                    discord.oauthBaseUrl(),
                                    guild.id(),
                                    guild.role("Holder").id(),
                                    nft);
            Lorekeeper bot = Lorekeeper.start(Configs.loader(Map.of()).parse(yaml, null));
            try {
                discord.awaitBotReady(guild);
                guild.member("eve").runs("/about").reply();
                int rpcCalls = rpc.requests();
                DiscordDouble.await(
                        () -> rpc.requests() > rpcCalls,
                        java.time.Duration.ofSeconds(30),
                        "the chain is read through the keyed URL");
                assertThat(adminGet(webPort, adminToken))
                        .as("the admin token is accepted")
                        .isIn(200, 503);
                // A dashboard login sends the OAuth2 client secret to Discord's token endpoint.
                new dev.lorekeeper.testing.DashboardClient("http://127.0.0.1:" + webPort, discord)
                        .logIn(guild.owner().user());
            } finally {
                bot.close();
            }
            // A careless log line quoting a secret must be masked too.
            for (String secret :
                    List.of(discord.token(), dbPassword, rpcUrl, llmKey, adminToken, discord.oauthClientSecret())) {
                LoggerFactory.getLogger("careless")
                        .warn("secret is {}", secret, new IllegalStateException("failed with " + secret));
            }
            String log = captured.toString(StandardCharsets.UTF_8);
            assertThat(log)
                    .as("JDA and Hikari were heard at DEBUG")
                    .contains("Login Successful")
                    .containsPattern("DEBUG .*] n\\.d\\.j\\.")
                    .containsPattern("DEBUG .*] c\\.(z|zaxxer)\\.h");
            assertThat(log).contains("secret is ****", "failed with ****");
            for (String secret :
                    List.of(discord.token(), dbPassword, rpcKey, llmKey, adminToken, discord.oauthClientSecret())) {
                assertThat(log).doesNotContain(secret);
            }
        } finally {
            before.forEach(Logger::setLevel);
            root.detachAppender(appender);
        }
    }

    /** An appender with the console's pattern, so the masking converters run as in production. */
    private static OutputStreamAppender<ILoggingEvent> appender(LoggerContext ctx, ByteArrayOutputStream out) {
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>)
                ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(((PatternLayoutEncoder) console.getEncoder()).getPattern());
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(ctx);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        return appender;
    }

    /** The public port serves /readyz to a request that carries the admin token. */
    private static int adminGet(int webPort, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/readyz"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
