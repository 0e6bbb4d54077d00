package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Turns test input into a command's option tree, typed by the command as the bot registered it, and enforces what
 * the Discord client enforces: known options, required ones present, values among the choices.
 */
final class OptionBuilder {
    private static final int SUB_COMMAND = 1;
    private static final int SUB_COMMAND_GROUP = 2;

    private final DiscordDouble discord;
    private final FakeGuild guild;
    private final ObjectNode resolved = Json.obj();

    OptionBuilder(DiscordDouble discord, FakeGuild guild) {
        this.discord = discord;
        this.guild = guild;
    }

    ObjectNode resolved() {
        return resolved;
    }

    ArrayNode build(JsonNode command, String[] path, Map<String, ?> values, String focused) {
        JsonNode level = command;
        ArrayNode root = Json.MAPPER.createArrayNode();
        ArrayNode target = root;
        for (int i = 1; i < path.length; i++) {
            JsonNode sub = child(level, path[i]);
            int type = sub.path("type").asInt();
            if (type != SUB_COMMAND && type != SUB_COMMAND_GROUP) {
                throw new IllegalArgumentException(path[i] + " is an option of /" + path[0] + ", not a subcommand");
            }
            ObjectNode node = Json.obj("name", path[i], "type", type);
            ArrayNode inner = node.putArray("options");
            target.add(node);
            target = inner;
            level = sub;
        }
        for (JsonNode o : level.path("options")) {
            int t = o.path("type").asInt();
            if (t == SUB_COMMAND || t == SUB_COMMAND_GROUP) {
                throw new IllegalArgumentException("/" + String.join(" ", path) + " needs a subcommand: "
                        + level.path("options").findValuesAsText("name"));
            }
        }
        for (Map.Entry<String, ?> e : values.entrySet()) {
            JsonNode def = child(level, e.getKey());
            ObjectNode opt =
                    Json.obj("name", e.getKey(), "type", def.path("type").asInt());
            opt.set("value", value(def, e.getValue(), e.getKey().equals(focused)));
            if (e.getKey().equals(focused)) {
                opt.put("focused", true);
            }
            target.add(opt);
        }
        for (JsonNode def : level.path("options")) {
            if (def.path("required").asBoolean()
                    && !values.containsKey(def.path("name").asText())) {
                throw new IllegalArgumentException("/" + String.join(" ", path) + " needs option "
                        + def.path("name").asText());
            }
        }
        return root;
    }

    private static JsonNode child(JsonNode level, String name) {
        for (JsonNode o : level.path("options")) {
            if (o.path("name").asText().equals(name)) {
                return o;
            }
        }
        throw new NoSuchElementException("no option or subcommand '" + name + "' in "
                + level.path("name").asText() + "; it has "
                + level.path("options").findValuesAsText("name"));
    }

    private JsonNode value(JsonNode def, Object raw, boolean focused) {
        int type = def.path("type").asInt();
        String text = String.valueOf(raw);
        if (!focused && def.has("choices") && def.path("choices").size() > 0) {
            text = choice(def, text);
        }
        return switch (type) {
            case 3 -> Json.MAPPER.valueToTree(text);
            case 4 -> focused ? Json.MAPPER.valueToTree(text) : Json.MAPPER.valueToTree(Long.parseLong(text));
            case 10 -> focused ? Json.MAPPER.valueToTree(text) : Json.MAPPER.valueToTree(Double.parseDouble(text));
            case 5 -> Json.MAPPER.valueToTree(Boolean.parseBoolean(text));
            case 6 -> Json.MAPPER.valueToTree(Long.toString(user(raw)));
            case 7 -> Json.MAPPER.valueToTree(Long.toString(channel(raw)));
            case 8 -> Json.MAPPER.valueToTree(Long.toString(role(raw)));
            case 9 -> Json.MAPPER.valueToTree(Long.toString(raw instanceof FakeRole ? role(raw) : user(raw)));
            default -> throw new IllegalArgumentException("option type " + type + " is not supported by the double");
        };
    }

    private static String choice(JsonNode def, String text) {
        for (JsonNode c : def.path("choices")) {
            if (c.path("value").asText().equals(text) || c.path("name").asText().equals(text)) {
                return c.path("value").asText();
            }
        }
        throw new IllegalArgumentException(
                "'" + text + "' is not a choice of option " + def.path("name").asText() + ": " + def.path("choices"));
    }

    private long user(Object raw) {
        FakeMember m = raw instanceof FakeMember fm
                ? fm
                : guild.members().stream()
                        .filter(x -> ("@" + x.user().username()).equals(raw)
                                || Long.toString(x.id()).equals(raw)
                                || x.user().mention().equals(raw))
                        .findFirst()
                        .orElseThrow(() -> new NoSuchElementException("no member " + raw));
        resolved.withObjectProperty("users").set(Long.toString(m.id()), m.user().toJson());
        ObjectNode member = m.toJson();
        member.remove("user");
        member.put("permissions", Long.toString(guild.permissionsOf(m)));
        resolved.withObjectProperty("members").set(Long.toString(m.id()), member);
        return m.id();
    }

    private long channel(Object raw) {
        FakeChannel c = raw instanceof FakeChannel fc
                ? fc
                : guild.channel(String.valueOf(raw).replaceFirst("^#", ""));
        resolved.withObjectProperty("channels")
                .set(Long.toString(c.id()), c.toJson().put("permissions", Long.toString(Perms.ALL)));
        return c.id();
    }

    private long role(Object raw) {
        FakeRole r = raw instanceof FakeRole fr
                ? fr
                : guild.roleNamed(String.valueOf(raw).replaceFirst("^@&?", ""));
        resolved.withObjectProperty("roles").set(Long.toString(r.id()), r.toJson());
        return r.id();
    }
}
