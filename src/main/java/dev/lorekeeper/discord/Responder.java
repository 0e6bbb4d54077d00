package dev.lorekeeper.discord;

import java.util.List;
import java.util.function.Consumer;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a reply to an interaction so that the member always hears back: an over-long text is split, a reply to
 * an already-acknowledged interaction becomes a follow-up, and a reply that Discord rejects as malformed is replaced
 * by a plain-text version without components.
 */
public final class Responder {
    private static final Logger log = LoggerFactory.getLogger(Responder.class);

    private Responder() {
    }

    public static void text(IReplyCallback event, String text, boolean ephemeral) {
        List<String> parts = MessageLimits.split(text, MessageLimits.CONTENT);
        send(event, new MessageCreateBuilder().setContent(parts.get(0)).build(), ephemeral);
        for (String more : parts.subList(1, parts.size())) {
            event.getHook().sendMessage(more).setEphemeral(ephemeral).queue(null, logFailure(event));
        }
    }

    public static void send(IReplyCallback event, MessageCreateData message, boolean ephemeral) {
        if (event.isAcknowledged()) {
            followUp(event, message, ephemeral);
            return;
        }
        event.reply(message).setEphemeral(ephemeral).queue(null, failure -> {
            if (failure instanceof ErrorResponseException e
                    && (e.getErrorResponse() == ErrorResponse.INTERACTION_ALREADY_ACKNOWLEDGED)) {
                followUp(event, message, ephemeral);
            } else if (isMalformed(failure)) {
                log.warn("interaction {}: Discord rejected the reply ({}); sending plain text instead",
                        event.getId(), failure.getMessage());
                followUpPlain(event, message, ephemeral);
            } else {
                logFailure(event).accept(failure);
            }
        });
    }

    private static void followUp(IReplyCallback event, MessageCreateData message, boolean ephemeral) {
        event.getHook().sendMessage(message).setEphemeral(ephemeral).queue(null, failure -> {
            if (isMalformed(failure)) {
                followUpPlain(event, message, ephemeral);
            } else {
                logFailure(event).accept(failure);
            }
        });
    }

    /** Last resort: the text alone, cut to the limit, so the member still gets the substance of the answer. */
    private static void followUpPlain(IReplyCallback event, MessageCreateData message, boolean ephemeral) {
        String content = message.getContent().isBlank()
                ? "Sorry, I could not display this reply in Discord. Please try again."
                : MessageLimits.truncate(message.getContent(), MessageLimits.CONTENT);
        MessageCreateData plain = new MessageCreateBuilder().setContent(content).build();
        if (event.isAcknowledged()) {
            event.getHook().sendMessage(plain).setEphemeral(ephemeral).queue(null, logFailure(event));
        } else {
            event.reply(plain).setEphemeral(ephemeral).queue(null, logFailure(event));
        }
    }

    private static boolean isMalformed(Throwable failure) {
        return failure instanceof ErrorResponseException e && e.getErrorResponse() == ErrorResponse.INVALID_FORM_BODY;
    }

    private static Consumer<Throwable> logFailure(IReplyCallback event) {
        return failure -> log.warn("interaction {}: reply failed: {}", event.getId(), failure.getMessage());
    }
}
