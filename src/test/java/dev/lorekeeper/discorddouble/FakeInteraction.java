package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * One interaction sent to the bot, and everything the bot answered to it: the callback, edits of the original
 * response and follow-ups. Waiting methods block until the bot has answered or the timeout passes.
 */
public final class FakeInteraction {
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    final long id;
    final String token;
    final int type;
    final FakeMember member;
    final long channelId;
    volatile long createdNanos = System.nanoTime();
    volatile long createdMillis = System.currentTimeMillis();
    final JsonNode payload;

    private final List<FakeMessage> messages = new ArrayList<>();
    private Integer callbackType;
    private long callbackNanos;
    private long firstMessageNanos;
    private int callbacks;
    private Long originalMessageId;
    private JsonNode modal;
    private JsonNode choices;

    FakeInteraction(long id, String token, int type, FakeMember member, long channelId, JsonNode payload) {
        this.id = id;
        this.token = token;
        this.type = type;
        this.member = member;
        this.channelId = channelId;
        this.payload = payload;
    }

    public long id() {
        return id;
    }

    public FakeMember member() {
        return member;
    }

    synchronized boolean acknowledge(int callback, JsonNode data) {
        callbacks++;
        if (callbackType != null) {
            return false;
        }
        callbackType = callback;
        callbackNanos = System.nanoTime();
        if (callback == 9) {
            modal = data;
        } else if (callback == 8) {
            choices = data.path("choices");
        }
        notifyAll();
        return true;
    }

    synchronized boolean acknowledged() {
        return callbackType != null;
    }

    synchronized Integer callbackTypeOrNull() {
        return callbackType;
    }

    synchronized Long originalMessageId() {
        return originalMessageId;
    }

    synchronized void original(FakeMessage m) {
        originalMessageId = m.id();
        record(m);
    }

    synchronized void record(FakeMessage m) {
        if (messages.isEmpty()) {
            firstMessageNanos = System.nanoTime();
        }
        messages.removeIf(old -> old.id() == m.id());
        messages.add(m);
        notifyAll();
    }

    /** How many times the bot tried to acknowledge (a correct bot: exactly once). */
    public synchronized int callbackAttempts() {
        return callbacks;
    }

    /** Nanoseconds from dispatch to the bot's first accepted callback. */
    public synchronized long ackLatencyNanos() {
        if (callbackType == null) {
            throw new IllegalStateException("not acknowledged");
        }
        return callbackNanos - createdNanos;
    }

    /** {@link System#nanoTime()} when the double sent this interaction to the bot. */
    public long sentAtNanos() {
        return createdNanos;
    }

    /** Whether Discord accepted a callback from the bot (not yet, or never when it came too late). */
    public synchronized boolean hasCallback() {
        return callbackType != null;
    }

    /** {@link System#nanoTime()} of the bot's first accepted callback (a reply, a deferral or an update). */
    public synchronized long acknowledgedAtNanos() {
        if (callbackType == null) {
            throw new IllegalStateException("not acknowledged");
        }
        return callbackNanos;
    }

    /**
     * {@link System#nanoTime()} when the first message with content reached the double: the immediate reply, or after
     * a deferral the edit of the original response or the first follow-up. A deferral alone is no answer.
     */
    public synchronized long answeredAtNanos() {
        if (messages.isEmpty()) {
            throw new IllegalStateException("not answered");
        }
        return firstMessageNanos;
    }

    public int awaitCallbackType() {
        return awaitCallbackType(DEFAULT_WAIT);
    }

    public synchronized int awaitCallbackType(Duration timeout) {
        waitFor(() -> callbackType != null, timeout, "no callback for interaction " + id);
        return callbackType;
    }

    /** The first message a member sees: the immediate reply, or the first edit or follow-up after a deferral. */
    public FakeMessage reply() {
        return awaitMessage(m -> true, DEFAULT_WAIT);
    }

    public FakeMessage awaitMessage(Predicate<FakeMessage> matching) {
        return awaitMessage(matching, DEFAULT_WAIT);
    }

    public synchronized FakeMessage awaitMessage(Predicate<FakeMessage> matching, Duration timeout) {
        waitFor(
                () -> messages.stream().anyMatch(matching),
                timeout,
                "no matching reply to interaction " + id + "; replies so far: " + messages);
        return messages.stream().filter(matching).findFirst().orElseThrow();
    }

    /** The reply whose text contains {@code text}, waiting for it. */
    public FakeMessage awaitText(String text) {
        return awaitMessage(m -> m.text().contains(text));
    }

    /** All messages (latest version of each) in the order they first appeared. */
    public synchronized List<FakeMessage> messages() {
        return List.copyOf(messages);
    }

    public synchronized JsonNode awaitModal() {
        waitFor(() -> modal != null, DEFAULT_WAIT, "no modal opened for interaction " + id);
        return modal;
    }

    public synchronized List<String> awaitChoices() {
        waitFor(() -> choices != null, DEFAULT_WAIT, "no autocomplete answer for interaction " + id);
        List<String> out = new ArrayList<>();
        choices.forEach(c -> out.add(c.path("name").asText()));
        return out;
    }

    /** Autocomplete choices as label → value. */
    public synchronized java.util.Map<String, String> awaitChoiceValues() {
        waitFor(() -> choices != null, DEFAULT_WAIT, "no autocomplete answer for interaction " + id);
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        choices.forEach(c -> out.put(c.path("name").asText(), c.path("value").asText()));
        return out;
    }

    private void waitFor(java.util.function.BooleanSupplier done, Duration timeout, String failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new NoSuchElementException(failure);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public String toString() {
        Integer callback = callbackTypeOrNull();
        return "interaction " + id + " (type " + type + ", "
                + payload.path("data")
                        .path("name")
                        .asText(payload.path("data").path("custom_id").asText("")) + ", callback " + callback + ")";
    }
}
