package dev.lorekeeper.knowledge;

import java.util.List;

/**
 * A retrieval unit: a piece of one section of one page, with its heading trail and anchor so that citations point
 * at the exact section. {@code headings} is the trail from the top ("Mint guide", "Allowlist phase").
 */
public record Chunk(String path, String title, List<String> headings, String anchor, String text) {
    public Chunk {
        headings = List.copyOf(headings);
    }

    /** The nearest heading above the chunk (the page title for text before the first heading). */
    public String heading() {
        return headings.isEmpty() ? title : headings.get(headings.size() - 1);
    }

    /** What is indexed and embedded: the title and heading trail give a section its context. */
    public String indexText() {
        StringBuilder sb = new StringBuilder(title);
        for (String h : headings) {
            if (!h.equals(title)) {
                sb.append(" > ").append(h);
            }
        }
        return sb.append('\n').append(text).toString();
    }

    /** Same page and heading trail: results and citations name each section once. */
    public String sectionKey() {
        return path + "#" + String.join(" > ", headings);
    }
}
