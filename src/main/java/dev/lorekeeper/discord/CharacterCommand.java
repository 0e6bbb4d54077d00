package dev.lorekeeper.discord;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.character.CharacterService;
import dev.lorekeeper.character.GameCharacter;
import dev.lorekeeper.character.Narrator;
import dev.lorekeeper.character.Player;
import dev.lorekeeper.character.Quest;
import dev.lorekeeper.config.Feature;
import dev.lorekeeper.settings.GuildSettingsService;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;

/** /character: the card of the character you play, picking it, talking to it, and exporting it. */
public final class CharacterCommand implements SlashCommand {
    static final String OPTION_MESSAGE = "message";
    static final String OPTION_TOKEN = "token";
    static final String NAME = "character";

    private final CharacterService characters;
    private final GuildSettingsService settings;
    private final ReplyWorkers workers;

    public CharacterCommand(CharacterService characters, GuildSettingsService settings, ReplyWorkers workers) {
        this.characters = characters;
        this.settings = settings;
        this.workers = workers;
    }

    /** Static, so that {@link CommandCatalog} builds it without a bot. */
    public static SlashCommandData data() {
        return Commands.slash(NAME, "Your NFT as a character with a story")
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(
                        new SubcommandData("show", "Your character's card: traits, level, last adventures"),
                        new SubcommandData("choose", "Pick which of your tokens you play")
                                .addOptions(new OptionData(
                                        OptionType.STRING, OPTION_TOKEN, "One of your tokens", true, true)),
                        new SubcommandData("talk", "Say something to your character; it answers in its voice")
                                .addOptions(new OptionData(OptionType.STRING, OPTION_MESSAGE, "What you say", true)
                                        .setMaxLength(500)),
                        new SubcommandData("export", "Download your character as a Character Card V2 file"));
    }

    @Override
    public SlashCommandData definition() {
        return data();
    }

