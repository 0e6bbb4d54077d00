package dev.lorekeeper.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.lorekeeper.Refusal;
import dev.lorekeeper.config.RuleSpec;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rule as JSON, in the same shape as the YAML: how /gate add reads combined rules and how gates are stored. */
public final class RuleJson {
    /** The gates table stores a rule in a VARCHAR(8000). */
    static final int MAX_STORED = 8000;

    private static final Pattern UNEXPECTED_CHAR = Pattern.compile(
            "Unexpected character \\(('.*?') \\(code \\d+\\)\\)" + "(?:: (?:was )?expect(?:ing|ed) (.*))?");
    private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '([^']{1,40})'");
    private static final Pattern CLOSE_MARKER = Pattern.compile("Unexpected close marker ('.'): expected ('.')");

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private RuleJson() {}

    /** A rule a moderator wrote; a Refusal says where it breaks, in a line, without the parser's internals. */
    public static RuleSpec parse(String json) {
        try {
            RuleSpec rule = JSON.readValue(json, RuleSpec.class);
            if (rule == null) {
                throw new Refusal("The rule is empty. Write it like {\"any\":[{\"type\":\"erc721\",\"chain\":"
                        + "\"ethereum\",\"contract\":\"0x…\"}, …]}");
            }
            return rule;
        } catch (UnrecognizedPropertyException e) {
            throw new Refusal("The rule has an unknown key '" + e.getPropertyName() + "'" + at(e.getLocation())
                    + ". Known keys: type, chain, contract, min, max, token-ids, traits, ids, amount, all, any, not.");
        } catch (MismatchedInputException e) {
            throw new Refusal(mismatch(e));
        } catch (JsonProcessingException e) {
            throw new Refusal("The rule is not valid JSON" + at(e.getLocation()) + ": " + syntax(e.getOriginalMessage())
                    + ". Check the quotes, commas and brackets.");
        }
    }

    /** A rule read back from storage, where it was written by {@link #write}. */
    static RuleSpec stored(String json) {
        try {
            return JSON.readValue(json, RuleSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored gate rule is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(RuleSpec rule) {
        try {
            return JSON.writeValueAsString(rule);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1
                ? ""
                : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    /** Jackson's sentence in a few words: what was found, and what was expected there. */
    static String syntax(String message) {
        String m = message == null ? "" : message.split("\n", 2)[0];
        Matcher c = UNEXPECTED_CHAR.matcher(m);
        if (c.find()) {
            return c.group(1).equals("'''")
                    ? "found a single quote where " + expected(c.group(2)) + " should be; JSON takes double quotes"
                    : "found " + c.group(1) + " where " + expected(c.group(2)) + " should be";
        }
        Matcher t = UNRECOGNIZED.matcher(m);
        if (t.find()) {
            return "found " + t.group(1) + " where a value should be; put text in double quotes (\"" + t.group(1)
                    + "\")";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "the text ends too early; a closing } or ] is missing";
        }
        Matcher close = CLOSE_MARKER.matcher(m);
        if (close.find()) {
            return "found " + close.group(1) + " where " + close.group(2) + " should close the list or object";
        }
        return m.isEmpty() ? "unreadable" : m;
    }

    private static String expected(String jackson) {
        if (jackson == null) {
            return "a value";
        }
        if (jackson.contains("double-quote to start field name")) {
            return "a key in double quotes";
        }
        if (jackson.contains("comma to separate Object entries")) {
            return "a comma or }";
        }
        if (jackson.contains("comma to separate Array entries")) {
            return "a comma or ]";
        }
        if (jackson.contains("colon to separate field name and value")) {
            return "a colon";
        }
        return "a value";
    }

    /** The JSON is well formed, but a value has the wrong type: name the key and what it takes. */
    private static String mismatch(MismatchedInputException e) {
        String key = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("");
        if (key.isEmpty()) {
            return "The rule must be one JSON object such as {\"type\":\"erc721\",\"chain\":\"ethereum\","
                    + "\"contract\":\"0x…\"}" + at(e.getLocation()) + ".";
        }
        Class<?> type = e.getTargetType();
        String takes = type == null
                ? "another kind of value"
                : Number.class.isAssignableFrom(type) || type.isPrimitive()
                        ? "a whole number"
                        : java.util.Collection.class.isAssignableFrom(type)
                                ? "a list in [ ]"
                                : type == String.class ? "text in double quotes" : "an object in { }";
        return "The rule's '" + key + "'" + at(e.getLocation()) + " takes " + takes + ".";
    }
}
