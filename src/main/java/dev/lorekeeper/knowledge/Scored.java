package dev.lorekeeper.knowledge;

/** A chunk (by position in the index) and its score from one retriever. */
public record Scored(int chunk, double score) {}
