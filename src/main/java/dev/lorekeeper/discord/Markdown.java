package dev.lorekeeper.discord;

/** Escapes text from users or documents before it is placed inside Discord markdown. */
public final class Markdown {
    private Markdown() {}

    public static String escape(String text) {
        return text.replaceAll("([\\\\*_~`|>\\[\\]()#-])", "\\\\$1");
    }
}
