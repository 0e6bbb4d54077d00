package dev.lorekeeper.app.logging;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The secrets that must never reach a log line; the log converters replace each with {@code ****}. */
public final class SecretMask {
    private static final int MIN_LENGTH = 4;
    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();

    private SecretMask() {}

    public static void register(Set<String> secrets) {
        for (String s : secrets) {
            if (s.length() >= MIN_LENGTH && !SECRETS.contains(s)) {
                SECRETS.add(s);
            }
        }
        // Longest first, so a secret containing another is masked whole.
        SECRETS.sort(Comparator.comparingInt(String::length).reversed());
    }

    public static String mask(String text) {
        if (text == null || SECRETS.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : SECRETS) {
            if (out.contains(s)) {
                out = out.replace(s, "****");
            }
        }
        return out;
    }
}
