package dev.lorekeeper.discord;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.settings.FeatureStatus;
import dev.lorekeeper.settings.FeatureStatusSource;
import dev.lorekeeper.settings.GuildSettings;
import dev.lorekeeper.settings.GuildSettingsService;
import java.util.List;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** /about: what the bot can do in this server, and why a feature is off when it is. */
public final class AboutCommand implements SlashCommand {
    private final List<FeatureStatusSource> features;
    private final GuildSettingsService settings;
    private final String version;

    public AboutCommand(List<FeatureStatusSource> features, GuildSettingsService settings, String version) {
        this.features = List.copyOf(features);
        this.settings = settings;
        this.version = version;
    }

    /** Static, so that {@link CommandCatalog} builds it without a bot. */
    public static SlashCommandData data() {
        return Commands.slash("about", "What Lorekeeper can do in this server")
                .setContexts(InteractionContextType.GUILD);
    }

    @Override
    public SlashCommandData definition() {
        return data();
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event) {
        if (event.getGuild() == null) {
            throw new Refusal("Use /about inside a server to see what I can do there.");
        }
        GuildSettings gs = settings.of(event.getGuild().getIdLong());
        StringBuilder text = new StringBuilder()
                .append("**Lorekeeper** ")
                .append(version)
                .append(" in **")
                .append(Markdown.escape(event.getGuild().getName()))
                .append("**\n");
        for (FeatureStatusSource source : features) {
            FeatureStatus s = source.status(gs);
            text.append(s.active() ? "✅ " : "⛔ ")
                    .append("**")
                    .append(s.feature().title())
                    .append("**: ")
                    .append(s.active() ? "enabled" : "not enabled")
                    .append(" — ")
                    .append(s.detail())
                    .append('\n');
        }
        text.append("\nI never ask for a seed phrase, a private key or a transaction.");
        Responder.text(event, text.toString(), true);
    }
}
