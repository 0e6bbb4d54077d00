package dev.lorekeeper.config;

import java.time.Duration;

/** An OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, LM Studio). Absent: the offline paths answer. */
public record LlmConfig(String baseUrl, String model, @Secret String apiKey, Duration timeout, Integer maxConcurrent) {
    public LlmConfig {
        baseUrl = baseUrl == null ? "" : baseUrl.trim();
        model = model == null ? "" : model.trim();
        apiKey = apiKey == null ? "" : apiKey;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        maxConcurrent = maxConcurrent == null ? 4 : maxConcurrent;
    }

    public boolean configured() {
        return !baseUrl.isEmpty() && !model.isEmpty();
    }
}
