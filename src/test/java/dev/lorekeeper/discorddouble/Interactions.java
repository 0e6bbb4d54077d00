package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interactions: building INTERACTION_CREATE payloads as the Discord client would, and the interaction callback and
 * webhook routes with Discord's rules (3 s to acknowledge, once only; 15 min token for follow-ups).
 */
final class Interactions {
    static final long ACK_WINDOW_MS = 3_000;
    static final long TOKEN_LIFETIME_MS = 15 * 60_000;

    private final DiscordDouble discord;
    private final Map<Long, FakeInteraction> byId = new ConcurrentHashMap<>();
    private final Map<String, FakeInteraction> byToken = new ConcurrentHashMap<>();
    private final Map<Long, Integer> deferredFlags = new ConcurrentHashMap<>();

    Interactions(DiscordDouble discord) {
        this.discord = discord;
    }

    List<FakeInteraction> all() {
        return List.copyOf(byId.values());
    }

    // ---- building interactions ----

    FakeInteraction slash(
            FakeMember member, FakeChannel channel, String path, Map<String, ?> options, boolean autocomplete) {
        return send(command(member, channel, path, options, null, 2));
    }

    /** Builds a slash command interaction without sending it, so a burst can be sent without build cost. */
    FakeInteraction prepareSlash(FakeMember member, FakeChannel channel, String path, Map<String, ?> options) {
        return command(member, channel, path, options, null, 2);
    }

    FakeInteraction autocomplete(
            FakeMember member, FakeChannel channel, String path, Map<String, ?> options, String focused) {
        return send(command(member, channel, path, options, focused, 4));
    }

    private FakeInteraction command(
            FakeMember member, FakeChannel channel, String path, Map<String, ?> options, String focused, int type) {
        String[] parts = path.trim().split("\\s+");
        JsonNode command = discord.commands().find(member.guild().id, parts[0], Duration.ofSeconds(10));
        requirePermission(member, command);
        OptionBuilder builder = new OptionBuilder(discord, member.guild());
        ArrayNode built = builder.build(command, parts, options, focused);
        ObjectNode data = Json.obj("id", command.path("id").asText(), "name", parts[0], "type", 1);
        if (command.hasNonNull("guild_id")) {
            data.put("guild_id", command.path("guild_id").asText());
        }
        data.set("options", built);
        if (!builder.resolved().isEmpty()) {
            data.set("resolved", builder.resolved());
        }
        return build(type, member, channel, data, null);
    }

    private static void requirePermission(FakeMember member, JsonNode command) {
        JsonNode required = command.path("default_member_permissions");
        if (required.isNull() || required.isMissingNode()) {
            return;
        }
        long needed = Long.parseLong(required.asText());
        if (member.guild().commandAllowedByOverride(command.path("name").asText(), member)) {
            return;
        }
        long has = member.guild().permissionsOf(member);
        if ((has & needed) != needed) {
            throw new IllegalStateException(member + " cannot see /"
                    + command.path("name").asText() + ": Discord hides it from members without permissions " + needed);
        }
    }

    FakeInteraction click(FakeMember member, FakeMessage.Button button) {
        return send(prepareClick(member, button));
    }

    FakeInteraction prepareClick(FakeMember member, FakeMessage.Button button) {
        if (button.customId() == null) {
            throw new IllegalArgumentException("a link button opens a URL, it sends no interaction: " + button.url());
        }
        if (button.disabled()) {
            throw new IllegalStateException("button '" + button.label() + "' is disabled");
        }
        FakeMessage current = discord.messageOrThrow(button.message().id());
        FakeChannel channel = discord.channelOrThrow(current.channelId());
        ObjectNode data = Json.obj("custom_id", button.customId(), "component_type", 2);
        return build(3, member, channel, data, current.toJson());
    }

