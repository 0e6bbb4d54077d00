package dev.lorekeeper.knowledge;

/**
 * What retrieval knows about whether the docs answer a question: the best cosine, its margin over the next
 * sections, whether BM25 and dense retrieval agree on the top section, and how much of the question's
 * (idf-weighted) content words the top sections contain.
 */
public record Evidence(double similarity, double margin, double agreement, double coverage) {
    static final Evidence NONE = new Evidence(0, 0, 0, 0);

    double[] features() {
        return new double[] {similarity, margin, agreement, coverage};
    }
}
