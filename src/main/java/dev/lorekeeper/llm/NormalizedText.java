package dev.lorekeeper.llm;

import java.text.Normalizer;

/**
 * Text as a link detector should read it: each character NFKC-normalized (fullwidth {@code ｈｔｔｐｓ：／／} reads
 * {@code https://}, {@code ․} and {@code ＠} read {@code .} and {@code @}), and invisible characters dropped (a
 * zero-width space inside a scheme). Each normalized character remembers where it came from, so that only what was
 * detected is rewritten and the rest of the original (its emoji sequences, ellipses, CJK) stays exactly as it was.
 */
final class NormalizedText {
    private final String original;
    private final String text;
    private final int[] from;
    private final int[] to;

    private NormalizedText(String original, String text, int[] from, int[] to) {
        this.original = original;
        this.text = text;
        this.from = from;
        this.to = to;
    }

    static NormalizedText of(String original) {
        StringBuilder out = new StringBuilder(original.length());
        int[] from = new int[original.length() * 2 + 1];
        int[] to = new int[original.length() * 2 + 1];
        int i = 0;
        while (i < original.length()) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (!invisible(cp)) {
                String n = cp < 0x80
                        ? Character.toString(cp)
                        : Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
                for (int k = 0; k < n.length(); k++) {
                    if (out.length() + 1 >= from.length) {
                        from = java.util.Arrays.copyOf(from, from.length * 2);
                        to = java.util.Arrays.copyOf(to, to.length * 2);
                    }
                    from[out.length()] = i;
                    to[out.length()] = next;
                    out.append(n.charAt(k));
                }
            }
            i = next;
        }
        return new NormalizedText(original, out.toString(), from, to);
    }

    /** Zero-width and bidi controls, soft hyphens, variation selectors, the combining grapheme joiner, fillers. */
    private static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT
                || cp >= 0xfe00 && cp <= 0xfe0f
                || cp == 0x034f
                || cp >= 0x180b && cp <= 0x180d
                || cp == 0x115f
                || cp == 0x1160
                || cp == 0x3164
                || cp == 0xffa0;
    }

    String text() {
        return text;
    }

    /** Where in the original normalized character {@code index} starts ({@code length()}: the original's end). */
    int originalStart(int index) {
        return index >= text.length() ? original.length() : from[index];
    }

    /** Where in the original the normalized text before {@code index} ends: past the whole of its last character. */
    int originalEnd(int index) {
        return index <= 0 ? 0 : to[index - 1];
    }
}
