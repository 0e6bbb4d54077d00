package dev.lorekeeper.llm;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model and narrator output made safe to post. A link stays clickable only when it goes to an allowed host (the
 * docs' own, or a configured domain). Any other link is defused: its address is dropped and only its host is shown,
 * with the dots bracketed ({@code [claim](https://evil.example/x)} becomes {@code claim (evil[.]example)}), so it can
 * neither be clicked nor unfurled, yet a reader still sees where it pointed. Mass and member mentions are broken
 * with a zero-width space (the bot also allows no mentions; this keeps them from even looking like one).
 *
 * <p>Detection reads the text NFKC-normalized and without invisible characters (see {@link NormalizedText}), so
 * fullwidth schemes, lookalike dots and zero-width characters inside a scheme are caught; text around a match is
 * left exactly as it was.
 */
public final class GeneratedText {
    private static final String SCHEME = "https?:[/\\\\]+";
    private static final String DOT = "[.\u3002]";
    private static final Pattern DETECTED = Pattern.compile(
            "(?<masked>\\[(?<label>[^\\[\\]\\n]{0,300})]\\(\\s*<?\\s*(?<target>" + SCHEME + "[^\\s<>()]*)\\s*>?"
                    + "(?:\\s+(?:\"[^\"\\n]*\"|'[^'\\n]*'))?\\s*\\))"
                    + "|(?<auto><\\s*(?<autoUrl>" + SCHEME + "[^\\s<>]*)\\s*>)"
                    + "|(?<bare>" + SCHEME + "[^\\s<>\\[\\]()\"'`]+)"
                    + "|(?<invite>(?<![\\w.-])(?:discord(?:app)?" + DOT + "com/invite|discord" + DOT
                    + "(?:gg|me|io|li)|dsc" + DOT + "gg)/[\\w-]+)"
                    + "|@(?<mass>everyone|here)"
                    + "|<@(?<member>[!&]?\\d+)>",
            Pattern.CASE_INSENSITIVE);
    /** Punctuation that ends a sentence after a bare link rather than belonging to it. */
    private static final Pattern TRAILING = Pattern.compile("[.,;:!?*_~|\u3002]+$");

    private final AllowedLinks allowed;

    public GeneratedText(AllowedLinks allowed) {
        this.allowed = allowed;
    }

    /** No link stays clickable. */
    public static GeneratedText strict() {
        return new GeneratedText(AllowedLinks.none());
    }

    public AllowedLinks allowed() {
        return allowed;
    }

    public String defuse(String text) {
        return rewrite(text, this::defused);
    }

    /**
     * A member's own words, safe to repeat in a public reply: links are replaced by "(link)" (a masked one keeps its
     * label) and mentions lose their ping, whatever the allowed hosts, so the bot never relays a member's link.
     */
    public static String withoutLinksOrMentions(String text) {
        return rewrite(text, GeneratedText::removed);
    }

    private String defused(Matcher m) {
        if (m.group("masked") != null) {
            String target = m.group("target");
            String label = defuse(m.group("label"));
            return allowed.allows(target) ? label + " (<" + target + ">)" : label + " (" + defanged(target) + ")";
        }
        if (m.group("auto") != null) {
            String url = m.group("autoUrl");
            return allowed.allows(url) ? "<" + url + ">" : defanged(url);
        }
        if (m.group("bare") != null) {
            String url = m.group("bare");
            Matcher tail = TRAILING.matcher(url);
            String end = tail.find() ? tail.group() : "";
            String link = url.substring(0, url.length() - end.length());
            return (allowed.allows(link) ? link : defanged(link)) + end;
        }
        if (m.group("invite") != null) {
            String invite = m.group("invite");
            return allowed.allows("https://" + invite) ? invite : invite.replaceAll(DOT, "[.]");
        }
        return m.group("mass") != null ? "@\u200b" + m.group("mass") : "<@\u200b" + m.group("member") + ">";
    }

    private static String removed(Matcher m) {
        if (m.group("masked") != null) {
            return withoutLinksOrMentions(m.group("label"));
        }
        if (m.group("mass") != null) {
            return m.group("mass");
        }
        return m.group("member") != null ? "someone" : "(link)";
    }

    private static String defanged(String url) {
        String host = AllowedLinks.hostOf(url);
        return host.isEmpty() ? "(link removed)" : host.replace(".", "[.]");
    }

    private static String rewrite(String text, Function<Matcher, String> replacement) {
        NormalizedText n = NormalizedText.of(text);
        Matcher m = DETECTED.matcher(n.text());
        StringBuilder out = new StringBuilder(text.length() + 16);
        int copied = 0;
        while (m.find()) {
            int start = n.originalStart(m.start());
            if (start > copied) {
                out.append(text, copied, start);
            }
            out.append(replacement.apply(m));
            copied = Math.max(copied, n.originalEnd(m.end()));
        }
        return out.append(text, Math.min(copied, text.length()), text.length()).toString();
    }
}
