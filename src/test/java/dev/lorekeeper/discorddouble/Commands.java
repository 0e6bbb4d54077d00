package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/** Application commands the bot registered (bulk overwrite), globally and per guild, checked like Discord does. */
final class Commands {
    private static final Pattern NAME = Pattern.compile("^[-_\\p{L}\\p{N}]{1,32}$");

    private final DiscordDouble discord;
    private final Map<Long, ArrayNode> byScope = new HashMap<>();
    private static final long GLOBAL = 0L;

    Commands(DiscordDouble discord) {
        this.discord = discord;
    }

    synchronized JsonNode replace(Long guildId, JsonNode body) {
        if (!body.isArray()) {
            throw DiscordError.invalidForm("_root", "BASE_TYPE_ARRAY", "Must be an array.");
        }
        if (body.size() > 100) {
            throw DiscordError.invalidForm("_root", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
        }
        ArrayNode stored = Json.MAPPER.createArrayNode();
        for (int i = 0; i < body.size(); i++) {
            ObjectNode c = ((ObjectNode) body.get(i)).deepCopy();
            validate(c, String.valueOf(i));
            String id = Long.toString(discord.nextId());
            c.put("id", id)
                    .put("application_id", Long.toString(discord.applicationId()))
                    .put("version", id);
            if (!c.has("type")) {
                c.put("type", 1);
            }
            if (guildId != null) {
                c.put("guild_id", Long.toString(guildId));
            }
            stored.add(c);
        }
        byScope.put(guildId == null ? GLOBAL : guildId, stored);
        notifyAll();
        return stored;
    }

    private static void validate(JsonNode c, String path) {
        if (!NAME.matcher(c.path("name").asText("")).matches()
                || !c.path("name").asText().equals(c.path("name").asText().toLowerCase())) {
            throw DiscordError.invalidForm(
                    path + ".name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
        }
        String desc = c.path("description").asText("");
        if (c.path("type").asInt(1) == 1 && (desc.isEmpty() || desc.length() > 100)) {
            throw DiscordError.invalidForm(
                    path + ".description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
        JsonNode options = c.path("options");
        if (options.size() > 25) {
            throw DiscordError.invalidForm(path + ".options", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
        }
        for (int i = 0; i < options.size(); i++) {
            validate(options.get(i), path + ".options." + i);
        }
    }

    synchronized JsonNode list(Long guildId) {
        return byScope.getOrDefault(guildId == null ? GLOBAL : guildId, Json.MAPPER.createArrayNode());
    }

    /** The command a member in this guild would see, waiting briefly for the bot to register it. */
    synchronized JsonNode find(long guildId, String name, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            for (long scope : new long[] {guildId, GLOBAL}) {
                for (JsonNode c : byScope.getOrDefault(scope, Json.MAPPER.createArrayNode())) {
                    if (c.path("name").asText().equals(name)) {
                        return c;
                    }
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new NoSuchElementException("/" + name + " is not registered; registered: " + byScope);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    synchronized int count(Long guildId) {
        return list(guildId).size();
    }
}