    /** The member's tokens come from the chain: read on a worker, and none offered when all are busy. */
    @Override
    public void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
        if (event.getGuild() == null || !workers.tryRun(() -> offer(event))) {
            event.replyChoices().queue();
        }
    }

    private void offer(CommandAutoCompleteInteractionEvent event) {
        List<Command.Choice> choices = List.of();
        try {
            choices = characters
                    .options(
                            event.getGuild().getIdLong(),
                            event.getUser().getIdLong(),
                            event.getFocusedOption().getValue())
                    .stream()
                    .map(o -> new Command.Choice(MessageLimits.truncate(o.label(), 100), o.value()))
                    .toList();
        } finally {
            event.replyChoices(choices).queue();
        }
    }

    /** Every subcommand reads the chain (is the token still held?), and talk may wait on the model: on a worker. */
    @Override
    public void onSlash(SlashCommandInteractionEvent event) {
        long guildId = guild(event, settings);
        long memberId = event.getUser().getIdLong();
        String sub = event.getSubcommandName() == null ? "show" : event.getSubcommandName();
        boolean ephemeral = sub.equals("choose") || sub.equals("export");
        workers.reply(event, ephemeral, "/character " + sub, () -> run(event, sub, guildId, memberId));
    }

    private void run(SlashCommandInteractionEvent event, String sub, long guildId, long memberId) {
        switch (sub) {
            case "choose" -> {
                CharacterService.Chosen chosen = characters.choose(
                        guildId, memberId, event.getOption(OPTION_TOKEN, "", OptionMapping::getAsString));
                String intro = chosen.inherited()
                        ? "This token changed hands: you now carry on "
                                + Markdown.escape(chosen.character().name()) + "'s story."
                        : chosen.isNew()
                                ? Markdown.escape(chosen.character().name()) + " awakens as your " + "character."
                                : "You now play "
                                        + Markdown.escape(chosen.character().name()) + ".";
                Responder.send(
                        event,
                        new MessageCreateBuilder()
                                .setContent(intro)
                                .setEmbeds(card(characters.card(characters.player(guildId, memberId))))
                                .build(),
                        true);
            }
            case "talk" -> {
                Player p = characters.player(guildId, memberId);
                String message = event.getOption(OPTION_MESSAGE, "", OptionMapping::getAsString)
                        .strip();
                characters.checkTalk(p, message);
                Narrator.Narrated<String> reply = characters.talk(p, message);
                Responder.text(
                        event,
                        "**" + Markdown.escape(p.character().name()) + ":** " + reply.value() + notice(reply.notice()),
                        false);
            }
            case "export" -> {
                Player p = characters.player(guildId, memberId);
                Responder.send(
                        event,
                        new MessageCreateBuilder()
                                .setContent("Here is "
                                        + Markdown.escape(p.character().name())
                                        + " as a Character Card V2 (works in SillyTavern "
                                        + "and other tools).")
                                .addFiles(FileUpload.fromData(characters.export(p), fileName(p.character())))
                                .build(),
                        true);
            }
            default -> {
                Player p = characters.player(guildId, memberId);
                Responder.send(
                        event,
                        new MessageCreateBuilder()
                                .setEmbeds(card(characters.card(p)))
                                .build(),
                        false);
            }
        }
    }

    /** The server id, once the characters feature is known to be on there. */
    static long guild(net.dv8tion.jda.api.interactions.callbacks.IReplyCallback event, GuildSettingsService settings) {
        if (event.getGuild() == null) {
            throw new Refusal("Characters live inside a server.");
        }
        if (!settings.of(event.getGuild().getIdLong()).features().enabled(Feature.CHARACTERS)) {
            throw new Refusal("Characters and quests are switched off in this server.");
        }
        return event.getGuild().getIdLong();
    }

    static String notice(String notice) {
        return notice == null ? "" : "\n-# " + notice;
    }

    static MessageEmbed card(CharacterService.Card card) {
        GameCharacter c = card.character();
        EmbedBuilder e = new EmbedBuilder()
                .setTitle(MessageLimits.truncate(c.name() + " · " + c.title(), MessageEmbed.TITLE_MAX_LENGTH))
                .setDescription(MessageLimits.truncate(
                        "*“" + Markdown.escape(c.persona().greeting()) + "”*\n\n"
                                + Markdown.escape(c.persona().backstory()),
                        MessageLimits.EMBED_DESCRIPTION))
                .setColor(new Color(0xC27C0E));
        if (c.imageUrl() != null && c.imageUrl().startsWith("https://")) {
            e.setThumbnail(c.imageUrl());
        }
        e.addField("Level", c.level() + " (" + c.xp() + " / " + card.nextLevelXp() + " XP)", true);
        e.addField(
                "Stats",
                "might " + c.persona().stats().might() + " · wits "
                        + c.persona().stats().wits() + " · heart "
                        + c.persona().stats().heart(),
                true);
        if (!c.persona().traits().isEmpty()) {
            e.addField(
                    "Traits",
                    MessageLimits.truncate(
                            Markdown.escape(String.join(" · ", c.persona().traits())), MessageEmbed.VALUE_MAX_LENGTH),
                    false);
        }
        if (!c.inventory().isEmpty()) {
            e.addField(
                    "Inventory",
                    MessageLimits.truncate(
                            Markdown.escape(String.join(", ", c.inventory())), MessageEmbed.VALUE_MAX_LENGTH),
                    false);
        }
        StringBuilder adventures = new StringBuilder();
        for (Quest q : card.recentQuests()) {
            adventures
                    .append("• ")
                    .append(Markdown.escape(q.plan().title()))
                    .append(" (")
                    .append(q.status().name().toLowerCase(Locale.ROOT))
                    .append(", +")
                    .append(q.xpGained())
                    .append(" XP)\n");
        }
        e.addField(
                "Last adventures",
                adventures.isEmpty()
                        ? "None yet: start one with /quest start."
                        : MessageLimits.truncate(adventures.toString(), MessageEmbed.VALUE_MAX_LENGTH),
                false);
        e.setFooter("Token #" + c.token().tokenId() + " on " + c.token().chain() + " · persona v" + c.personaVersion()
                + " · " + c.questsCompleted() + " quests completed");
        return e.build();
    }

    private static String fileName(GameCharacter c) {
        String safe = c.name().replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("(^-+|-+$)", "");
        return (safe.isEmpty() ? "character" : safe.substring(0, Math.min(60, safe.length()))) + ".card.json";
    }
}
