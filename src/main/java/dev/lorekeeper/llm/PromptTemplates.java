package dev.lorekeeper.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prompt templates by name: a file in the operator's prompts folder wins over the copy in the jar. Placeholders
 * are {@code {{name}}}; values are inserted verbatim (the templates wrap untrusted text in marked blocks). Each
 * template knows its own placeholders: any other one (a typo such as {@code {{pasages}}}) would reach the model as
 * literal text, so {@link #problems()} reports it and the bot refuses to start with it.
 */
public final class PromptTemplates {
    private static final Logger log = LoggerFactory.getLogger(PromptTemplates.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_-]+)}}");
    private static final Pattern BRACES = Pattern.compile("\\{\\{([^{}\\n]*)}}");
    private static final Pattern BLOCK_TAG = Pattern.compile("(?i)<(/?)\\s*untrusted");

    /** Every template the code renders, with the placeholders the code fills in. */
    static final Map<String, List<String>> KNOWN = Map.of(
            "answer-system", List.of(),
            "answer-user", List.of("passages", "question"),
            "rewrite", List.of("history", "question"),
            "narrator-system", List.of(),
            "persona", List.of("name", "description", "traits"),
            "quest",
                    List.of(
                            "name",
                            "level",
                            "archetype",
                            "voice",
                            "backstory",
                            "inventory",
                            "memories",
                            "lore",
                            "avoid",
                            "feedback"),
            "talk",
                    List.of(
                            "name",
                            "level",
                            "archetype",
                            "voice",
                            "backstory",
                            "summary",
                            "memories",
                            "message",
                            "feedback"),
            "memory-summary", List.of("name", "summary", "memories", "feedback"));

    private final Path dir;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** Something wrong with one template file; an error makes the prompt wrong, a warning leaves something out. */
    public record Problem(String file, String message, boolean error) {}

    public PromptTemplates(Path dir) {
        this.dir = dir;
    }

    public String get(String name) {
        return file(name + ".md");
    }

    /** Any file of the prompts folder by its full name (for example the offline narrator's YAML). */
    public String file(String fileName) {
        Path file = dir.resolve(fileName);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            try (InputStream in = PromptTemplates.class.getResourceAsStream("/prompts/" + fileName)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "prompt template " + fileName + " is missing from " + dir + " and from the jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt template " + fileName, e);
        }
    }

    /**
     * Fills the placeholders in one pass, so a value can never expand another placeholder. Values can not open or
     * close an {@code <untrusted>} block either: such tags inside them are defused.
     */
    public String render(String name, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(get(name));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null && warned.add(name + "/" + m.group(1))) {
                // The file may have been edited since start-up; say so once instead of on every prompt.
                log.warn(
                        "prompt template {}.md has an unknown placeholder {}; the model sees it as text (run "
                                + "config check)",
                        name,
                        m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : defuse(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** What is wrong with the templates in the folder (or the jar), every template at once. */
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        KNOWN.keySet().stream().sorted().forEach(name -> {
            String file = dir.resolve(name + ".md").toString();
            String text;
            try {
                text = get(name);
            } catch (RuntimeException e) {
                out.add(new Problem(file, "cannot be read: " + e.getMessage(), true));
                return;
            }
            out.addAll(problems(file, text, KNOWN.get(name)));
        });
        return out;
    }

    static List<Problem> problems(String file, String text, List<String> known) {
        List<Problem> out = new ArrayList<>();
        String knows = known.isEmpty()
                ? "this template has no placeholders"
                : "this template knows "
                        + String.join(
                                ", ", known.stream().map(k -> "{{" + k + "}}").toList());
        Matcher m = BRACES.matcher(text);
        while (m.find()) {
            String inside = m.group(1);
            if (!inside.equals(inside.strip()) && known.contains(inside.strip())) {
                out.add(new Problem(
                        file, "write " + m.group() + " without spaces, as {{" + inside.strip() + "}}", true));
            } else if (!known.contains(inside)) {
                out.add(new Problem(file, "unknown placeholder " + m.group() + " (" + knows + ")", true));
            }
        }
        if (BRACES.matcher(text).replaceAll("").contains("{{")) {
            out.add(new Problem(file, "has a '{{' that is not closed with '}}' on the same line", true));
        }
        for (String k : known) {
            if (!text.contains("{{" + k + "}}")) {
                out.add(new Problem(file, "does not use {{" + k + "}}, so the model never sees it", false));
            }
        }
        return out;
    }

    static String defuse(String value) {
        return BLOCK_TAG.matcher(value).replaceAll("‹$1untrusted");
    }
}