    FakeInteraction submitModal(FakeMember member, FakeInteraction opener, Map<String, String> values) {
        JsonNode modal = opener.awaitModal();
        ArrayNode components = Json.MAPPER.createArrayNode();
        int uid = 1;
        Set<String> used = new HashSet<>();
        for (JsonNode top : modal.path("components")) {
            if (top.path("type").asInt() != 18) {
                components.add(((ObjectNode) top.deepCopy()).put("id", uid++));
                continue;
            }
            JsonNode input = top.path("component");
            String customId = input.path("custom_id").asText();
            String value = values.get(customId);
            if (value == null && input.path("required").asBoolean(true)) {
                throw new IllegalArgumentException("the modal needs a value for required field " + customId);
            }
            used.add(customId);
            ObjectNode label = Json.obj("type", 18, "id", uid++);
            label.set(
                    "component",
                    Json.obj(
                            "type",
                            input.path("type").asInt(),
                            "id",
                            uid++,
                            "custom_id",
                            customId,
                            "value",
                            value == null ? "" : value));
            components.add(label);
        }
        if (!used.containsAll(values.keySet())) {
            throw new IllegalArgumentException("the modal has no fields " + values.keySet() + " (it has " + used + ")");
        }
        ObjectNode data = Json.obj("custom_id", modal.path("custom_id").asText());
        data.set("components", components);
        FakeChannel channel = discord.channelOrThrow(opener.channelId);
        return send(build(5, member, channel, data, null));
    }

    private FakeInteraction build(int type, FakeMember member, FakeChannel channel, ObjectNode data, JsonNode message) {
        FakeGuild guild = member.guild();
        long id = discord.nextId();
        String token = "lk-double-" + UUID.randomUUID();
        long perms = guild.permissionsOf(member);
        ObjectNode memberJson = member.toJson().put("permissions", Long.toString(perms));
        ObjectNode channelJson = channel.toJson().put("permissions", Long.toString(perms));
        ObjectNode payload = Json.obj(
                "id",
                Long.toString(id),
                "application_id",
                Long.toString(discord.applicationId()),
                "type",
                type,
                "token",
                token,
                "version",
                1,
                "guild_id",
                Long.toString(guild.id),
                "channel_id",
                Long.toString(channel.id()),
                "app_permissions",
                Long.toString(Perms.BOT),
                "locale",
                "en-US",
                "guild_locale",
                "en-US",
                "entitlements",
                Json.arr(),
                "authorizing_integration_owners",
                Json.obj("0", Long.toString(guild.id)),
                "context",
                0,
                "attachment_size_limit",
                10_485_760);
        payload.set("guild", guild.partial());
        payload.set("channel", channelJson);
        payload.set("member", memberJson);
        payload.set("data", data);
        if (message != null) {
            payload.set("message", message);
        }
        return new FakeInteraction(id, token, type, member, channel.id(), payload);
    }

    /** Sends a built interaction; its clock (for the 3 s window and latency) starts now. */
    FakeInteraction send(FakeInteraction interaction) {
        byId.put(interaction.id, interaction);
        byToken.put(interaction.token, interaction);
        interaction.createdNanos = System.nanoTime();
        interaction.createdMillis = System.currentTimeMillis();
        if (!discord.dispatch(interaction.member.guild().id, "INTERACTION_CREATE", interaction.payload)) {
            throw new IllegalStateException(
                    "the bot has no gateway session for guild " + interaction.member.guild().name);
        }
        return interaction;
    }

    // ---- REST side ----

