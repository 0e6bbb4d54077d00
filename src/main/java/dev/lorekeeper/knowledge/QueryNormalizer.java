package dev.lorekeeper.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Members write the way people chat ("wen reveal", "how many r there", "1/1s"): spell the common shorthand out
 * before retrieval, so both the lexical and the dense retriever see words the docs use.
 */
final class QueryNormalizer {
    private static final Map<String, String> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put("wen", "when");
        WORDS.put("wat", "what");
        WORDS.put("wut", "what");
        WORDS.put("wats", "what is");
        WORDS.put("whats", "what is");
        WORDS.put("u", "you");
        WORDS.put("ur", "your");
        WORDS.put("r", "are");
        WORDS.put("ppl", "people");
        WORDS.put("pls", "please");
        WORDS.put("plz", "please");
        WORDS.put("rn", "right now");
        WORDS.put("thx", "thanks");
        WORDS.put("tho", "though");
        WORDS.put("bc", "because");
        WORDS.put("w/", "with");
        WORDS.put("gm", "good morning");
        WORDS.put("os", "opensea");
        WORDS.put("1/1", "one-of-one");
        WORDS.put("1/1s", "one-of-ones");
        WORDS.put("recieve", "receive");
    }

    private static final Pattern TOKEN = Pattern.compile("(?i)(?<![\\p{L}\\p{N}/])("
            + String.join("|", WORDS.keySet().stream().map(Pattern::quote).toList()) + ")(?![\\p{L}\\p{N}/])");

    private QueryNormalizer() {}

    static String normalize(String query) {
        Matcher m = TOKEN.matcher(query);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    sb, Matcher.quoteReplacement(WORDS.get(m.group(1).toLowerCase())));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
