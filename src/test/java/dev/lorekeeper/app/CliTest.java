package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    static final String EXAMPLE = Path.of(System.getProperty("project.root", "."), "config", "lorekeeper.example.yaml")
            .toString();

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
    void configCheckPassesOnTheExampleWithItsWarningsApart(@TempDir Path dir) throws Exception {
        // The token comes from the environment, which a test can't set: the copy names one.
        Path example = dir.resolve("lorekeeper.yaml");
        Files.writeString(
                example, Files.readString(Path.of(EXAMPLE)).replace("token: ${DISCORD_TOKEN:-}", "token: abc.def.ghi"));
        Run r = run("config", "check", "--config", example.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("config OK", "storage: H2", "llm: not configured", "shards [0] of 1");
        assertThat(r.err())
                .doesNotContain("error")
                .contains(
                        "warning: 2 things to look at (the bot starts with them):",
                        "  - web.public-url: http://localhost:8080 points at this machine",
                        "  - chains.ethereum.rpc-urls[0]: ethereum-rpc.publicnode.com is a free public RPC");
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
        assertThat(r.err())
                .contains(
                        "4 problems",
                        "discord.token: is empty: set the DISCORD_TOKEN environment",
                        "discord.dev-guild-id: 'my-server' is not a Discord id",
                        "web.prot: unknown key 'prot' (did you mean 'port'?)",
                        "storage.pool-size: 'lots' is not a whole number");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void missingConfigFileIsExitOneWithOneMessageForRunAndCheckAlike() {
        for (String[] args : new String[][] {
            {"run", "--config", "/nonexistent/lorekeeper.yaml"},
            {"config", "check", "--config", "/nonexistent/lorekeeper.yaml"}
        }) {
            Run r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err().strip())
                    .isEqualTo("error: config file /nonexistent/lorekeeper.yaml does not exist "
                            + "(copy config/lorekeeper.example.yaml and pass it with --config)");
        }
    }

    @Test
    void invalidYamlNamesTheLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.yaml");
        Files.writeString(bad, "discord:\n  token: x\n web: [\n");
        for (String command : new String[] {"run", "config check"}) {
            Run r = run((command + " --config " + bad).split(" "));
            assertThat(r.exit()).as(command).isEqualTo(1);
            assertThat(r.err()).contains("is not valid YAML at line").doesNotContain("\tat ");
        }
    }

    @Test
    void missingTokenFailsRunAndConfigCheckWithTheSameLine(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("notoken.yaml");
        Files.writeString(cfg, "discord:\n  token: \"\"\n");
        Run run = run("run", "--config", cfg.toString());
        Run check = run("config", "check", "--config", cfg.toString());
        String line = "discord.token: is empty: set the DISCORD_TOKEN environment variable to your bot's token "
                + "(Discord Developer Portal > your application > Bot > Reset Token)";
        assertThat(run.exit()).isEqualTo(1);
        assertThat(check.exit()).isEqualTo(1);
        assertThat(run.err()).contains(line);
        assertThat(check.err()).contains(line);
        assertThat(check.out()).doesNotContain("config OK");
    }

    @Test
    void configCheckNamesEveryBadValue(@TempDir Path dir) throws Exception {
        Path prompts = Files.createDirectory(dir.resolve("prompts"));
        Files.writeString(
                prompts.resolve("answer-user.md"),
                "<untrusted_passages>\n{{pasages}}\n" + "</untrusted_passages>\n" + "{{question}}\n");
        Files.writeString(prompts.resolve("offline-narrator.yaml"), "archetypes: [\n");
        Path bad = dir.resolve("bad-values.yaml");
        Files.writeString(bad, """
                discord:
                  token: ""
                  shards: { total: 2, ids: "1-0" }
                web:
                  bind: not an ip
                  public-url: https://verify.example.org
                llm:
                  timeout: 0s
                  prompts: "%s"
                chains:
                  base: { chain-id: 8453, rpc-urls: [ "https://rpc.example/base" ] }
                gating:
                  confirmations: -4
                  log-block-range: 0
                  multicall: "0xca11bd"
                metadata:
                  ipfs-gateways: [ "ftp://gw.example/ipfs/" ]
                knowledge:
                  top-k: -3
                  docs: "%s"
                gates:
                  - guild-id: "111111111111111111"
                    role-id: "222222222222222222"
                    rule: { type: erc721, chain: base, contract: "0x0000000000000000000000000000000000000001",
                            token-ids: [ "100-1" ] }
                """.formatted(prompts, dir.resolve("no-docs-here")));
        Run r = run("config", "check", "--config", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("config OK");
        assertThat(r.err())
                .contains(
                        "discord.token: is empty",
                        "discord.shards.ids: '1-0'",
                        "web.bind: 'not an ip'",
                        "llm.timeout: 0s is not a duration above zero",
                        "gating.confirmations: -4 is out of range",
                        "gating.log-block-range: 0 is out of range",
                        "gating.multicall: '0xca11bd' is not a contract address",
                        "metadata.ipfs-gateways[0]: 'ftp://gw.example/ipfs/' is not an http(s) gateway URL",
                        "knowledge.top-k: -3 is out of range",
                        "knowledge.docs: folder " + dir.resolve("no-docs-here") + " does not exist",
                        "gates[0].rule.token-ids[0]",
                        prompts.resolve("answer-user.md") + ": unknown placeholder {{pasages}} (this template knows "
                                + "{{passages}}, {{question}})",
                        prompts.resolve("offline-narrator.yaml") + ": is not valid YAML");
        assertThat(r.err())
                .contains(
                        "warning: 1 thing to look at",
                        prompts.resolve("answer-user.md") + ": does not use {{passages}}, so the model never sees it");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        Run start = run("run", "--config", bad.toString());
        assertThat(start.exit()).isEqualTo(1);
        assertThat(start.err()).contains("unknown placeholder {{pasages}}", "offline-narrator.yaml: is not valid YAML");
    }

    @Test
    void unopenableDatabaseIsExitTwoWithoutStackTrace(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("baddb.yaml");
        Files.writeString(
                cfg,
                "discord:\n  token: abc.def\nstorage:\n  jdbc-url: jdbc:postgresql://127.0.0.1:1/x\n  connect-timeout: 500ms\n");
        Run r = run("run", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: cannot open the database").doesNotContain("\tat ");
        Run debug = run("--debug", "run", "--config", cfg.toString());
        assertThat(debug.err()).contains("\tat ");
    }

    @Test
    void configCheckNeverPrintsTheDatabasePassword(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("withpassword.yaml");
        Files.writeString(
                cfg,
                "discord:\n  token: abc.def\nstorage:\n  jdbc-url: \"jdbc:h2:file:./data/lk;"
                        + "PASSWORD=hunter22\"\n");
        Run r = run("config", "check", "--config", cfg.toString());
        assertThat(r.out()).contains("H2 jdbc:h2:file:./data/lk;PASSWORD=****").doesNotContain("hunter22");
    }
}
