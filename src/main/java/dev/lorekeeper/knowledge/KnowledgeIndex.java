package dev.lorekeeper.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hybrid index: Lucene BM25 and dense vectors over the same chunks, fused by reciprocal rank fusion. Results
 * name each section once, best first.
 */
public final class KnowledgeIndex {
    // Tuned with `lorekeeper eval` on the shipped docs: the dense retriever is the stronger one on member-style
    // questions, so its ranks weigh more, and a small k lets the top ranks decide.
    static final int RRF_K = 10;
    static final int CANDIDATES = 30;
    static final double BM25_WEIGHT = 0.7;

    private final List<Chunk> chunks;
    private final Timer retrieval;
    private final List<float[]> vectors;
    private final Bm25Index bm25;
    private final DenseIndex dense;
    private final Embedder embedder;

    public KnowledgeIndex(List<Chunk> chunks, List<float[]> vectors, Embedder embedder) {
        this(chunks, vectors, embedder, new SimpleMeterRegistry().timer("lorekeeper.retrieval"));
    }

    public KnowledgeIndex(List<Chunk> chunks, List<float[]> vectors, Embedder embedder, Timer retrieval) {
        this.retrieval = retrieval;
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException("one vector per chunk");
        }
        this.chunks = List.copyOf(chunks);
        this.vectors = List.copyOf(vectors);
        this.embedder = embedder;
        this.bm25 = new Bm25Index(this.chunks);
        this.dense = new DenseIndex(this.vectors);
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    public List<float[]> vectors() {
        return vectors;
    }

    public int size() {
        return chunks.size();
    }

    public List<Hit> search(String query, int k) {
        return search(query, k, RetrievalMode.HYBRID);
    }

    public List<Hit> search(String query, int k, RetrievalMode mode) {
        return retrieval.record(() -> searchTimed(query, k, mode));
    }


    private List<Hit> searchTimed(String query, int k, RetrievalMode mode) {
        String normalized = QueryNormalizer.normalize(query);
        List<Scored> lexical = mode == RetrievalMode.DENSE ? List.of() : bm25.search(normalized, CANDIDATES);
        float[] q = embedder.embedQuery(normalized);
        List<Scored> semantic = mode == RetrievalMode.BM25 ? List.of() : dense.search(q, CANDIDATES);
        Map<Integer, double[]> fused = new HashMap<>();
        for (int r = 0; r < lexical.size(); r++) {
            fused.computeIfAbsent(lexical.get(r).chunk(), i -> new double[3])[0] += BM25_WEIGHT / (RRF_K + r + 1);
            fused.get(lexical.get(r).chunk())[1] = r + 1;
        }
        for (int r = 0; r < semantic.size(); r++) {
            fused.computeIfAbsent(semantic.get(r).chunk(), i -> new double[3])[0] += 1.0 / (RRF_K + r + 1);
            fused.get(semantic.get(r).chunk())[2] = r + 1;
        }
        List<Hit> ranked = new ArrayList<>();
        fused.forEach((i, s) -> ranked.add(new Hit(chunks.get(i), s[0], cosine(q, vectors.get(i)), (int) s[1],
                (int) s[2])));
        ranked.sort((a, b) -> Double.compare(b.score(), a.score()));
        List<Hit> out = new ArrayList<>();
        Set<String> sections = new LinkedHashSet<>();
        for (Hit h : ranked) {
            if (sections.add(h.chunk().sectionKey())) {
                out.add(h);
                if (out.size() == k) {
                    break;
                }
            }
        }
        return out;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
