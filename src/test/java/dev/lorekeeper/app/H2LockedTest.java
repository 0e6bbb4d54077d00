package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CLI command next to a running bot on the same H2 file says so, instead of blaming the URL and credentials. */
class H2LockedTest {
    @Test
    void sweepNextToAProcessHoldingTheH2FileSaysTheFileIsLocked(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("lk");
        Path script = dir.resolve("hold.sql");
        // Another JVM keeps the database open, as a running bot does.
        Files.writeString(
                script,
                "CREATE ALIAS IF NOT EXISTS HOLD FOR 'java.lang.Thread.sleep(long)';\n"
                        + "CREATE TABLE IF NOT EXISTS ready(x INT);\nCALL HOLD(60000);\n");
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.h2.tools.RunScript",
                        "-url",
                        url,
                        "-script",
                        script.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("holder.log").toFile())
                .start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!Files.exists(dir.resolve("lk.mv.db")) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            Path cfg = dir.resolve("lorekeeper.yaml");
            Files.writeString(cfg, "storage:\n  jdbc-url: \"" + url + "\"\n  connect-timeout: 1s\n");
            CliTest.Run r = CliTest.run("sweep", "--guild", "1", "--dry-run", "--config", cfg.toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip())
                    .isEqualTo("error: cannot open the database at " + url + ": the H2 file is "
                            + "locked by another process: the bot is running with this H2 file; stop it, or use PostgreSQL "
                            + "(storage.jdbc-url) to run both");
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }
}
