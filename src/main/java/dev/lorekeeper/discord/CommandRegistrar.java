package dev.lorekeeper.discord;

import java.util.List;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the slash commands once the client is ready: in one server when {@code discord.dev-guild-id} is set
 * (changes show instantly while developing), globally otherwise (Discord may take up to an hour to show them).
 */
public final class CommandRegistrar extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(CommandRegistrar.class);

    private final List<SlashCommand> commands;
    private final String devGuildId;

    public CommandRegistrar(List<SlashCommand> commands, String devGuildId) {
        this.commands = List.copyOf(commands);
        this.devGuildId = devGuildId;
    }

    @Override
    public void onReady(ReadyEvent event) {
        List<CommandData> data =
                commands.stream().<CommandData>map(SlashCommand::definition).toList();
        if (devGuildId == null) {
            if (event.getJDA().getShardInfo().getShardId() != 0) {
                return; // global commands are registered once, by whichever process runs shard 0
            }
            event.getJDA()
                    .updateCommands()
                    .addCommands(data)
                    .queue(
                            ok -> log.info("registered {} global commands", ok.size()),
                            e -> log.error("registering global commands failed: {}", e.getMessage()));
            return;
        }
        Guild guild = event.getJDA().getGuildById(devGuildId);
        if (guild == null && event.getJDA().getShardInfo().getShardTotal() > 1) {
            return; // the dev guild lives on another shard
        }
        if (guild == null) {
            log.error(
                    "discord.dev-guild-id {} is not a server this bot is in; invite the bot there or clear the key",
                    devGuildId);
            return;
        }
        guild.updateCommands()
                .addCommands(data)
                .queue(
                        ok -> log.info("registered {} commands in dev guild {}", ok.size(), devGuildId),
                        e -> log.error("registering commands in dev guild failed: {}", e.getMessage()));
    }
}
