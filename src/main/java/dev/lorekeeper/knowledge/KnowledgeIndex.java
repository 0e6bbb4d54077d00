package dev.lorekeeper.knowledge;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hybrid index: Lucene BM25 and dense vectors over the same chunks. Chunks are grouped into their sections (page
 * and heading trail) before fusion, so each retriever ranks sections and a long section split into many chunks is
 * one result, not several. Sections are fused by reciprocal rank fusion ({@link Tuning}).
 */
public final class KnowledgeIndex {
    static final int CANDIDATES = 60;
    private static final int EVIDENCE_SECTIONS = 3;

    private final List<Chunk> chunks;
    private final Timer retrieval;
    private final Bm25Index bm25;
    private final DenseIndex dense;
    private final Embedder embedder;
    private volatile Tuning tuning = Tuning.DEFAULT;

    public KnowledgeIndex(List<Chunk> chunks, List<float[]> vectors, Embedder embedder) {
        this(chunks, vectors, embedder, new SimpleMeterRegistry().timer("lorekeeper.retrieval"));
    }

    public KnowledgeIndex(List<Chunk> chunks, List<float[]> vectors, Embedder embedder, Timer retrieval) {
        this.retrieval = retrieval;
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException("one vector per chunk");
        }
        this.chunks = List.copyOf(chunks);
        this.embedder = embedder;
        this.bm25 = new Bm25Index(this.chunks);
        this.dense = new DenseIndex(vectors); // packed: the per-chunk arrays passed in are not kept
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    /** The chunks' vectors, in chunk order (copied out of the packed index on access). */
    public List<float[]> vectors() {
        return dense.vectors();
    }

    public int size() {
        return chunks.size();
    }

    /** Evaluation sets the parameters it chose on other corpora. */
    public void tune(Tuning t) {
        this.tuning = t;
    }

    public List<Hit> search(String query, int k) {
        return retrieve(query, k, RetrievalMode.HYBRID).hits();
    }

    public List<Hit> search(String query, int k, RetrievalMode mode) {
        return retrieve(query, k, mode).hits();
    }

    /** The top {@code k} distinct sections, best first, and the evidence on whether they answer the question. */
    public Retrieved retrieve(String query, int k, RetrievalMode mode) {
        return retrieval.record(() -> retrieveTimed(query, k, mode, tuning));
    }

    private Retrieved retrieveTimed(String query, int k, RetrievalMode mode, Tuning t) {
        String normalized = QueryNormalizer.normalize(query);
        float[] q = embedder.embedQuery(normalized);
        Map<String, Section> sections = new LinkedHashMap<>();
        if (mode != RetrievalMode.DENSE) {
            rank(bm25.search(normalized, CANDIDATES, t.headingBoost()), sections, q, true);
        }
        if (mode != RetrievalMode.BM25) {
            rank(dense.search(q, CANDIDATES), sections, q, false);
        }
        List<Hit> ranked = new ArrayList<>();
        for (Section s : sections.values()) {
            double score = (s.bm25Rank > 0 ? t.bm25Weight() / (t.rrfK() + s.bm25Rank) : 0)
                    + (s.denseRank > 0 ? 1.0 / (t.rrfK() + s.denseRank) : 0);
            ranked.add(new Hit(chunks.get(s.best), score, s.similarity, s.bm25Rank, s.denseRank));
        }
        // On a tie (common in small doc sets) the section closer in meaning goes first.
        ranked.sort((a, b) -> a.score() != b.score()
                ? Double.compare(b.score(), a.score())
                : Double.compare(b.similarity(), a.similarity()));
        Evidence evidence = EvidenceMeter.measure(
                normalized, ranked.subList(0, Math.min(EVIDENCE_SECTIONS, ranked.size())), ranked, bm25);
        return new Retrieved(ranked.subList(0, Math.min(k, ranked.size())), evidence, chunks.size());
    }

    /** Section ranks in one retriever's list: a section ranks where its best chunk does. */
    private void rank(List<Scored> list, Map<String, Section> sections, float[] q, boolean lexical) {
        int next = 0;
        for (Scored s : list) {
            Section sec = sections.computeIfAbsent(chunks.get(s.chunk()).sectionKey(), key -> new Section());
            double cos = dense.dot(q, s.chunk());
            if (cos > sec.similarity) {
                sec.similarity = cos;
                sec.best = s.chunk();
            }
            if (lexical && sec.bm25Rank == 0) {
                sec.bm25Rank = ++next;
            } else if (!lexical && sec.denseRank == 0) {
                sec.denseRank = ++next;
            }
        }
    }

    private static final class Section {
        int best;
        double similarity = -2;
        int bm25Rank;
        int denseRank;
    }
}
