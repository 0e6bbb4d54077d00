package dev.lorekeeper.app;

import dev.lorekeeper.knowledge.Embedder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Evaluation asks each question under many settings: its vector is computed once. */
final class MemoEmbedder implements Embedder {
    private final Embedder inner;
    private final Map<String, float[]> queries = new ConcurrentHashMap<>();

    MemoEmbedder(Embedder inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        return inner.embedDocuments(texts);
    }

    @Override
    public float[] embedQuery(String text) {
        return queries.computeIfAbsent(text, inner::embedQuery);
    }
}
