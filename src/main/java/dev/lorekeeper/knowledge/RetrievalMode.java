package dev.lorekeeper.knowledge;

/** Which retrievers answer: lexical only, dense only, or both fused. */
public enum RetrievalMode {
    BM25,
    DENSE,
    HYBRID
}
