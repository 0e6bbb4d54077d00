package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway websocket: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME and dispatch routing. Each
 * socket gets the transport its URL asked for (see {@link GatewayConnection}).
 */
final class Gateway {
    static final int HEARTBEAT_INTERVAL_MS = 5_000;

    private final DiscordDouble discord;
    private final Map<String, GatewaySession> sessions = new ConcurrentHashMap<>();
    private final Map<String, GatewayConnection> connections = new ConcurrentHashMap<>();
    /** The {@code compress} each socket asked for, in connection order ("none" without one). */
    final List<String> compressions = new CopyOnWriteArrayList<>();

    final AtomicInteger identifies = new AtomicInteger();
    final AtomicInteger resumes = new AtomicInteger();

    Gateway(DiscordDouble discord) {
        this.discord = discord;
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(10));
            String compress = ctx.queryParam("compress");
            compressions.add(compress == null || compress.isEmpty() ? "none" : compress);
            GatewayConnection conn = GatewayConnection.open(ctx);
            if (conn != null) {
                connections.put(conn.id(), conn);
                conn.send(Json.obj("op", 10, "d", Json.obj("heartbeat_interval", HEARTBEAT_INTERVAL_MS)));
            }
        });
        ws.onMessage(ctx -> {
            GatewayConnection conn = connections.get(ctx.sessionId());
            if (conn != null) {
                onFrame(conn, Json.parse(ctx.message()));
            }
        });
        ws.onClose(ctx -> release(ctx));
        ws.onError(ctx -> release(ctx));
    }

    private void release(WsContext ctx) {
        GatewayConnection conn = connections.remove(ctx.sessionId());
        if (conn != null) {
            sessions.values().forEach(s -> s.detach(conn));
            conn.release();
        }
    }

    private void onFrame(GatewayConnection conn, JsonNode frame) {
        switch (frame.path("op").asInt(-1)) {
            case 1 -> conn.send(Json.obj("op", 11));
            case 2 -> identify(conn, frame.path("d"));
            case 6 -> resume(conn, frame.path("d"));
            case 8 -> memberChunk(conn, frame.path("d"));
            case 3, 4 -> {} // presence and voice updates: accepted, not modelled
            default -> conn.close(4001, "Unknown opcode");
        }
    }

    private void identify(GatewayConnection conn, JsonNode d) {
        if (!discord.token().equals(d.path("token").asText())) {
            conn.close(4004, "Authentication failed.");
            return;
        }
        JsonNode shard = d.path("shard");
        int shardId = shard.isArray() ? shard.get(0).asInt() : 0;
        int shardCount = shard.isArray() ? shard.get(1).asInt() : 1;
        if (shardCount != discord.shardCount()) {
            conn.close(4011, "Sharding required.");
            return;
        }
        identifies.incrementAndGet();
        // A new IDENTIFY for a shard replaces whatever session that shard had before.
        sessions.values().removeIf(s -> {
            if (s.shardId == shardId) {
                s.invalidate();
                return true;
            }
            return false;
        });
        GatewaySession session = new GatewaySession(
                UUID.randomUUID().toString().replace("-", ""),
                shardId,
                shardCount,
                d.path("intents").asInt(),
                conn);
        synchronized (guildMembership) {
            ready(session, shardId, shardCount);
        }
    }

    /**
     * Held while a session gets READY and its guilds, and while a guild is added: a guild created during a
     * handshake either is in READY or reaches the session as GUILD_CREATE after READY, never before it.
     */
    final Object guildMembership = new Object();

    private void ready(GatewaySession session, int shardId, int shardCount) {
        sessions.put(session.sessionId, session);
        ArrayNode guilds = Json.MAPPER.createArrayNode();
        List<FakeGuild> owned =
                discord.guilds().stream().filter(g -> session.owns(g.id)).toList();
        owned.forEach(g -> guilds.add(Json.obj("id", Long.toString(g.id), "unavailable", true)));
        session.dispatch(
                "READY",
                Json.obj(
                        "v",
                        10,
                        "user",
                        discord.bot().toJson(),
                        "guilds",
                        guilds,
                        "private_channels",
                        Json.arr(),
                        "session_id",
                        session.sessionId,
                        "resume_gateway_url",
                        discord.gatewayUrl(),
                        "shard",
                        Json.arr(shardId, shardCount),
                        "application",
                        Json.obj("id", Long.toString(discord.applicationId()), "flags", 0)));
        owned.forEach(g -> session.dispatch("GUILD_CREATE", g.toGuildCreate()));
    }

    private void resume(GatewayConnection conn, JsonNode d) {
        GatewaySession session = sessions.get(d.path("session_id").asText());
        if (session == null
                || session.invalid()
                || !discord.token().equals(d.path("token").asText())) {
            conn.send(Json.obj("op", 9, "d", false));
            return;
        }
        resumes.incrementAndGet();
        session.resume(conn, d.path("seq").asInt());
    }

    /** Members per GUILD_MEMBERS_CHUNK, and the most a query or an id list may ask for, as on Discord. */
    static final int CHUNK_SIZE = 1000;

    static final int MAX_QUERY_LIMIT = 100;

    /**
     * Request Guild Members (op 8), answered as Discord does: every member ({@code query ""}, {@code limit 0}) in
     * GUILD_MEMBERS_CHUNK events of up to 1000, built one chunk at a time; members whose name starts with a query
     * (at most 100); or members by id (at most 100, the missing ones in {@code not_found}).
     */
    private void memberChunk(GatewayConnection conn, JsonNode d) {
        FakeGuild guild = discord.guild(d.path("guild_id").asLong());
        GatewaySession session = sessions.values().stream()
                .filter(s -> s.attachedTo(conn))
                .findFirst()
                .orElse(null);
        if (guild == null || session == null) {
            return;
        }
        memberChunkRequests.incrementAndGet();
        String nonce = d.hasNonNull("nonce") ? d.path("nonce").asText() : null;
        if (d.has("user_ids")) {
            List<JsonNode> ids = new java.util.ArrayList<>();
            if (d.path("user_ids").isArray()) {
                d.path("user_ids").forEach(ids::add);
            } else {
                ids.add(d.path("user_ids"));
            }
            List<FakeMember> found = new java.util.ArrayList<>();
            ArrayNode notFound = Json.MAPPER.createArrayNode();
            for (JsonNode id : ids.subList(0, Math.min(ids.size(), MAX_QUERY_LIMIT))) {
                FakeMember m = guild.peek(id.asLong());
                if (m == null) {
                    notFound.add(id.asText());
                } else {
                    found.add(m);
                }
            }
            sendChunk(session, guild, found, 0, 1, nonce, notFound);
            return;
        }
        String query = d.path("query").asText("").toLowerCase(java.util.Locale.ROOT);
        int limit = d.path("limit").asInt(0);
        if (query.isEmpty() && limit == 0) {
            // Streamed from another thread, as Discord answers while the socket stays live: heartbeats on this
            // socket are acknowledged between chunks, so the client never takes a long member list for a dead link.
            chunkStreams.execute(() -> {
                int count = Math.max(1, (guild.memberCount() + CHUNK_SIZE - 1) / CHUNK_SIZE);
                long after = 0;
                for (int index = 0; index < count; index++) {
                    List<FakeMember> page = guild.membersAfter(after, CHUNK_SIZE);
                    sendChunk(session, guild, page, index, count, nonce, null);
                    if (page.isEmpty()) {
                        break;
                    }
                    after = page.get(page.size() - 1).id();
                }
            });
            return;
        }
        int max = limit <= 0 ? MAX_QUERY_LIMIT : Math.min(limit, MAX_QUERY_LIMIT);
        List<FakeMember> found = new java.util.ArrayList<>();
        long after = 0;
        while (found.size() < max) {
            List<FakeMember> page = guild.membersAfter(after, CHUNK_SIZE);
            if (page.isEmpty()) {
                break;
            }
            for (FakeMember m : page) {
                if (found.size() < max
                        && m.user()
                                .username()
                                .toLowerCase(java.util.Locale.ROOT)
                                .startsWith(query)) {
                    found.add(m);
                }
            }
            after = page.get(page.size() - 1).id();
        }
        sendChunk(session, guild, found, 0, 1, nonce, null);
    }

    private static void sendChunk(
            GatewaySession session,
            FakeGuild guild,
            List<FakeMember> page,
            int index,
            int count,
            String nonce,
            ArrayNode notFound) {
        ArrayNode members = Json.MAPPER.createArrayNode();
        page.forEach(m -> members.add(m.toJson()));
        var chunk = Json.obj("guild_id", Long.toString(guild.id), "chunk_index", index, "chunk_count", count);
        chunk.set("members", members);
        if (notFound != null) {
            chunk.set("not_found", notFound);
        }
        if (nonce != null) {
            chunk.put("nonce", nonce);
        }
        session.dispatch("GUILD_MEMBERS_CHUNK", chunk);
    }

    private final java.util.concurrent.ExecutorService chunkStreams =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "double-member-chunks");
                t.setDaemon(true);
                return t;
            });

    /** How many Request Guild Members (op 8) the bot sent. */
    final AtomicInteger memberChunkRequests = new AtomicInteger();

    /** Sends an event to the session whose shard owns the guild (buffered while it is reconnecting). */
    boolean dispatch(long guildId, String type, JsonNode data) {
        for (GatewaySession s : sessions.values()) {
            if (!s.invalid() && s.owns(guildId)) {
                s.dispatch(type, withoutContentUnlessAllowed(s, type, data));
                return true;
            }
        }
        return false;
    }

    /** As Discord does: without the Message Content intent a bot sees message text only when mentioned. */
    private JsonNode withoutContentUnlessAllowed(GatewaySession s, String type, JsonNode data) {
        boolean mentioned = data.path("mentions")
                .findValuesAsText("id")
                .contains(Long.toString(discord.bot().id()));
        if (!type.equals("MESSAGE_CREATE") || (s.intents & MESSAGE_CONTENT) != 0 || mentioned) {
            return data;
        }
        return ((com.fasterxml.jackson.databind.node.ObjectNode) data.deepCopy()).put("content", "");
    }

    private static final int MESSAGE_CONTENT = 1 << 15;

    boolean readyFor(long guildId) {
        return sessions.values().stream().anyMatch(s -> s.connected() && s.owns(guildId));
    }

    int connectedSessions() {
        return (int)
                sessions.values().stream().filter(GatewaySession::connected).count();
    }

    /** Closes every socket as a network failure would; sessions stay resumable. */
    void dropConnections(int closeCode) {
        for (GatewayConnection conn : List.copyOf(connections.values())) {
            sessions.values().forEach(s -> s.detach(conn));
            conn.close(closeCode, "dropped by test");
        }
    }
}
