package dev.lorekeeper.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Name helpers for config keys: kebab-case mapping and "did you mean" suggestions. */
public final class Names {
    private Names() {}

    public static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The known name closest to {@code wrong}, if it is close enough to be a plausible typo. */
    public static Optional<String> nearest(String wrong, Collection<String> known) {
        return known.stream()
                .min(Comparator.comparingInt(k -> distance(wrong.toLowerCase(), k.toLowerCase())))
                .filter(k -> distance(wrong.toLowerCase(), k.toLowerCase()) <= Math.max(2, k.length() / 2));
    }

    /** Edit distance (Levenshtein): insertions, deletions and substitutions. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
