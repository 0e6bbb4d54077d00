package dev.lorekeeper.knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Splits a page at its headings first, then each section by size (about {@code maxTokens}) with overlap, keeping
 * paragraphs whole where they fit. Code fences are never mistaken for headings.
 */
public final class Chunker {
    private final int maxTokens;
    private final int overlapTokens;

    public Chunker(int maxTokens, int overlapTokens) {
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    public List<Chunk> chunk(Doc doc) {
        List<Chunk> out = new ArrayList<>();
        List<String> trail = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        StringBuilder section = new StringBuilder();
        boolean inFence = false;
        for (String line : doc.text().split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                inFence = !inFence;
            }
            int level = inFence ? 0 : headingLevel(line);
            if (level == 0) {
                section.append(line).append('\n');
                continue;
            }
            flush(doc, trail, section, out);
            while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
                levels.remove(levels.size() - 1);
                trail.remove(trail.size() - 1);
            }
            levels.add(level);
            trail.add(line.substring(level).strip());
        }
        flush(doc, trail, section, out);
        return out;
    }

    private void flush(Doc doc, List<String> trail, StringBuilder section, List<Chunk> out) {
        String text = section.toString().strip();
        section.setLength(0);
        if (text.isEmpty()) {
            return;
        }
        String anchor = trail.isEmpty() ? "" : slug(trail.get(trail.size() - 1));
        for (String piece : split(text)) {
            out.add(new Chunk(doc.path(), doc.title(), trail, anchor, piece));
        }
    }

    /** Paragraph windows of at most maxTokens; a longer paragraph is cut by words. Windows overlap. */
    List<String> split(String text) {
        if (tokens(text) <= maxTokens) {
            return List.of(text);
        }
        List<String> words = new ArrayList<>();
        for (String paragraph : text.split("\n\\s*\n")) {
            words.addAll(Arrays.asList(paragraph.strip().split("\\s+")));
            words.add("\n\n");
        }
        int perChunk = Math.max(20, (int) (maxTokens / 1.3));
        int overlap = Math.max(0, (int) (overlapTokens / 1.3));
        List<String> out = new ArrayList<>();
        for (int start = 0; start < words.size(); start += perChunk - overlap) {
            List<String> window = words.subList(start, Math.min(words.size(), start + perChunk));
            String piece = String.join(" ", window)
                    .replace(" \n\n ", "\n\n")
                    .replace("\n\n ", "\n\n")
                    .strip();
            if (!piece.isEmpty()) {
                out.add(piece);
            }
            if (start + perChunk >= words.size()) {
                break;
            }
        }
        return out;
    }

    /** Roughly the tokens a model counts: about 1.3 per English word. */
    static int tokens(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : (int) Math.ceil(t.split("\\s+").length * 1.3);
    }

    static int headingLevel(String line) {
        int n = 0;
        while (n < line.length() && n < 7 && line.charAt(n) == '#') {
            n++;
        }
        return n >= 1 && n <= 6 && line.length() > n && line.charAt(n) == ' ' ? n : 0;
    }

    /** GitHub-style anchor: lower case, spaces to dashes, punctuation dropped. */
    public static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .trim()
                .replace(' ', '-');
    }
}
