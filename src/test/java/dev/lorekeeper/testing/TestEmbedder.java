package dev.lorekeeper.testing;

import dev.lorekeeper.knowledge.BgeEmbedder;

/** One in-process embedding model for the whole test JVM: loading it is the slow part. */
public final class TestEmbedder {
    private static BgeEmbedder shared;

    private TestEmbedder() {}

    public static synchronized BgeEmbedder shared() {
        if (shared == null) {
            shared = new BgeEmbedder();
        }
        return shared;
    }
}
