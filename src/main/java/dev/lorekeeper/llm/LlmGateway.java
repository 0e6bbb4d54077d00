package dev.lorekeeper.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way features reach a chat model: an OpenAI-compatible endpoint through langchain4j (OpenAI, Ollama, vLLM,
 * LM Studio), a cap on calls in flight and on each reply's tokens, budgets reserved before a call and settled after
 * it, and no exception ever reaching a feature: a failure is an empty answer and the feature uses its offline path.
 */
public final class LlmGateway {
    private static final Logger log = LoggerFactory.getLogger(LlmGateway.class);

    private final ChatModel model;
    private final Semaphore inFlight;
    private final Duration timeout;
    private final int maxOutputTokens;
    private final LlmUsage usage;
    private final MeterRegistry metrics;
    private final Settings settings;

    /** Where the model is, how long a call may take, how many run at once and how long a reply may be. */
    public record Settings(
            String baseUrl, String model, String apiKey, Duration timeout, int maxConcurrent, int maxOutputTokens) {}

    /** What a call gave: the model's reply, or none, and then whether a spent budget is the reason. */
    public record Outcome(Optional<Reply> reply, boolean budgetSpent) {
        static Outcome failed() {
            return new Outcome(Optional.empty(), false);
        }
    }

    private LlmGateway(ChatModel model, Settings settings, LlmUsage usage, MeterRegistry metrics) {
        this.model = model;
        this.settings = settings;
        this.metrics = metrics;
        this.inFlight = new Semaphore(settings.maxConcurrent(), true);
        this.timeout = settings.timeout();
        this.maxOutputTokens = settings.maxOutputTokens();
        this.usage = usage;
    }

    /** An endpoint-backed gateway whose metrics go nowhere (tools and tests). */
    public static LlmGateway openAiCompatible(Settings s, LlmUsage usage) {
        return openAiCompatible(s, usage, new SimpleMeterRegistry());
    }

    /** An endpoint-backed gateway; with {@code usage} (may be null) every call is budgeted and recorded. */
    public static LlmGateway openAiCompatible(Settings s, LlmUsage usage, MeterRegistry metrics) {
        ChatModel m = OpenAiChatModel.builder()
                .baseUrl(s.baseUrl())
                .modelName(s.model())
                .apiKey(s.apiKey() == null || s.apiKey().isBlank() ? "not-needed" : s.apiKey())
                .timeout(s.timeout())
                .maxRetries(0)
                .temperature(0.2)
                .build();
        return new LlmGateway(m, s, usage, metrics);
    }

    /**
     * The model's reply, or empty when it failed, timed out, too many calls are waiting, or one of the caller's
     * daily budgets has no room for this call's worst case (its prompt and a full-length reply).
     */
    public Outcome chat(LlmCall call, String system, String user) {
        if (usage == null) {
            return new Outcome(chat(system, user), false);
        }
        Optional<LlmUsage.Reservation> held;
        try {
            held = usage.reserve(call, estimate(system, user) + maxOutputTokens);
        } catch (RuntimeException e) {
            log.warn("could not reserve LLM tokens for {} ({}); answering offline", call.feature(), e.toString());
            return Outcome.failed();
        }
        if (held.isEmpty()) {
            return new Outcome(Optional.empty(), true);
        }
        Optional<Reply> reply = Optional.empty();
        try {
            reply = chat(system, user);
        } finally {
            settle(call, held.get(), reply, system, user);
        }
        return new Outcome(reply, false);
    }

    private void settle(LlmCall call, LlmUsage.Reservation held, Optional<Reply> reply, String system, String user) {
        try {
            if (reply.isEmpty()) {
                usage.release(held);
                return;
            }
            Reply r = reply.get();
            // Some servers report no usage; an estimate keeps budgets working.
            int in = r.inputTokens() > 0 ? r.inputTokens() : estimate(system, user);
            int out = r.outputTokens() > 0 ? r.outputTokens() : r.text().length() / 4;
            usage.settle(held, in, out);
        } catch (RuntimeException e) {
            // The reservation stays counted: a budget errs on the side of spending less.
            log.warn("could not settle {} LLM tokens for {}: {}", held.tokens(), call.feature(), e.toString());
        }
    }

    /** Prompt tokens, generously: about three characters a token (English runs nearer four). */
    static int estimate(String system, String user) {
        return (system.length() + user.length()) / 3 + 16;
    }

    private Optional<Reply> chat(String system, String user) {
        try {
            if (!inFlight.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("LLM busy: {} calls in flight; answering offline", inFlight.availablePermits());
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        long start = System.nanoTime();
        try {
            ChatResponse r = model.chat(ChatRequest.builder()
                    .maxOutputTokens(maxOutputTokens)
                    .messages(SystemMessage.from(system), UserMessage.from(user))
                    .build());
            String text = r.aiMessage() == null ? null : r.aiMessage().text();
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
            int in = r.tokenUsage() == null || r.tokenUsage().inputTokenCount() == null
                    ? 0
                    : r.tokenUsage().inputTokenCount();
            int out = r.tokenUsage() == null || r.tokenUsage().outputTokenCount() == null
                    ? 0
                    : r.tokenUsage().outputTokenCount();
            metrics.counter("lorekeeper.llm.tokens", "direction", "in").increment(in);
            metrics.counter("lorekeeper.llm.tokens", "direction", "out").increment(out);
            metrics.timer("lorekeeper.llm.latency", "outcome", "ok")
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return Optional.of(new Reply(text.strip(), in, out, (System.nanoTime() - start) / 1_000_000));
        } catch (RuntimeException e) {
            log.warn(
                    "LLM call failed: {}; answering offline",
                    LlmFailure.describe(e, settings.baseUrl(), settings.model(), timeout));
            metrics.timer("lorekeeper.llm.latency", "outcome", "failed")
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return Optional.empty();
        } finally {
            inFlight.release();
        }
    }

    /** A model reply with its token usage. */
    public record Reply(String text, int inputTokens, int outputTokens, long millis) {}
}
