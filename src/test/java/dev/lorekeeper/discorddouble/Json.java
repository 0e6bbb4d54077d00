package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** JSON helpers for building Discord payloads. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter DISCORD_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private Json() {}

    static ObjectNode obj(Object... kv) {
        ObjectNode n = MAPPER.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], MAPPER.valueToTree(kv[i + 1]));
        }
        return n;
    }

    static ArrayNode arr(Object... items) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Object o : items) {
            a.add(MAPPER.<JsonNode>valueToTree(o));
        }
        return a;
    }

    static String time(Instant t) {
        return DISCORD_TIME.format(t);
    }

    static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new DiscordError(400, 50109, "The request body contains invalid JSON.");
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
