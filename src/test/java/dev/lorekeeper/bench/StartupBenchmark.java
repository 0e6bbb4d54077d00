package dev.lorekeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.testing.BotProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real bot process (a new JVM running the CLI) against the Discord double, with H2 on disk and the sample docs:
 * time from process start to READY (gateway session up and this start's command registration accepted by Discord),
 * and until /readyz says the docs index (and so the embedding model) is loaded. Measured twice: a first start that
 * builds the index, and a restart (the headline: the goal is {@link #GOAL_RESTART_READY_MS}).
 * Run: {@code mvn -B -Pbench verify -Dbench.only=startup}.
 */
@Tag("bench-all")
@Tag("bench-startup")
class StartupBenchmark {
    /** The README's goal for a restart to READY. */
    static final long GOAL_RESTART_READY_MS = 8_000;

    @TempDir
    Path work;

    @Test
    void processStartToReady() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "."));
        try (DiscordDouble discord = DiscordDouble.start()) {
            FakeGuild guild = discord.guild("Startup");
            int adminPort = BotProcess.freePort();
            Path config = work.resolve("lorekeeper.yaml");
            Files.writeString(
                    config,
                    BotProcess.config(
                            discord,
                            "jdbc-url: \"jdbc:h2:file:" + work.resolve("db/lorekeeper") + "\"",
                            BotProcess.freePort(),
                            adminPort,
                            root.resolve("config/knowledge"),
                            work.resolve("index")));
            Map<String, Object> figures = new LinkedHashMap<>();
            Map<String, Object> first = start(discord, guild, config, root, adminPort);
            Map<String, Object> restart = start(discord, guild, config, root, adminPort);
            figures.put("first_start", first);
            figures.put("restart", restart);
            long restartReady = (Long) restart.get("ready_ms");
            figures.put("ready_ms", restartReady);
            BenchReport.finish(
                    "startup",
                    "A new bot process (CLI in its own JVM, " + String.join(" ", BotProcess.README_JVM_OPTIONS)
                            + ") against the double, H2 on disk, sample docs: to READY (gateway up, commands"
                            + " registered) and to docs index loaded",
                    "restart " + BenchReport.num(restartReady / 1000.0) + " s to READY, "
                            + BenchReport.num((Long) restart.get("index_loaded_ms") / 1000.0)
                            + " s with the index and embedding model loaded; first start "
                            + BenchReport.num((Long) first.get("ready_ms") / 1000.0) + " s to READY ("
                            + BenchReport.num((Long) first.get("index_loaded_ms") / 1000.0)
                            + " s with the index built)",
                    List.of(BenchReport.Goal.below(
                            "restart to READY", restartReady / 1000.0, GOAL_RESTART_READY_MS / 1000.0, " s")),
                    figures);
        }
    }

    private static Map<String, Object> start(
            DiscordDouble discord, FakeGuild guild, Path config, Path root, int adminPort) throws Exception {
        int sessionsBefore = discord.identifyCount();
        // Commands registered: this start's own PUT of the command list, answered 200 (on a restart the double
        // already holds the list from the first start, so its presence alone would say nothing).
        int registrationsBefore = commandRegistrations(discord);
        long t0 = System.nanoTime();
        Process p = BotProcess.launch(config, root, ProcessBuilder.Redirect.DISCARD, BotProcess.README_JVM_OPTIONS);
        try {
            DiscordDouble.await(
                    () -> discord.identifyCount() > sessionsBefore && discord.connectedSessions() > 0,
                    Duration.ofSeconds(60),
                    "gateway session");
            long gateway = System.nanoTime() - t0;
            DiscordDouble.await(
                    () -> commandRegistrations(discord) > registrationsBefore,
                    Duration.ofSeconds(60),
                    "commands registered");
            long ready = System.nanoTime() - t0;
            BotProcess.awaitReady(adminPort, Duration.ofSeconds(180));
            long indexed = System.nanoTime() - t0;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("gateway_session_ms", gateway / 1_000_000);
            out.put("ready_ms", ready / 1_000_000);
            out.put("index_loaded_ms", indexed / 1_000_000);
            assertThat(guild.member("probe").runs("/about").reply().content()).contains("Docs Q&A**: enabled");
            return out;
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static int commandRegistrations(DiscordDouble discord) {
        return (int) discord.requests("PUT", ".*/applications/\\d+(/guilds/\\d+)?/commands").stream()
                .filter(r -> r.status() == 200)
                .count();
    }
}
