package dev.lorekeeper.config;

import java.time.Duration;

/**
 * An OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, LM Studio). Absent: the offline paths answer. Daily
 * token budgets per member and per server (0: unlimited); prices only estimate cost in /stats.
 */
public record LlmConfig(String baseUrl, String model, @Secret String apiKey, Duration timeout, Integer maxConcurrent,
        Long dailyTokensPerMember, Long dailyTokensPerGuild, Double usdPerMillionInput,
        Double usdPerMillionOutput) {
    public LlmConfig {
        baseUrl = baseUrl == null ? "" : baseUrl.trim();
        model = model == null ? "" : model.trim();
        apiKey = apiKey == null ? "" : apiKey;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        maxConcurrent = maxConcurrent == null ? 4 : maxConcurrent;
        dailyTokensPerMember = dailyTokensPerMember == null ? 20_000L : dailyTokensPerMember;
        dailyTokensPerGuild = dailyTokensPerGuild == null ? 1_000_000L : dailyTokensPerGuild;
        usdPerMillionInput = usdPerMillionInput == null ? 0.15 : usdPerMillionInput;
        usdPerMillionOutput = usdPerMillionOutput == null ? 0.60 : usdPerMillionOutput;
    }

    public static LlmConfig defaults() {
        return new LlmConfig(null, null, null, null, null, null, null, null, null);
    }

    public boolean configured() {
        return !baseUrl.isEmpty() && !model.isEmpty();
    }
}