    JsonNode callback(long interactionId, String token, JsonNode body) {
        FakeInteraction i = byId.get(interactionId);
        if (i == null || !i.token.equals(token) || discord.nowMillis() - i.createdMillis > ACK_WINDOW_MS) {
            throw new DiscordError(404, 10062, "Unknown interaction");
        }
        int type = body.path("type").asInt(-1);
        if (i.acknowledged()) {
            i.acknowledge(type, body.path("data"));
            throw new DiscordError(400, 40060, "Interaction has already been acknowledged.");
        }
        checkCallbackType(i, type);
        JsonNode data = body.path("data");
        switch (type) {
            case 4 -> MessageRules.check(data, "data.", true);
            case 7 -> MessageRules.check(data, "data.", false);
            case 9 -> MessageRules.checkModal(data);
            case 8 -> {
                if (data.path("choices").size() > 25) {
                    throw DiscordError.invalidForm(
                            "data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
                }
            }
            default -> {}
        }
        if (!i.acknowledge(type, data)) {
            throw new DiscordError(400, 40060, "Interaction has already been acknowledged.");
        }
        switch (type) {
            case 4 -> i.original(discord.storeMessage(i.channelId, discord.bot(), data, i.id));
            case 5 -> deferredFlags.put(i.id, data.path("flags").asInt(0));
            case 7 ->
                i.record(
                        discord.editMessage(i.payload.path("message").path("id").asLong(), data));
            default -> {}
        }
        return null;
    }

    private static void checkCallbackType(FakeInteraction i, int type) {
        List<Integer> allowed = switch (i.type) {
            case 2 -> List.of(4, 5, 9);
            case 3 -> List.of(4, 5, 6, 7, 9);
            case 4 -> List.of(8);
            case 5 -> List.of(4, 5, 6, 7);
            default -> new ArrayList<>();
        };
        if (!allowed.contains(type)) {
            throw DiscordError.invalidForm(
                    "type",
                    "INTERACTION_RESPONSE_TYPE_INVALID",
                    "Interaction response type " + type + " is not valid for interaction type " + i.type);
        }
    }

    private FakeInteraction byToken(String token) {
        FakeInteraction i = byToken.get(token);
        if (i == null) {
            throw new DiscordError(404, 10015, "Unknown Webhook");
        }
        if (discord.nowMillis() - i.createdMillis > TOKEN_LIFETIME_MS) {
            throw new DiscordError(401, 50027, "Invalid Webhook Token");
        }
        return i;
    }

    JsonNode followUp(String token, JsonNode body) {
        FakeInteraction i = byToken(token);
        if (!i.acknowledged()) {
            throw new DiscordError(404, 10015, "Unknown Webhook");
        }
        MessageRules.check(body, "", true);
        FakeMessage m = discord.storeMessage(i.channelId, discord.bot(), body, i.id);
        i.record(m);
        return m.toJson();
    }

    JsonNode editWebhookMessage(String token, String messageId, JsonNode body) {
        FakeInteraction i = byToken(token);
        MessageRules.check(body, "", false);
        if (messageId.equals("@original")) {
            Long original = i.originalMessageId();
            if (original == null) {
                Integer flags = deferredFlags.remove(i.id);
                if (flags == null) {
                    throw new DiscordError(404, 10008, "Unknown Message");
                }
                ObjectNode withFlags = ((ObjectNode) body.deepCopy()).put("flags", flags);
                FakeMessage created = discord.storeMessage(i.channelId, discord.bot(), withFlags, i.id);
                i.original(created);
                return created.toJson();
            }
            FakeMessage edited = discord.editMessage(original, body);
            i.record(edited);
            return edited.toJson();
        }
        FakeMessage edited = discord.editMessage(Long.parseLong(messageId), body);
        i.record(edited);
        return edited.toJson();
    }

    JsonNode webhookMessage(String token, String messageId) {
        FakeInteraction i = byToken(token);
        long id = messageId.equals("@original")
                ? java.util.Optional.ofNullable(i.originalMessageId())
                        .orElseThrow(() -> new DiscordError(404, 10008, "Unknown Message"))
                : Long.parseLong(messageId);
        return discord.messageOrThrow(id).toJson();
    }

    JsonNode deleteWebhookMessage(String token, String messageId) {
        FakeInteraction i = byToken(token);
        // Discord lets a bot delete a deferred response ("thinking...") before it was ever written.
        if (messageId.equals("@original") && i.originalMessageId() == null && deferredFlags.remove(i.id) != null) {
            return null;
        }
        long id = messageId.equals("@original")
                ? java.util.Optional.ofNullable(i.originalMessageId())
                        .orElseThrow(() -> new DiscordError(404, 10008, "Unknown Message"))
                : Long.parseLong(messageId);
        discord.deleteMessage(id);
        return null;
    }
}
