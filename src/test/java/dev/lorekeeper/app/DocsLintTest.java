package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lorekeeper.discord.CommandCatalog;
import dev.lorekeeper.docslint.CommandSurface;
import dev.lorekeeper.testing.TestBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lorekeeper docs lint`: the docs an operator ships send members only to commands that exist. */
class DocsLintTest {
    static final Path ROOT = Path.of(System.getProperty("project.root", "."));

    @Test
    void shippedSampleDocsAndReadmeNameOnlyRealCommands() {
        CliTest.Run r = CliTest.run(
                "docs",
                "lint",
                "--docs",
                ROOT.resolve("config/knowledge").toString(),
                ROOT.resolve("README.md").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("docs OK: ").contains("in 22 files");
    }

    @Test
    void missingCommandSubcommandAndOptionAreNamedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("help.md");
        Files.writeString(doc, """
                # Wallet help

                Run `/wallets remove address:0x12` to drop a wallet, then `/verify adress:0x12`.
                Use the `/embers` command for your balance, or `/wallet list`.
                In `#quest-board`, `/quest choose` picks your Warden.

                ```
                /gate add rol:<@Holder> type:erc721
                ```
                """);
        CliTest.Run r = CliTest.run("docs", "lint", doc.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().toList())
                .containsExactly(
                        doc
                                + ":3: unknown subcommand /wallets remove (/wallets has list, of, unlink; /gate remove exists)",
                        doc + ":3: unknown option adress: in /verify (did you mean address:?)",
                        doc + ":4: unknown command /embers",
                        doc + ":4: unknown command /wallet (did you mean /wallets?)",
                        doc
                                + ":5: unknown subcommand /quest choose (/quest has abandon, log, show, start; /character choose "
                                + "exists)",
                        doc + ":8: unknown option rol: in /gate add (did you mean role:?)",
                        "6 problems");
    }

    @Test
    void pathsUrlsAndProseAroundRealCommandsAreLeftAlone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ops.md"), """
                The admin port serves `/readyz` and /metrics; the image keeps its data in `/data` and reads
                /config/lorekeeper.yaml. See https://example.org/verify/abc and [the page](/about).
                A /verify link lasts 10 minutes; `/gate add` takes `type:json` with `rule:`.
                Prompts end with </untrusted> and either/or choices stay prose.
                """);
        Files.createDirectories(dir.resolve(".lorekeeper-index"));
        Files.writeString(dir.resolve(".lorekeeper-index/notes.txt"), "`/embers shop`\n");
        CliTest.Run r = CliTest.run("docs", "lint", "--docs", dir.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out().strip()).isEqualTo("docs OK: 4 command mentions in 1 files match the bot's commands");
    }

    @Test
    void missingDocsFolderIsExitTwo(@TempDir Path dir) {
        CliTest.Run r =
                CliTest.run("docs", "lint", "--docs", dir.resolve("nope").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --docs " + dir.resolve("nope") + " is not a folder");
    }

    /** The lint checks against CommandCatalog, so the catalog must be exactly what a running bot registers. */
    @Test
    void catalogIsWhatTheRunningBotRegisters() {
        try (TestBot bot = TestBot.start()) {
            bot.discord.awaitBotReady(bot.discord.guild("Catalog Check"));
            List<SlashCommandData> registered = new ArrayList<>();
            for (JsonNode command : bot.discord.registeredCommands(null)) {
                registered.add(SlashCommandData.fromData(DataObject.fromJson(command.toString())));
            }
            assertThat(surfaces(registered)).containsExactlyInAnyOrderElementsOf(surfaces(CommandCatalog.all()));
        }
    }

    private static List<CommandSurface> surfaces(List<SlashCommandData> definitions) {
        return DocsLintCommand.surfaces(definitions);
    }
}
