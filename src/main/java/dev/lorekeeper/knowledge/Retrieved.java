package dev.lorekeeper.knowledge;

import java.util.List;

/** Ranked distinct sections, the evidence on whether they answer the question, and how many chunks were searched. */
public record Retrieved(List<Hit> hits, Evidence evidence, int indexSize) {
    public Retrieved {
        hits = List.copyOf(hits);
    }
}
