package dev.lorekeeper.knowledge;

/**
 * A retrieved chunk: its fused score, the best cosine similarity (how relevant it really is, for the "don't
 * know" threshold) and its ranks in each retriever (0 when absent).
 */
public record Hit(Chunk chunk, double score, double similarity, int bm25Rank, int denseRank) {}
