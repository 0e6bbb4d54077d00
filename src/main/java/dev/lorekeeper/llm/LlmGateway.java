package dev.lorekeeper.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way features reach a chat model: an OpenAI-compatible endpoint through langchain4j (OpenAI, Ollama, vLLM,
 * LM Studio), a cap on calls in flight, and no exception ever reaching a feature: a failure is an empty answer and
 * the feature uses its offline path.
 */
public final class LlmGateway {
    private static final Logger log = LoggerFactory.getLogger(LlmGateway.class);

    private final ChatModel model;
    private final Semaphore inFlight;
    private final Duration timeout;
    private final LlmUsage usage;

    private LlmGateway(ChatModel model, int maxConcurrent, Duration timeout, LlmUsage usage) {
        this.model = model;
        this.inFlight = new Semaphore(maxConcurrent, true);
        this.timeout = timeout;
        this.usage = usage;
    }

    /** An endpoint-backed gateway. */
    public static LlmGateway openAiCompatible(String baseUrl, String modelName, String apiKey, Duration timeout,
            int maxConcurrent) {
        return openAiCompatible(baseUrl, modelName, apiKey, timeout, maxConcurrent, null);
    }

    /** A gateway that records every call's tokens and refuses calls once a daily budget is spent. */
    public static LlmGateway openAiCompatible(String baseUrl, String modelName, String apiKey, Duration timeout,
            int maxConcurrent, LlmUsage usage) {
        ChatModel m = OpenAiChatModel.builder().baseUrl(baseUrl).modelName(modelName)
                .apiKey(apiKey == null || apiKey.isBlank() ? "not-needed" : apiKey)
                .timeout(timeout).maxRetries(0).temperature(0.2).build();
        return new LlmGateway(m, maxConcurrent, timeout, usage);
    }

    /** Whether the member's and the server's daily token budgets have room for this call. */
    public boolean withinBudget(LlmCall call) {
        return usage == null || usage.withinBudget(call);
    }

    /**
     * The model's reply, or empty when it failed, timed out, too many calls are waiting, or the caller's daily budget
     * is spent (check {@link #withinBudget} first to tell the member why).
     */
    public Optional<Reply> chat(LlmCall call, String system, String user) {
        if (!withinBudget(call)) {
            return Optional.empty();
        }
        Optional<Reply> reply = chat(system, user);
        if (usage != null && reply.isPresent()) {
            Reply r = reply.get();
            // Some servers report no usage; an estimate (about four characters a token) keeps budgets working.
            int in = r.inputTokens() > 0 ? r.inputTokens() : (system.length() + user.length()) / 4;
            int out = r.outputTokens() > 0 ? r.outputTokens() : r.text().length() / 4;
            try {
                usage.record(call, in, out);
            } catch (RuntimeException e) {
                log.warn("could not record {} LLM tokens for {}: {}", in + out, call.feature(), e.toString());
            }
        }
        return reply;
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
                    .messages(SystemMessage.from(system), UserMessage.from(user)).build());
            String text = r.aiMessage() == null ? null : r.aiMessage().text();
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
            int in = r.tokenUsage() == null || r.tokenUsage().inputTokenCount() == null ? 0
                    : r.tokenUsage().inputTokenCount();
            int out = r.tokenUsage() == null || r.tokenUsage().outputTokenCount() == null ? 0
                    : r.tokenUsage().outputTokenCount();
            io.micrometer.core.instrument.Metrics.counter("lorekeeper.llm.tokens", "direction", "in").increment(in);
            io.micrometer.core.instrument.Metrics.counter("lorekeeper.llm.tokens", "direction", "out").increment(out);
            io.micrometer.core.instrument.Metrics.timer("lorekeeper.llm.latency", "outcome", "ok")
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return Optional.of(new Reply(text.strip(), in, out, (System.nanoTime() - start) / 1_000_000));
        } catch (RuntimeException e) {
            log.warn("LLM call failed ({}); answering offline", e.getClass().getSimpleName());
            io.micrometer.core.instrument.Metrics.timer("lorekeeper.llm.latency", "outcome", "failed")
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return Optional.empty();
        } finally {
            inFlight.release();
        }
    }

    /** A model reply with its token usage. */
    public record Reply(String text, int inputTokens, int outputTokens, long millis) {
    }
}
