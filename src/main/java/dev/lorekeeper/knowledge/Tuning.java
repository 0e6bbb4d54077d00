package dev.lorekeeper.knowledge;

/**
 * The retrieval parameters that evaluation may choose (leave one corpus out, see {@code lorekeeper eval --loo}).
 * The default is plain reciprocal rank fusion (k = 60, equal weights) with the heading trail weighed like body
 * text: nothing in it was fitted to one corpus.
 */
public record Tuning(int rrfK, double bm25Weight, float headingBoost) {
    public static final Tuning DEFAULT = new Tuning(60, 1.0, 1.0f);

    @Override
    public String toString() {
        return "rrf-k=" + rrfK + " bm25-weight=" + bm25Weight + " heading-boost=" + headingBoost;
    }
}
