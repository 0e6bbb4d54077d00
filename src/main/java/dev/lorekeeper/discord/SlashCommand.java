package dev.lorekeeper.discord;

import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * One slash command, in one class. Buttons and modals whose {@link ComponentId} names this command come back to it.
 * Handlers run on the event pool; anything slower than a database read (a model, the docs index, a chain read)
 * goes to {@link ReplyWorkers}.
 */
public interface SlashCommand {
    SlashCommandData definition();

    default String name() {
        return definition().getName();
    }

    void onSlash(SlashCommandInteractionEvent event);

    default void onButton(ButtonInteractionEvent event, ComponentId id) {
        event.reply("This button is no longer active.").setEphemeral(true).queue();
    }

    default void onModal(ModalInteractionEvent event, ComponentId id) {
        event.reply("This form is no longer active.").setEphemeral(true).queue();
    }

    default void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
        event.replyChoices().queue();
    }
}
