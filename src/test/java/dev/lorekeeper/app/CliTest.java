package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    static final String EXAMPLE = Path.of(System.getProperty("project.root", "."), "config",
            "lorekeeper.example.yaml").toString();

    @Test
    void helpListsSubcommands() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("run", "config", "--version");
    }

    @Test
    void versionPrintsTheBuildVersion() {
        Run r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Lorekeeper ").doesNotContain("unknown");
    }

    @Test
    void configCheckPassesOnTheExample() {
        Run r = run("config", "check", "--config", EXAMPLE);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("config OK", "storage: H2", "llm: not configured");
    }

    @Test
    void configCheckListsEveryMistakeWithItsPathAndExitsOne(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                discord:
                  dev-guild-id: my-server
                web:
                  prot: 8080
                storage:
                  pool-size: lots
                """);
        Run r = run("config", "check", "--config", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("3 problems",
                "discord.dev-guild-id: 'my-server' is not a Discord id",
                "web.prot: unknown key 'prot' (did you mean 'port'?)",
                "storage.pool-size: 'lots' is not a whole number");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void missingConfigFileIsExitTwoWithOneMessage() {
        Run r = run("run", "--config", "/nonexistent/lorekeeper.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: config file /nonexistent/lorekeeper.yaml does not exist "
                + "(copy config/lorekeeper.example.yaml and pass it with --config)");
    }

    @Test
    void invalidYamlNamesTheLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.yaml");
        Files.writeString(bad, "discord:\n  token: x\n web: [\n");
        Run r = run("run", "--config", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is not valid YAML at line").doesNotContain("\tat ");
    }

    @Test
    void missingTokenIsExitTwo(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("notoken.yaml");
        Files.writeString(cfg, "discord:\n  token: \"\"\n");
        Run r = run("run", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("discord.token is empty").contains("DISCORD_TOKEN");
    }

    @Test
    void unopenableDatabaseIsExitTwoWithoutStackTrace(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("baddb.yaml");
        Files.writeString(cfg, "discord:\n  token: abc.def\nstorage:\n  jdbc-url: jdbc:postgresql://127.0.0.1:1/x\n  connect-timeout: 500ms\n");
        Run r = run("run", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: cannot open the database").doesNotContain("\tat ");
        Run debug = run("--debug", "run", "--config", cfg.toString());
        assertThat(debug.err()).contains("\tat ");
    }

    @Test
    void configCheckNeverPrintsTheDatabasePassword(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("withpassword.yaml");
        Files.writeString(cfg, "discord:\n  token: abc.def\nstorage:\n  jdbc-url: \"jdbc:h2:file:./data/lk;"
                + "PASSWORD=hunter22\"\n");
        Run r = run("config", "check", "--config", cfg.toString());
        assertThat(r.out()).contains("H2 jdbc:h2:file:./data/lk;PASSWORD=****").doesNotContain("hunter22");
    }
}
