package dev.lorekeeper.discord;

import java.util.List;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * Every slash command the bot registers, built without a bot: JDA's builders need no connection, so tools such as
 * the docs lint can check text against the real definitions. DocsLintTest compares this list with what a running
 * bot registers, so that a new command cannot be left out.
 */
public final class CommandCatalog {
    private CommandCatalog() {}

    public static List<SlashCommandData> all() {
        return List.of(
                AboutCommand.data(),
                SettingsCommand.data(),
                StatsCommand.data(),
                VerifyCommand.data(),
                WalletsCommand.data(),
                GateCommand.data(),
                AskCommand.data(),
                DocsCommand.data(),
                CharacterCommand.data(),
                QuestCommand.data());
    }
}
