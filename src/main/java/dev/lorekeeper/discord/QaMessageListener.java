package dev.lorekeeper.discord;

import dev.lorekeeper.config.Feature;
import dev.lorekeeper.knowledge.KnowledgeService;
import dev.lorekeeper.settings.GuildSettings;
import dev.lorekeeper.settings.GuildSettingsService;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages that ask: a follow-up in a Q&A thread, or a mention of the bot in one of the server's Q&A channels
 * (the answer then goes into a new thread on that message). Answering waits on the docs index and the model, so it
 * runs on a reply worker; when all are busy the message is left unanswered (a busy notice in the channel would let
 * a flood of mentions make the bot flood the channel).
 */
public final class QaMessageListener extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(QaMessageListener.class);

    private final KnowledgeService knowledge;
    private final GuildSettingsService settings;
    private final boolean mentionAnswering;
    private final ReplyWorkers workers;

    public QaMessageListener(
            KnowledgeService knowledge, GuildSettingsService settings, boolean mentionAnswering, ReplyWorkers workers) {
        this.knowledge = knowledge;
        this.settings = settings;
        this.mentionAnswering = mentionAnswering;
        this.workers = workers;
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        if (!event.isFromGuild() || event.getAuthor().isBot() || event.isWebhookMessage()) {
            return;
        }
        GuildSettings gs = settings.of(event.getGuild().getIdLong());
        if (!gs.features().enabled(Feature.QA)) {
            return;
        }
        Message m = event.getMessage();
        String text = m.getContentRaw()
                .replaceAll("<@!?" + event.getJDA().getSelfUser().getId() + ">", "")
                .strip();
        if (text.isEmpty()) {
            return;
        }
        boolean followUp = event.getChannelType() == ChannelType.GUILD_PUBLIC_THREAD
                && knowledge.isThread(event.getChannel().getIdLong());
        boolean question = !followUp
                && mentionAnswering
                && m.getMentions().isMentioned(event.getJDA().getSelfUser())
                && gs.qaChannelIds().contains(event.getChannel().getId());
        if (!followUp && !question) {
            return;
        }
        if (!workers.tryRun(() -> answer(event, text, followUp))) {
            log.info("all reply workers are busy; message {} left unanswered", m.getId());
        }
    }

    private void answer(MessageReceivedEvent event, String text, boolean followUp) {
        Message m = event.getMessage();
        try {
            if (followUp) {
                answer(
                        event.getChannel().asThreadChannel(),
                        knowledge.followUp(
                                event.getChannel().getIdLong(),
                                event.getGuild().getIdLong(),
                                event.getAuthor().getIdLong(),
                                text));
                return;
            }
            Optional<KnowledgeService.Asked> asked = knowledge.ask(
                    event.getGuild().getIdLong(),
                    event.getChannel().getIdLong(),
                    event.getAuthor().getIdLong(),
                    text);
            // The thread takes the message's id: the conversation is on record before the thread exists.
            asked.ifPresent(
                    a -> knowledge.openThread(m.getIdLong(), event.getGuild().getIdLong(), a));
            m.createThreadChannel(AskCommand.threadName(text))
                    .queue(
                            thread -> answer(thread, asked),
                            e -> log.info("could not open a Q&A thread: {}", e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("answering a message failed: {}", e.toString());
        }
    }

    private static void answer(ThreadChannel thread, Optional<KnowledgeService.Asked> asked) {
        if (asked.isEmpty()) {
            thread.sendMessage("You're asking quickly: please wait a minute and try again.")
                    .queue();
            return;
        }
        thread.sendMessage(AskCommand.message(asked.get()))
                .queue(null, e -> log.info("answer in thread failed: {}", e.getMessage()));
    }
}
