package dev.lorekeeper.knowledge;

import java.util.List;

/** A cited section: numbered as in the answer, with a link to the published page and heading when known. */
public record Source(
        int number, String path, String title, String heading, List<String> headings, String url, double score) {
    public Source {
        headings = List.copyOf(headings);
    }
}
