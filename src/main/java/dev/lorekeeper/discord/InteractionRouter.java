package dev.lorekeeper.discord;

import dev.lorekeeper.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each interaction to the command that owns it. Whatever a command throws, the member gets a reply: their
 * own mistake in plain words, or a short apology with a reference that matches the log line for moderators.
 */
public final class InteractionRouter extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(InteractionRouter.class);

    private final Map<String, SlashCommand> commands = new LinkedHashMap<>();
    private final InteractionObserver observer;

    public InteractionRouter(List<SlashCommand> commands, InteractionObserver observer) {
        for (SlashCommand c : commands) {
            if (this.commands.put(c.name(), c) != null) {
                throw new IllegalArgumentException("two commands are named /" + c.name());
            }
        }
        this.observer = observer;
    }

    public List<SlashCommand> commands() {
        return List.copyOf(commands.values());
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        SlashCommand command = commands.get(event.getName());
        guarded(event, event.getFullCommandName(), () -> {
            if (command == null) {
                throw new Refusal("This command is not available any more.");
            }
            command.onSlash(event);
        });
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        Optional<ComponentId> id = ComponentId.parse(event.getComponentId());
        guarded(event, "button " + loggable(id), () -> owner(id).onButton(event, id.orElseThrow()));
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        Optional<ComponentId> id = ComponentId.parse(event.getModalId());
        guarded(event, "modal " + loggable(id), () -> owner(id).onModal(event, id.orElseThrow()));
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        SlashCommand command = commands.get(event.getName());
        try {
            if (command != null) {
                command.onAutocomplete(event);
            } else {
                event.replyChoices().queue();
            }
        } catch (RuntimeException e) {
            log.warn("autocomplete for /{} failed: {}", event.getFullCommandName(), e.toString());
            if (!event.isAcknowledged()) {
                event.replyChoices().queue();
            }
        }
    }

    /**
     * A component id as it may appear in logs: its command and action only. The arguments can be bearer secrets
     * (a verify session's token rides in the verify buttons).
     */
    static String loggable(Optional<ComponentId> id) {
        return id.map(c -> c.command() + ":" + c.action()).orElse("(unparseable id)");
    }

    /** The command a button or modal belongs to, by the command named in its id. */
    SlashCommand owner(Optional<ComponentId> id) {
        return id.map(ComponentId::command)
                .map(commands::get)
                .orElseThrow(() -> new Refusal("This button belongs to something that no longer exists."));
    }

    private void guarded(IReplyCallback event, String what, Runnable handler) {
        long start = System.nanoTime();
        String kind = what.split(" ")[0];
        observer.received(
                kind,
                Duration.between(event.getTimeCreated().toInstant(), Instant.now())
                        .toNanos());
        boolean ok = false;
        try {
            ok = answering(event, what, handler);
        } finally {
            observer.handled(kind, ok, System.nanoTime() - start);
        }
    }

    /**
     * Runs a handler so that the member always gets a reply: their own mistake in plain words, or a short apology
     * with a reference that matches the log line. False when the handler failed on our side.
     */
    static boolean answering(IReplyCallback event, String what, Runnable handler) {
        Optional<Failure> failure =
                run(handler, () -> UUID.randomUUID().toString().substring(0, 8));
        failure.ifPresent(f -> {
            if (f.cause() != null) {
                log.error(
                        "{} failed for guild {} (ref {})",
                        what,
                        event.getGuild() == null ? "-" : event.getGuild().getId(),
                        f.ref(),
                        f.cause());
            }
            Responder.text(event, f.text(), true);
        });
        return failure.map(f -> f.cause() == null).orElse(true);
    }

    /**
     * What the member hears when a handler did not finish: a refusal as it is written, anything else (a bug) as an
     * apology with a reference that matches the log line; {@code cause} is set for bugs only.
     */
    record Failure(String text, String ref, RuntimeException cause) {}

    static Optional<Failure> run(Runnable handler, Supplier<String> refs) {
        try {
            handler.run();
            return Optional.empty();
        } catch (Refusal e) {
            return Optional.of(new Failure(e.getMessage(), null, null));
        } catch (RuntimeException e) {
            String ref = refs.get();
            return Optional.of(new Failure(
                    "Something went wrong on my side (ref `" + ref + "`). Please try again; "
                            + "if it keeps happening, give a moderator this reference.",
                    ref,
                    e));
        }
    }
}
