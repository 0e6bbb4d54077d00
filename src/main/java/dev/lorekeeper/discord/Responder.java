package dev.lorekeeper.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.components.ComponentInteraction;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a reply so that the member always hears back. The interaction is acknowledged first (a deferral is tiny
 * and can not be malformed), then the content is written into the original response. A failed initial callback
 * can never be retried, but an edit can: when Discord rejects the content as malformed, a plain-text version
 * without components replaces it. Over-long text is split into follow-ups. A reply meant for the member alone after
 * a public deferral (a refusal found by slow work) replaces the public "thinking" message with a private one.
 */
public final class Responder {
    private static final Logger log = LoggerFactory.getLogger(Responder.class);
    /** Button clicks acknowledged as an update of their message: their replies are follow-ups (tokens live 15 min). */
    private static final Cache<Long, Boolean> DEFERRED_UPDATES = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(15))
            .maximumSize(100_000)
            .build();
    /** Interactions deferred publicly whose response has not been written yet. */
    private static final Cache<Long, Boolean> DEFERRED_PUBLIC = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(15))
            .maximumSize(100_000)
            .build();

    private Responder() {}

    public static void text(IReplyCallback event, String text, boolean ephemeral) {
        List<String> parts = MessageLimits.split(text, MessageLimits.CONTENT);
        send(event, new MessageCreateBuilder().setContent(parts.get(0)).build(), ephemeral);
        for (String more : parts.subList(1, parts.size())) {
            event.getHook().sendMessage(more).setEphemeral(ephemeral).queue(null, logFailure(event));
        }
    }

    public static void send(IReplyCallback event, MessageCreateData message, boolean ephemeral) {
        send(event, message, ephemeral, sent -> {});
    }

    /** As {@link #send(IReplyCallback, MessageCreateData, boolean)}, then hands over the delivered message. */
    public static void send(
            IReplyCallback event, MessageCreateData message, boolean ephemeral, Consumer<Message> delivered) {
        if (DEFERRED_UPDATES.getIfPresent(event.getIdLong()) != null) {
            InteractionHook hook = event.getHook();
            hook.sendMessage(message).setEphemeral(ephemeral).queue(delivered, failure -> {
                if (isMalformed(failure)) {
                    hook.sendMessage(MessageCreateData.fromEditData(plain(message)))
                            .setEphemeral(ephemeral)
                            .queue(null, logFailure(event));
                } else {
                    logFailure(event).accept(failure);
                }
            });
            return;
        }
        boolean deferredPublicly = DEFERRED_PUBLIC.asMap().remove(event.getIdLong()) != null;
        if (ephemeral && deferredPublicly) {
            replacePublicDeferral(event, message, delivered);
            return;
        }
        acknowledge(event, ephemeral);
        InteractionHook hook = event.getHook();
        hook.editOriginal(MessageEditData.fromCreateData(message)).queue(delivered, failure -> {
            if (isMalformed(failure)) {
                log.warn(
                        "interaction {}: Discord rejected the reply ({}); sending plain text instead",
                        event.getId(),
                        failure.getMessage().lines().findFirst().orElse(""));
                hook.editOriginal(plain(message)).queue(null, logFailure(event));
            } else {
                logFailure(event).accept(failure);
            }
        });
    }

    /**
     * Deletes the public "thinking" response, then sends the message for the member alone. (A first follow-up sent
     * while the deferral stands would take its place and its visibility, so the order matters.) If the deletion
     * fails, the message is shown in place of the deferral as before.
     */
    private static void replacePublicDeferral(
            IReplyCallback event, MessageCreateData message, Consumer<Message> delivered) {
        InteractionHook hook = event.getHook();
        hook.deleteOriginal()
                .queue(
                        deleted -> hook.sendMessage(message).setEphemeral(true).queue(delivered, logFailure(event)),
                        failure -> hook.editOriginal(MessageEditData.fromCreateData(message))
                                .queue(delivered, logFailure(event)));
    }

    /**
     * Acknowledges a click at once, before any work, without a message of its own: whatever is sent afterwards for
     * it (the outcome, or an error) is a follow-up, public or ephemeral as each asks.
     */
    public static void acknowledgeClick(ComponentInteraction event) {
        DEFERRED_UPDATES.put(event.getIdLong(), Boolean.TRUE);
        event.deferEdit().queue(null, logFailure(event));
    }

    /** Acknowledges with a deferral unless the interaction already is; safe to call more than once. */
    public static void acknowledge(IReplyCallback event, boolean ephemeral) {
        if (!event.isAcknowledged()) {
            if (!ephemeral) {
                DEFERRED_PUBLIC.put(event.getIdLong(), Boolean.TRUE);
            }
            event.deferReply(ephemeral).queue(null, failure -> {
                if (failure instanceof ErrorResponseException e
                        && e.getErrorResponse() == ErrorResponse.INTERACTION_ALREADY_ACKNOWLEDGED) {
                    log.info(
                            "interaction {} was already acknowledged (delivered twice or handled by another "
                                    + "process); not answering again",
                            event.getId());
                } else {
                    logFailure(event).accept(failure);
                }
            });
        }
    }

    /** Interaction acknowledgement latency: from Discord creating the interaction to Discord accepting the ack. */
    /** The text alone, cut to the limit, with components and embeds removed: the substance still arrives. */
    static MessageEditData plain(MessageCreateData message) {
        StringBuilder text = new StringBuilder(message.getContent());
        message.getEmbeds().forEach(e -> {
            if (e.getTitle() != null) {
                text.append("\n**").append(e.getTitle()).append("**");
            }
            if (e.getDescription() != null) {
                text.append('\n').append(e.getDescription());
            }
            e.getFields()
                    .forEach(f ->
                            text.append('\n').append(f.getName()).append(": ").append(f.getValue()));
        });
        // Link buttons carry the one thing the member may need (a URL): keep them as text.
        message.getComponentTree().findAll(Button.class).stream()
                .filter(b -> b.getUrl() != null)
                .forEach(
                        b -> text.append('\n').append(b.getLabel()).append(": ").append(b.getUrl()));
        String content =
                text.toString().isBlank() ? "Sorry, I could not display this reply in Discord." : text.toString();
        return new MessageEditBuilder()
                .setContent(MessageLimits.truncate(content.strip(), MessageLimits.CONTENT))
                .setComponents()
                .setEmbeds()
                .build();
    }

    private static boolean isMalformed(Throwable failure) {
        return failure instanceof ErrorResponseException e && e.getErrorResponse() == ErrorResponse.INVALID_FORM_BODY;
    }

    private static Consumer<Throwable> logFailure(IReplyCallback event) {
        return failure -> log.warn(
                "interaction {}: reply failed: {}",
                event.getId(),
                failure.getMessage() == null
                        ? failure.toString()
                        : failure.getMessage().lines().findFirst().orElse(""));
    }
}
