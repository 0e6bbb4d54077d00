package dev.lorekeeper.knowledge;

import java.util.List;

/** Turns text into unit-length vectors; queries and documents may be embedded differently (bge query prefix). */
public interface Embedder {
    String name();

    List<float[]> embedDocuments(List<String> texts);

    float[] embedQuery(String text);
}
