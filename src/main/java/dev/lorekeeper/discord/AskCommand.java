package dev.lorekeeper.discord;

import dev.lorekeeper.Refusal;
import dev.lorekeeper.config.Feature;
import dev.lorekeeper.knowledge.Answer;
import dev.lorekeeper.knowledge.KnowledgeService;
import dev.lorekeeper.knowledge.Source;
import dev.lorekeeper.settings.GuildSettingsService;
import java.awt.Color;
import java.util.Optional;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;

/** /ask: an answer from the project's docs, with numbered sources and 👍/👎 buttons. */
public final class AskCommand implements SlashCommand {
    static final String OPTION_QUESTION = "question";
    static final String NAME = "ask";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AskCommand.class);

    private final KnowledgeService knowledge;
    private final GuildSettingsService settings;
    private final ReplyWorkers workers;

    public AskCommand(KnowledgeService knowledge, GuildSettingsService settings, ReplyWorkers workers) {
        this.knowledge = knowledge;
        this.settings = settings;
        this.workers = workers;
    }

    /** Static, so that {@link CommandCatalog} builds it without a bot. */
    public static SlashCommandData data() {
        return Commands.slash(NAME, "Ask a question about the project; answered from its docs, with sources")
                .setContexts(InteractionContextType.GUILD)
                .addOptions(
                        new OptionData(OptionType.STRING, OPTION_QUESTION, "Your question", true).setMaxLength(500));
    }

    @Override
    public SlashCommandData definition() {
        return data();
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event) {
        if (event.getGuild() == null) {
            throw new Refusal("Ask inside a server.");
        }
        if (!settings.of(event.getGuild().getIdLong()).features().enabled(Feature.QA)) {
            throw new Refusal("Docs Q&A is switched off in this server.");
        }
        String question =
                event.getOption(OPTION_QUESTION, "", OptionMapping::getAsString).strip();
        if (question.isEmpty()) {
            throw new Refusal("Ask a question, for example: /ask question: how do I mint?");
        }
        workers.reply(event, false, "/ask", () -> answer(event, question));
    }

    private void answer(SlashCommandInteractionEvent event, String question) {
        long guildId = event.getGuild().getIdLong();
        Optional<KnowledgeService.Asked> asked = knowledge.ask(
                guildId, event.getChannel().getIdLong(), event.getUser().getIdLong(), question);
        if (asked.isEmpty()) {
            Responder.text(event, "You're asking quickly: please wait a minute and try again.", true);
            return;
        }
        KnowledgeService.Asked a = asked.get();
        // The answer opens a thread; follow-ups there are answered with the conversation in mind. A thread started
        // from a message takes that message's id, so the conversation is on record before anyone can reply in it.
        Responder.send(event, message(a), false, sent -> {
            knowledge.openThread(sent.getIdLong(), guildId, a);
            sent.createThreadChannel(threadName(question))
                    .queue(null, e -> log.info("no thread for an answer: {}", e.getMessage()));
        });
    }

    static String threadName(String question) {
        return MessageLimits.truncate(question.replaceAll("\\s+", " "), 100);
    }

    /** The answer embed with its feedback buttons. */
    static net.dv8tion.jda.api.utils.messages.MessageCreateData message(KnowledgeService.Asked a) {
        return new MessageCreateBuilder()
                .setEmbeds(embed(a.answer()))
                .setComponents(ActionRow.of(
                        Button.secondary(
                                ComponentId.of(NAME, "up", Long.toString(a.id()))
                                        .encode(),
                                "👍 Helpful"),
                        Button.secondary(
                                ComponentId.of(NAME, "down", Long.toString(a.id()))
                                        .encode(),
                                "👎 Not helpful")))
                .build();
    }

    @Override
    public void onButton(ButtonInteractionEvent event, ComponentId id) {
        boolean helpful = id.action().equals("up");
        if (!knowledge.feedback(Long.parseLong(id.arg(0)), event.getUser().getIdLong(), helpful)) {
            throw new Refusal("That answer is too old to rate.");
        }
        Responder.text(
                event,
                helpful
                        ? "Thanks! Glad it helped."
                        : "Thanks: the moderators will see that this "
                                + "answer didn't help, so the docs can be improved.",
                true);
    }

    static MessageEmbed embed(Answer a) {
        EmbedBuilder e = new EmbedBuilder()
                .setTitle(MessageLimits.truncate(a.question(), MessageEmbed.TITLE_MAX_LENGTH))
                .setDescription(MessageLimits.truncate(a.text(), MessageLimits.EMBED_DESCRIPTION))
                .setColor(a.grounded() ? new Color(0x5865F2) : new Color(0x99AAB5));
        if (!a.sources().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Source s : a.sources()) {
                String label = Markdown.escape(s.title() + " › " + s.heading());
                sb.append('[')
                        .append(s.number())
                        .append("] ")
                        .append(s.url() == null ? label + " (" + s.path() + ")" : "[" + label + "](" + s.url() + ")")
                        .append('\n');
            }
            e.addField(
                    a.grounded() ? "Sources" : "Closest pages",
                    MessageLimits.truncate(sb.toString(), MessageEmbed.VALUE_MAX_LENGTH),
                    false);
        }
        e.setFooter(
                switch (a.mode()) {
                    case LLM -> "Answered from the docs. Check the sources before acting.";
                    case EXTRACTIVE -> "Quoted from the docs (no AI summary).";
                    default -> "Not covered by the docs.";
                });
        return e.build();
    }
}
