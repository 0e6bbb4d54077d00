package dev.lorekeeper.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt templates by name: a file in the operator's prompts folder wins over the copy in the jar. Placeholders
 * are {@code {{name}}}; values are inserted verbatim (the templates wrap untrusted text in marked blocks).
 */
public final class PromptTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_-]+)}}");
    private static final Pattern BLOCK_TAG = Pattern.compile("(?i)<(/?)\\s*untrusted");

    private final Path dir;

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
                    throw new IllegalStateException("prompt template " + fileName + " is missing from " + dir
                            + " and from the jar");
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
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : defuse(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String defuse(String value) {
        return BLOCK_TAG.matcher(value).replaceAll("‹$1untrusted");
    }
}
