package dev.lorekeeper.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.lorekeeper.Refusal;
import dev.lorekeeper.config.RuleSpec;

/** A rule as JSON, in the same shape as the YAML: how /gate add reads combined rules and how gates are stored. */
public final class RuleJson {
    /** The gates table stores a rule in a VARCHAR(8000). */
    static final int MAX_STORED = 8000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private RuleJson() {
    }

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
        } catch (JsonProcessingException e) {
            throw new Refusal("The rule is not valid JSON" + at(e.getLocation()) + ": " + firstLine(
                    e.getOriginalMessage()) + ". Check the quotes, commas and brackets.");
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
        return loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column "
                + loc.getColumnNr();
    }

    private static String firstLine(String message) {
        String m = message == null ? "unreadable" : message.split("\n", 2)[0];
        // Jackson quotes the offending token in a long sentence; the first clause is the useful part.
        int cut = m.indexOf(" (");
        return cut > 0 ? m.substring(0, cut) : m;
    }
}
