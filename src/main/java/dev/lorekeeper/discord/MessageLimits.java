package dev.lorekeeper.discord;

import java.util.ArrayList;
import java.util.List;

/** Discord's size limits, applied before sending so that a long text is split rather than rejected. */
public final class MessageLimits {
    public static final int CONTENT = 2000;
    public static final int EMBED_DESCRIPTION = 4096;

    private MessageLimits() {}

    /** Splits text into pieces of at most {@code limit} characters, preferring line and then word boundaries. */
    public static List<String> split(String text, int limit) {
        List<String> out = new ArrayList<>();
        String rest = text;
        while (rest.length() > limit) {
            int cut = rest.lastIndexOf('\n', limit);
            if (cut < limit / 2) {
                cut = rest.lastIndexOf(' ', limit);
            }
            if (cut < limit / 2) {
                cut = limit;
            }
            out.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || out.isEmpty()) {
            out.add(rest);
        }
        return out;
    }

    public static String truncate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
