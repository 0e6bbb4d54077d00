package dev.lorekeeper.config;

/** Where the project's docs live and where their search index is kept. */
public record KnowledgeConfig(String docs, String index, String baseUrl, Double minRelevance, Integer topK) {
    public KnowledgeConfig {
        docs = docs == null || docs.isBlank() ? "config/knowledge" : docs.trim();
        index = index == null || index.isBlank() ? "data/index" : index.trim();
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.trim();
        minRelevance = minRelevance == null ? 0.6 : minRelevance;
        topK = topK == null ? 5 : topK;
    }

    public static KnowledgeConfig defaults() {
        return new KnowledgeConfig(null, null, null, null, null);
    }
}
