package dev.lorekeeper.config;

import java.time.Duration;
import java.util.List;

/**
 * An OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, LM Studio). Absent: the offline paths answer. Daily
 * token budgets per member, per server and in total (0: unlimited), a cap on each reply's tokens, the hosts that
 * generated text may link to besides the docs' own, and the threads (with a bounded queue) that do slow replies;
 * prices only estimate cost in /stats. {@code prompts} is the folder of prompt templates (and the offline narrator's
 * YAML); a file missing there is taken from the jar.
 */
public record LlmConfig(
        String baseUrl,
        String model,
        @Secret String apiKey,
        Duration timeout,
        Integer maxConcurrent,
        Long dailyTokensPerMember,
        Long dailyTokensPerGuild,
        Long dailyTokensTotal,
        Integer maxOutputTokens,
        List<String> allowedLinkDomains,
        Integer workThreads,
        Integer workQueue,
        Double usdPerMillionInput,
        Double usdPerMillionOutput,
        String prompts) {
    public static final String DEFAULT_PROMPTS = "prompts";

    public LlmConfig {
        baseUrl = baseUrl == null ? "" : baseUrl.trim();
        model = model == null ? "" : model.trim();
        apiKey = apiKey == null ? "" : apiKey;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        maxConcurrent = maxConcurrent == null ? 4 : maxConcurrent;
        dailyTokensPerMember = dailyTokensPerMember == null ? 20_000L : dailyTokensPerMember;
        dailyTokensPerGuild = dailyTokensPerGuild == null ? 1_000_000L : dailyTokensPerGuild;
        dailyTokensTotal = dailyTokensTotal == null ? 0L : dailyTokensTotal;
        maxOutputTokens = maxOutputTokens == null ? 1_024 : maxOutputTokens;
        allowedLinkDomains = allowedLinkDomains == null ? List.of() : List.copyOf(allowedLinkDomains);
        workThreads = workThreads == null ? 8 : workThreads;
        workQueue = workQueue == null ? 32 : workQueue;
        usdPerMillionInput = usdPerMillionInput == null ? 0.15 : usdPerMillionInput;
        usdPerMillionOutput = usdPerMillionOutput == null ? 0.60 : usdPerMillionOutput;
        prompts = prompts == null || prompts.isBlank() ? DEFAULT_PROMPTS : prompts.trim();
    }

    public static LlmConfig defaults() {
        return new LlmConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean configured() {
        return !baseUrl.isEmpty() && !model.isEmpty();
    }
}
