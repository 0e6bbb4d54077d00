package dev.lorekeeper.discord;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.components.ComponentInteraction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads for replies that wait on a model, the docs index or a chain, so that JDA's event threads never do: one
 * slow model must not freeze every other command. A fixed number of threads and a bounded queue; when both are
 * full, the member is told (for them alone) to try again, instead of the work piling up without end.
 */
public final class ReplyWorkers implements AutoCloseable {
    public static final String BUSY = "I'm busy right now: please try again in a moment.";
    private static final Logger log = LoggerFactory.getLogger(ReplyWorkers.class);

    private final ExecutorService threads;
    /** Running plus waiting work: taken before an interaction is acknowledged, so a refusal can still be private. */
    private final Semaphore slots;

    public ReplyWorkers(int threads, int queue) {
        this.threads = Executors.newFixedThreadPool(threads, DiscordBot.daemonThreads("lorekeeper-reply-"));
        this.slots = new Semaphore(threads + queue);
    }

    /** Runs {@code work} on a worker; false (and nothing runs) when all workers are busy and the queue is full. */
    public boolean tryRun(Runnable work) {
        if (!slots.tryAcquire()) {
            return false;
        }
        return submit(work);
    }

    /**
     * Acknowledges the interaction at once (publicly or for the member alone), then runs the handler on a worker;
     * whatever it throws is answered as the router would. When no worker is free the member hears so, privately.
     */
    public void reply(IReplyCallback event, boolean ephemeral, String what, Runnable handler) {
        if (!slots.tryAcquire()) {
            Responder.text(event, BUSY, true);
            return;
        }
        Responder.acknowledge(event, ephemeral);
        submit(() -> InteractionRouter.answering(event, what, handler));
    }

    /** As {@link #reply}, for a button click: acknowledged as an update of its message. */
    public void click(ComponentInteraction event, String what, Runnable handler) {
        if (!slots.tryAcquire()) {
            Responder.text(event, BUSY, true);
            return;
        }
        Responder.acknowledgeClick(event);
        submit(() -> InteractionRouter.answering(event, what, handler));
    }

    private boolean submit(Runnable work) {
        try {
            threads.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("reply work failed: {}", e.toString());
                } finally {
                    slots.release();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            slots.release();
            return false;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
