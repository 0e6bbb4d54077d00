package dev.lorekeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.testing.BotProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real bot process (a new JVM running the CLI) against the Discord double, with H2 on disk and the sample docs:
 * time from process start to READY (gateway session up, commands registered), and until /readyz says the docs index
 * (and so the embedding model) is loaded. Measured twice: a first start that builds the index, and a restart.
 * Run: {@code mvn -B -Pbench verify -Dbench.only=startup}.
 */
@Tag("bench-all")
@Tag("bench-startup")
class StartupBenchmark {
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
            figures.put("first_start", start(discord, guild, config, root, adminPort));
            figures.put("restart", start(discord, guild, config, root, adminPort));
            Map<?, ?> restart = (Map<?, ?>) figures.get("restart");
            figures.put("ready_ms", restart.get("ready_ms"));
            BenchReport.write("startup", figures);
            for (String run : java.util.List.of("first_start", "restart")) {
                assertThat((Long) ((Map<?, ?>) figures.get(run)).get("ready_ms"))
                        .as(run + " to READY")
                        .isLessThan(8_000L);
            }
        }
    }

    private static Map<String, Object> start(
            DiscordDouble discord, FakeGuild guild, Path config, Path root, int adminPort) throws Exception {
        int sessionsBefore = discord.identifyCount();
        long t0 = System.nanoTime();
        Process p = BotProcess.launch(config, root, ProcessBuilder.Redirect.DISCARD, BotProcess.README_JVM_OPTIONS);
        try {
            DiscordDouble.await(
                    () -> discord.identifyCount() > sessionsBefore
                            && discord.connectedSessions() > 0
                            && discord.registeredCommands(null).size() > 0,
                    Duration.ofSeconds(60),
                    "READY");
            long ready = System.nanoTime() - t0;
            BotProcess.awaitReady(adminPort, Duration.ofSeconds(180));
            long indexed = System.nanoTime() - t0;
            Map<String, Object> out = new LinkedHashMap<>();
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
}
