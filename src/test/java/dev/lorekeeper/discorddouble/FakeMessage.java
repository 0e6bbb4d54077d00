package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A message as Discord stored it, with the exact body the bot sent ({@link #request()}), so tests can assert
 * on content, embeds, components, flags and allowed mentions.
 */
public record FakeMessage(
        long id,
        long channelId,
        Long guildId,
        FakeUser author,
        String content,
        JsonNode embeds,
        JsonNode components,
        int flags,
        JsonNode allowedMentions,
        Long interactionId,
        JsonNode request) {

    public static final int EPHEMERAL = 64;

    public boolean ephemeral() {
        return (flags & EPHEMERAL) != 0;
    }

    /** Every button, in layout order. */
    public List<Button> buttons() {
        List<Button> out = new ArrayList<>();
        for (JsonNode row : components) {
            for (JsonNode c : row.path("components")) {
                if (c.path("type").asInt() == 2) {
                    out.add(new Button(
                            this,
                            c.path("label").asText(""),
                            c.path("custom_id").asText(null),
                            c.path("url").asText(null),
                            c.path("style").asInt(),
                            c.path("disabled").asBoolean()));
                }
            }
        }
        return out;
    }

    /** The button whose label contains {@code text}. */
    public Button button(String text) {
        return buttons().stream()
                .filter(b -> b.label().contains(text))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no button labelled '" + text + "' in " + buttons()));
    }

    /** Content plus embed titles, descriptions and fields: what a member reads. */
    public String text() {
        StringBuilder sb = new StringBuilder(content);
        for (JsonNode e : embeds) {
            sb.append('\n')
                    .append(e.path("title").asText(""))
                    .append('\n')
                    .append(e.path("description").asText(""));
            for (JsonNode f : e.path("fields")) {
                sb.append('\n')
                        .append(f.path("name").asText(""))
                        .append(": ")
                        .append(f.path("value").asText(""));
            }
            sb.append('\n').append(e.path("footer").path("text").asText(""));
        }
        return sb.toString();
    }

    /** The files the bot attached, by name, with their bytes. */
    public java.util.Map<String, byte[]> files() {
        java.util.Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        request.path("_files")
                .forEach(f -> out.put(
                        f.path("filename").asText(),
                        java.util.Base64.getDecoder().decode(f.path("data").asText(""))));
        return out;
    }

    /** True when the bot allowed no mention at all (parse empty, no users or roles listed). */
    public boolean mentionsNothing() {
        return allowedMentions != null
                && allowedMentions.path("parse").isEmpty()
                && allowedMentions.path("users").isEmpty()
                && allowedMentions.path("roles").isEmpty()
                && !allowedMentions.path("replied_user").asBoolean(false);
    }

    ObjectNode toJson() {
        ObjectNode n = Json.obj(
                "id",
                Long.toString(id),
                "channel_id",
                Long.toString(channelId),
                "type",
                0,
                "content",
                content,
                "author",
                author.toJson(),
                "timestamp",
                Json.time(java.time.Instant.ofEpochMilli(Snowflakes.millis(id))),
                "edited_timestamp",
                null,
                "tts",
                false,
                "mention_everyone",
                false,
                "mentions",
                Json.arr(),
                "mention_roles",
                Json.arr(),
                "attachments",
                Json.arr(),
                "pinned",
                false,
                "flags",
                flags);
        ArrayNodeCopy.embedsWithType(n, embeds);
        n.set("components", components);
        if (guildId != null) {
            n.put("guild_id", Long.toString(guildId));
        }
        if (author.bot() && interactionId != null) {
            n.put("application_id", Long.toString(author.id())).put("webhook_id", Long.toString(author.id()));
        }
        return n;
    }

    /** A button on a message. */
    public record Button(FakeMessage message, String label, String customId, String url, int style, boolean disabled) {}

    /** JDA requires each embed to carry a type when echoed back. */
    static final class ArrayNodeCopy {
        private ArrayNodeCopy() {}

        static void embedsWithType(ObjectNode message, JsonNode embeds) {
            var arr = Json.MAPPER.createArrayNode();
            for (JsonNode e : embeds) {
                ObjectNode copy = ((ObjectNode) e).deepCopy();
                if (!copy.has("type")) {
                    copy.put("type", "rich");
                }
                arr.add(copy);
            }
            message.set("embeds", arr);
        }
    }
}
