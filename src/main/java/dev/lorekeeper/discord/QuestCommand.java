package dev.lorekeeper.discord;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.character.CharacterService;
import dev.lorekeeper.character.GameCharacter;
import dev.lorekeeper.character.Player;
import dev.lorekeeper.character.Quest;
import dev.lorekeeper.character.QuestPlan;
import dev.lorekeeper.character.QuestService;
import dev.lorekeeper.settings.GuildSettingsService;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/** /quest: start a quest, see its current step with a button per choice, the log, and abandoning it. */
public final class QuestCommand implements SlashCommand {
    static final String NAME = "quest";

    private final QuestService quests;
    private final CharacterService characters;
    private final GuildSettingsService settings;
    private final ReplyWorkers workers;

    public QuestCommand(
            QuestService quests, CharacterService characters, GuildSettingsService settings, ReplyWorkers workers) {
        this.quests = quests;
        this.characters = characters;
        this.settings = settings;
        this.workers = workers;
    }

    /** Static, so that {@link CommandCatalog} builds it without a bot. */
    public static SlashCommandData data() {
        return Commands.slash(NAME, "Quests for your character")
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(
                        new SubcommandData("show", "The current step of your character's quest"),
                        new SubcommandData("start", "Start a new quest"),
                        new SubcommandData("log", "Your character's past quests"),
                        new SubcommandData("abandon", "Drop the active quest"));
    }

    @Override
    public SlashCommandData definition() {
        return data();
    }

    /** Every subcommand reads the chain (is the token still held?), and a new quest may wait on the model. */
    @Override
    public void onSlash(SlashCommandInteractionEvent event) {
        long guildId = CharacterCommand.guild(event, settings);
        String sub = event.getSubcommandName() == null ? "show" : event.getSubcommandName();
        workers.reply(event, sub.equals("log"), "/quest " + sub, () -> run(event, sub, guildId));
    }

    private void run(SlashCommandInteractionEvent event, String sub, long guildId) {
        Player p = characters.player(guildId, event.getUser().getIdLong());
        switch (sub) {
            case "start" -> {
                QuestService.View v = quests.start(p);
                Responder.send(event, step(v.character(), v.quest(), CharacterCommand.notice(v.notice())), false);
            }
            case "log" -> log(event, p);
            case "abandon" -> {
                Quest q = quests.abandon(p);
                Responder.text(
                        event,
                        Markdown.escape(p.character().name()) + " abandoned \""
                                + Markdown.escape(q.plan().title()) + "\".",
                        false);
            }
            default -> {
                QuestService.View v = quests.current(p)
                        .orElseThrow(() -> new Refusal(Markdown.escape(
                                        p.character().name()) + " is not on a quest. Start one with /quest start."));
                Responder.send(event, step(v.character(), v.quest(), ""), false);
            }
        }
    }

    /** Acknowledged before the holder check and the database: the outcome and any refusal follow up. */
    @Override
    public void onButton(ButtonInteractionEvent event, ComponentId id) {
        workers.click(event, "button " + id, () -> choose(event, id));
    }

    private void choose(ButtonInteractionEvent event, ComponentId id) {
        long guildId = CharacterCommand.guild(event, settings);
        QuestService.Outcome o;
        try {
            Player p = characters.player(guildId, event.getUser().getIdLong());
            o = quests.choose(p, Long.parseLong(id.arg(0)), Integer.parseInt(id.arg(1)), Integer.parseInt(id.arg(2)));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new Refusal("This button is no longer valid. Use /quest show for the current step.");
        }
        GameCharacter c = o.character();
        StringBuilder text = new StringBuilder("**" + Markdown.escape(c.name()) + "** chose **"
                + Markdown.escape(o.choice().label()) + "**: "
                + Markdown.escape(o.choice().outcome()) + "\n+"
                + o.xpGained() + " XP"
                + (o.completed() ? " (including " + QuestService.COMPLETION_XP + " for completing the quest)" : "")
                + (o.choice().item() == null
                        ? ""
                        : " · found " + Markdown.escape(o.choice().item()))
                + (o.levelUp()
                        ? "\n🎉 **Level up!** " + Markdown.escape(c.name()) + " is now level " + c.level() + "."
                        : ""));
        if (o.completed()) {
            text.append("\n\n**Quest complete:** ")
                    .append(Markdown.escape(o.quest().plan().title()))
                    .append(". ")
                    .append(Markdown.escape(c.name()))
                    .append(" is level ")
                    .append(c.level())
                    .append(" with ")
                    .append(c.xp())
                    .append(" XP.");
            Responder.text(event, text.toString(), false);
            return;
        }
        Responder.send(event, step(c, o.quest(), text.toString()), false);
    }

    private void log(IReplyCallback event, Player p) {
        List<Quest> past = quests.log(p.character().id(), 10);
        if (past.isEmpty()) {
            Responder.text(
                    event,
                    Markdown.escape(p.character().name()) + " has no quests yet. Start one with " + "/quest start.",
                    true);
            return;
        }
        StringBuilder sb =
                new StringBuilder("**" + Markdown.escape(p.character().name()) + "'s quests**\n");
        past.forEach(q -> sb.append("• ")
                .append(Markdown.escape(q.plan().title()))
                .append(" — ")
                .append(q.status().name().toLowerCase(Locale.ROOT))
                .append(", step ")
                .append(Math.min(q.step(), q.plan().steps().size()))
                .append('/')
                .append(q.plan().steps().size())
                .append(", +")
                .append(q.xpGained())
                .append(" XP")
                .append(q.byModel() ? "" : " (offline narrator)")
                .append('\n'));
        Responder.text(event, sb.toString(), true);
    }

    /** The quest at its current step, with one button per choice. */
    static MessageCreateData step(GameCharacter c, Quest q, String before) {
        QuestPlan.Step s = q.current();
        EmbedBuilder e = new EmbedBuilder()
                .setTitle(MessageLimits.truncate(q.plan().title(), MessageEmbed.TITLE_MAX_LENGTH))
                .setColor(new Color(0x1F8B4C))
                .setDescription(MessageLimits.truncate(
                        (q.step() == 0 ? "*" + Markdown.escape(q.plan().hook()) + "*\n\n" : "")
                                + Markdown.escape(s.text()),
                        MessageLimits.EMBED_DESCRIPTION))
                .setFooter(c.name() + " · level " + c.level() + " · " + c.xp() + " XP · step " + (q.step() + 1) + " of "
                        + q.plan().steps().size());
        List<Button> buttons = new ArrayList<>();
        for (int i = 0; i < s.choices().size(); i++) {
            buttons.add(Button.primary(
                    ComponentId.of(NAME, "pick", Long.toString(q.id()), Integer.toString(q.step()), Integer.toString(i))
                            .encode(),
                    MessageLimits.truncate(s.choices().get(i).label(), 80)));
        }
        return new MessageCreateBuilder()
                .setContent(MessageLimits.truncate(before, MessageLimits.CONTENT))
                .setEmbeds(e.build())
                .setComponents(ActionRow.of(buttons))
                .build();
    }
}
