package dev.lorekeeper.config;

/** Where the project's docs live and where their search index is kept. */
public record KnowledgeConfig(
        String docs,
        String index,
        String baseUrl,
        Double minRelevance,
        Integer topK,
        java.util.List<String> pages,
        java.time.Duration refreshInterval,
        Integer questionsPerMinute) {
    public KnowledgeConfig {
        docs = docs == null || docs.isBlank() ? "config/knowledge" : docs.trim();
        index = index == null || index.isBlank() ? "data/index" : index.trim();
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.trim();
        minRelevance = minRelevance == null ? 0.6 : minRelevance;
        topK = topK == null ? 5 : topK;
        pages = pages == null ? java.util.List.of() : java.util.List.copyOf(pages);
        refreshInterval = refreshInterval == null ? java.time.Duration.ofHours(6) : refreshInterval;
        questionsPerMinute = questionsPerMinute == null ? 6 : questionsPerMinute;
    }

    public static KnowledgeConfig defaults() {
        return new KnowledgeConfig(null, null, null, null, null, null, null, null);
    }
}
