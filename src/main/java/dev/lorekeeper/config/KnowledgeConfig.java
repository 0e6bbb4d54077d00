package dev.lorekeeper.config;

/** Where the project's docs live and where their search index is kept. */
public record KnowledgeConfig(String docs, String index) {
    public KnowledgeConfig {
        docs = docs == null || docs.isBlank() ? "config/knowledge" : docs.trim();
        index = index == null || index.isBlank() ? "data/index" : index.trim();
    }

    public static KnowledgeConfig defaults() {
        return new KnowledgeConfig(null, null);
    }
}
