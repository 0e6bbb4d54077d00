package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/** Discord's server-side checks on a message payload, answered with Discord's own error codes. */
final class MessageRules {
    private static final int IS_COMPONENTS_V2 = 1 << 15;

    private MessageRules() {}

    /** Checks a message body; {@code prefix} is the JSON path to it ("" or "data."). */
    static void check(JsonNode m, String prefix, boolean creating) {
        String content = m.path("content").asText("");
        if (content.length() > 2000) {
            throw DiscordError.invalidForm(
                    prefix + "content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
        }
        JsonNode embeds = m.path("embeds");
        if (embeds.size() > 10) {
            throw DiscordError.invalidForm(prefix + "embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
        }
        int total = 0;
        for (int i = 0; i < embeds.size(); i++) {
            total += checkEmbed(embeds.get(i), prefix + "embeds." + i);
        }
        if (total > 6000) {
            throw DiscordError.invalidForm(
                    prefix + "embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
        }
        checkComponents(
                m.path("components"), prefix + "components", (m.path("flags").asInt() & IS_COMPONENTS_V2) != 0);
        boolean empty = content.isBlank()
                && embeds.isEmpty()
                && m.path("components").isEmpty()
                && m.path("attachments").isEmpty()
                && m.path("sticker_ids").isEmpty()
                && m.path("poll").isMissingNode();
        if (creating && empty) {
            throw new DiscordError(400, 50006, "Cannot send an empty message");
        }
    }

    private static int checkEmbed(JsonNode e, String path) {
        int size = 0;
        size += limit(e, "title", 256, path);
        size += limit(e, "description", 4096, path);
        size += limit(e.path("footer"), "text", 2048, path + ".footer");
        size += limit(e.path("author"), "name", 256, path + ".author");
        JsonNode fields = e.path("fields");
        if (fields.size() > 25) {
            throw DiscordError.invalidForm(path + ".fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
        }
        for (int i = 0; i < fields.size(); i++) {
            size += limit(fields.get(i), "name", 256, path + ".fields." + i);
            size += limit(fields.get(i), "value", 1024, path + ".fields." + i);
        }
        return size;
    }

    private static int limit(JsonNode node, String field, int max, String path) {
        String v = node.path(field).asText("");
        if (v.length() > max) {
            throw DiscordError.invalidForm(
                    path + "." + field, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.");
        }
        return v.length();
    }

    static void checkComponents(JsonNode rows, String path, boolean v2) {
        if (rows.isMissingNode() || rows.isNull()) {
            return;
        }
        if (!v2 && rows.size() > 5) {
            throw DiscordError.invalidForm(path, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
        }
        Set<String> ids = new HashSet<>();
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            String rowPath = path + "." + r;
            if (row.path("type").asInt() != 1) {
                if (!v2) {
                    throw DiscordError.invalidForm(
                            rowPath + ".type",
                            "COMPONENT_LAYOUT_INVALID",
                            "The specified component type is invalid in this context");
                }
                continue;
            }
            JsonNode children = row.path("components");
            if (children.isEmpty() || children.size() > 5) {
                throw DiscordError.invalidForm(
                        rowPath + ".components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
            }
            for (int c = 0; c < children.size(); c++) {
                checkChild(children.get(c), rowPath + ".components." + c, ids, children.size());
            }
        }
    }

    private static void checkChild(JsonNode child, String path, Set<String> ids, int siblings) {
        int type = child.path("type").asInt();
        if (type != 2 && siblings > 1) {
            throw DiscordError.invalidForm(
                    path, "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width");
        }
        boolean link = type == 2
                && (child.path("style").asInt() == 5 || child.path("style").asInt() == 6);
        if (link) {
            if (child.path("style").asInt() == 5 && !child.hasNonNull("url")) {
                throw DiscordError.invalidForm(path + ".url", "BASE_TYPE_REQUIRED", "This field is required");
            }
            return;
        }
        String id = child.path("custom_id").asText("");
        if (id.isEmpty() || id.length() > 100) {
            throw DiscordError.invalidForm(
                    path + ".custom_id", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
        if (!ids.add(id)) {
            throw DiscordError.invalidForm(
                    path + ".custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
        }
        if (child.path("label").asText("").length() > 80) {
            throw DiscordError.invalidForm(path + ".label", "BASE_TYPE_MAX_LENGTH", "Must be 80 or fewer in length.");
        }
    }

    /** Modal rules: 1 to 5 top-level components, title at most 45 characters, custom id at most 100. */
    static void checkModal(JsonNode data) {
        String title = data.path("title").asText("");
        if (title.isEmpty() || title.length() > 45) {
            throw DiscordError.invalidForm("data.title", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 45 in length.");
        }
        String id = data.path("custom_id").asText("");
        if (id.isEmpty() || id.length() > 100) {
            throw DiscordError.invalidForm(
                    "data.custom_id", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
        JsonNode comps = data.path("components");
        if (comps.isEmpty() || comps.size() > 5) {
            throw DiscordError.invalidForm(
                    "data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
        }
    }
}
