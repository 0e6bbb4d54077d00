package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.testing.BotProcess;
import dev.lorekeeper.testing.Fixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator whose bot cannot reach Discord gets one line naming the host or gateway, the cause and the config key,
 * and exit code 2; the stack trace only with --debug. REST goes to the Discord double unless the case is REST itself.
 */
class DiscordStartupFailureTest {
    @RegisterExtension
    static final Fixture<DiscordDouble> discord = Fixture.of(() -> DiscordDouble.start());

    @TempDir
    Path dir;

    record Run(int exit, String err) {}

    Run run(String token, String apiBaseUrl, String gatewayUrl, boolean debug) throws Exception {
        Path cfg = dir.resolve("lorekeeper.yaml");
        Files.writeString(cfg, """
                discord:
                  token: %s
                  api-base-url: %s
                  gateway-url: %s
                storage:
                  jdbc-url: jdbc:h2:mem:startup-%d
                web:
                  port: 0
                  admin-port: 0
                knowledge:
                  docs: %s
                  index: %s
                """.formatted(
                        token, apiBaseUrl, gatewayUrl, System.nanoTime(), dir.resolve("docs"), dir.resolve("index")));
        StringWriter err = new StringWriter();
        String[] args = debug
                ? new String[] {"--debug", "run", "--config", cfg.toString()}
                : new String[] {"run", "--config", cfg.toString()};
        int exit = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
        return new Run(exit, err.toString());
    }

    static String closedPort() {
        return "127.0.0.1:" + BotProcess.freePort();
    }

    @Test
    void unresolvableApiHostNamesTheDnsFailure() throws Exception {
        Run r = run(
                discord.get().token(),
                "http://nonexistent.invalid/api/v10",
                discord.get().gatewayUrl(),
                false);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("error: cannot reach Discord at nonexistent.invalid: DNS lookup failed "
                        + "(check discord.api-base-url)");
    }

    @Test
    void closedApiPortIsConnectionRefusedAndDebugAddsTheStackTrace() throws Exception {
        String hostPort = closedPort();
        Run r = run(
                discord.get().token(),
                "http://" + hostPort + "/api/v10",
                discord.get().gatewayUrl(),
                false);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("error: cannot reach Discord at " + hostPort + ": connection refused "
                        + "(check discord.api-base-url)");
        Run debug = run(
                discord.get().token(),
                "http://" + hostPort + "/api/v10",
                discord.get().gatewayUrl(),
                true);
        assertThat(debug.exit()).isEqualTo(2);
        assertThat(debug.err()).contains("\tat ", "connection refused");
    }

    @Test
    void closedGatewayPortIsConnectionRefused() throws Exception {
        String gateway = "ws://" + closedPort() + "/gateway";
        Run r = run(discord.get().token(), discord.get().apiBaseUrl(), gateway, false);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("error: cannot reach the Discord gateway at " + gateway
                        + ": connection refused (check discord.gateway-url)");
    }

    @Test
    void unresolvableGatewayHostNamesTheDnsFailure() throws Exception {
        Run r = run(discord.get().token(), discord.get().apiBaseUrl(), "ws://nonexistent.invalid/gateway", false);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("error: cannot reach the Discord gateway at ws://nonexistent.invalid/"
                        + "gateway: DNS lookup failed (check discord.gateway-url)");
    }

    @Test
    void tokenDiscordRejectsIsNamedAsSuch() throws Exception {
        Run r = run("not-the-token", discord.get().apiBaseUrl(), discord.get().gatewayUrl(), false);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("error: Discord rejected the bot token (discord.token): check " + "DISCORD_TOKEN");
    }
}
