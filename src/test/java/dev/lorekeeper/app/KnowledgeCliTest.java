package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ingest, ask and eval work on the bot's own docs and index unless told otherwise. */
class KnowledgeCliTest {
    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(
                docs.resolve("minting.md"),
                "# Minting\n\n## Price\n\nA Warden costs 0.05 ETH to mint.\n\n"
                        + "## Limits\n\nEach wallet may mint three Wardens.\n");
        Files.writeString(
                docs.resolve("staking.md"), "# Staking\n\n## Embers\n\nStaked Wardens earn Embers every " + "day.\n");
        Path cfg = dir.resolve("lorekeeper.yaml");
        Files.writeString(
                cfg,
                "knowledge:\n  docs: \"" + docs + "\"\n  index: \"" + dir.resolve("bot-index") + "\"\n  top-k: 2\n");
        return cfg;
    }

    @Test
    void ingestWithoutFlagsBuildsTheBotsIndexFromTheConfig() throws Exception {
        Path cfg = config();
        CliTest.Run r = CliTest.run("ingest", "--config", cfg.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("indexed 2 files", "index in " + dir.resolve("bot-index"));
        assertThat(dir.resolve("bot-index")).isDirectory();
        assertThat(dir.resolve("docs").resolve(".lorekeeper-index")).doesNotExist();

        CliTest.Run ask = CliTest.run(
                "ask", "--config", cfg.toString(), "--retrieval-only", "--json", "how much does a warden cost");
        assertThat(ask.exit()).as(ask.err()).isZero();
        assertThat(ask.out()).contains("\"path\":\"minting.md\"");
    }

    @Test
    void aMissingDocsFolderSaysWhereItCameFrom() throws Exception {
        Path cfg = dir.resolve("lorekeeper.yaml");
        Files.writeString(cfg, "knowledge:\n  docs: \"" + dir.resolve("nowhere") + "\"\n");
        CliTest.Run r = CliTest.run("ingest", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip())
                .isEqualTo("error: the docs folder " + dir.resolve("nowhere") + " does not exist "
                        + "(knowledge.docs in the config); give a folder of Markdown docs");
    }

    @Test
    void showMissesListsWhatWasNotRankedFirstWithItsRank() throws Exception {
        Path cfg = config();
        Path questions = dir.resolve("q.jsonl");
        Files.writeString(questions, """
                {"q": "how much does a warden cost to mint", "file": "minting.md", "heading": "Price"}
                {"q": "how much does a warden cost to mint", "file": "staking.md", "heading": "Embers"}
                {"q": "how much does a warden cost to mint", "file": "minting.md", "heading": "Refunds"}
                """);
        CliTest.Run r =
                CliTest.run("eval", "--config", cfg.toString(), "--questions", questions.toString(), "--show-misses");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .doesNotContain("expected minting.md › Price")
                .containsPattern(
                        "MISS how much does a warden cost to mint  \\(expected staking.md › Embers: rank " + "[2-9]\\)")
                .contains("MISS how much does a warden cost to mint  (expected minting.md › Refunds: not in the top "
                        + "5)");
    }
}
