package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Discord that speaks the real protocol (REST v10 and the JSON gateway, as plain text frames or with
 * zlib-stream transport compression), so the bot's real JDA client runs against it unchanged. Tests set up guilds,
 * act as members, and assert on what the bot did. Start it once per test class; guilds are cheap, so each test can
 * make its own.
 */
public final class DiscordDouble implements AutoCloseable {
    private static final Pattern BOT_MENTION = Pattern.compile("@Lorekeeper\\b");

    private final Snowflakes ids = new Snowflakes();
    private final String token = "double." + Long.toHexString(System.nanoTime()) + ".token";
    private final FakeUser bot;
    private final int shardCount;
    private final Map<Long, FakeUser> users = new ConcurrentHashMap<>();
    private final Map<Long, FakeGuild> guilds = new ConcurrentHashMap<>();
    private final Map<Long, FakeChannel> channels = new ConcurrentHashMap<>();
    private final Map<Long, FakeChannel> dms = new ConcurrentHashMap<>();
    private final Map<Long, FakeMessage> messages = new ConcurrentHashMap<>();
    private final Map<Long, List<Long>> channelMessages = new ConcurrentHashMap<>();
    private final Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<SlowAnswer> slowAnswers = new CopyOnWriteArrayList<>();
    private final List<RoleChange> roleChanges = new CopyOnWriteArrayList<>();
    private final AtomicLong clockSkewMillis = new AtomicLong();
    private final Commands commands = new Commands(this);
    private final Interactions interactions = new Interactions(this);
    private final Gateway gateway = new Gateway(this);
    private final OAuth2 oauth = new OAuth2(this);
    private final Javalin server;

    private DiscordDouble(int shardCount) {
        this.shardCount = shardCount;
        this.bot = newUser("Lorekeeper", true);
        RestApi rest = new RestApi(this);
        server = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.useVirtualThreads = false;
        });
        oauth.install(server);
        rest.install(server);
        server.ws("/gateway", gateway::configure);
        server.start("127.0.0.1", 0);
    }

    public static DiscordDouble start() {
        return new DiscordDouble(1);
    }

    public static DiscordDouble startSharded(int shards) {
        return new DiscordDouble(shards);
    }

    // ---- what the bot is configured with ----

    public String apiBaseUrl() {
        return "http://127.0.0.1:" + server.port() + RestApi.PREFIX;
    }

    public String gatewayUrl() {
        return "ws://127.0.0.1:" + server.port() + "/gateway";
    }

    /** Where the bot's web login sends browsers and exchanges codes ({@code web.oauth.base-url}). */
    public String oauthBaseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The application's OAuth2 client id (Developer Portal → OAuth2): the application id, as on Discord. */
    public String oauthClientId() {
        return Long.toString(applicationId());
    }

    public String oauthClientSecret() {
        return oauth.clientSecret();
    }

    /** The account the browser is signed in to Discord as: the one the consent page authorizes. */
    public void signInAs(FakeUser user) {
        oauth.signIn(user);
    }

    OAuth2 oauth() {
        return oauth;
    }

    public String token() {
        return token;
    }

    public FakeUser bot() {
        return bot;
    }

    public long applicationId() {
        return bot.id();
    }

    int shardCount() {
        return shardCount;
    }

    // ---- test setup ----

    /** A new guild that the bot is a member of; if the bot is connected it receives GUILD_CREATE. */
    public FakeGuild guild(String name) {
        FakeGuild g = new FakeGuild(this, nextId(), name);
        synchronized (gateway.guildMembership) {
            guilds.put(g.id, g);
            g.goLive();
            dispatch(g.id, "GUILD_CREATE", g.toGuildCreate());
        }
        return g;
    }

    FakeGuild guild(long id) {
        return guilds.get(id);
    }

    Collection<FakeGuild> guilds() {
        return List.copyOf(guilds.values());
    }

    /** Waits until the bot holds a live gateway session for the guild and has registered its commands. */
    public void awaitBotReady(FakeGuild g) {
        await(
                () -> gateway.readyFor(g.id) && (commands.count(null) > 0 || commands.count(g.id) > 0),
                Duration.ofSeconds(30),
                "the bot did not connect and register its commands");
    }

    // ---- faults ----

    /** The next {@code times} matching requests get 429 with {@code Retry-After}. */
    public void rateLimit(String method, String pathRegex, int times, int retryAfterSeconds) {
        faults.add(Fault.rateLimit(method, pathRegex, times, retryAfterSeconds));
    }

    /** The next {@code times} matching requests fail with a Discord error. */
    public void failWith(String method, String pathRegex, int times, int status, int code, String message) {
        faults.add(Fault.error(method, pathRegex, times, new DiscordError(status, code, message)));
    }

    /** The next matching request fails with 50035 Invalid Form Body at {@code field}, as Discord reports it. */
    public void failWithInvalidForm(String method, String pathRegex, String field, String errorCode, String message) {
        faults.add(Fault.error(method, pathRegex, 1, DiscordError.invalidForm(field, errorCode, message)));
    }

    /**
     * Matching requests take effect at once but are answered only after {@code delay}, as a slow Discord would: a
     * client that dies in that window never learns that its request was applied.
     */
    public void answerSlowly(String method, String pathRegex, Duration delay) {
        slowAnswers.add(new SlowAnswer(method, pathRegex, delay));
    }

    private record SlowAnswer(String method, String pathRegex, Duration delay) {}

    Duration answerDelay(String method, String path) {
        return slowAnswers.stream()
                .filter(s -> s.method().equals(method) && path.matches(s.pathRegex()))
                .map(SlowAnswer::delay)
                .findFirst()
                .orElse(Duration.ZERO);
    }

    Fault claimFault(String method, String path) {
        for (Fault f : faults) {
            if (f.claim(method, path)) {
                return f;
            }
        }
        return null;
    }

    /** Drops every gateway connection as a network failure would (close code 4000); sessions stay resumable. */
    public void dropGatewayConnections() {
        gateway.dropConnections(4000);
    }

    public int resumeCount() {
        return gateway.resumes.get();
    }

    public int identifyCount() {
        return gateway.identifies.get();
    }

    public int connectedSessions() {
        return gateway.connectedSessions();
    }

    /** The {@code compress} query of every gateway connection so far, oldest first; "none" when it had none. */
    public List<String> gatewayCompressions() {
        return List.copyOf(gateway.compressions);
    }

    /** Moves the double's clock forward, e.g. to expire interaction tokens. */
    public void advanceClock(Duration d) {
        clockSkewMillis.addAndGet(d.toMillis());
    }

    long nowMillis() {
        return System.currentTimeMillis() + clockSkewMillis.get();
    }

    // ---- what the bot did ----

    public List<FakeMessage> repliesTo(FakeInteraction interaction) {
        return interaction.messages();
    }

    public List<String> rolesOf(FakeMember member) {
        return member.roleNames();
    }

    /** Non-ephemeral messages in a channel or thread, oldest first. */
    public List<FakeMessage> messagesIn(FakeChannel channel) {
        return channelMessages.getOrDefault(channel.id(), List.of()).stream()
                .map(messages::get)
                .filter(m -> m != null && !m.ephemeral())
                .toList();
    }

    public FakeMessage awaitMessageIn(FakeChannel channel, String containing) {
        await(
                () -> messagesIn(channel).stream().anyMatch(m -> m.text().contains(containing)),
                Duration.ofSeconds(10),
                "no message containing '" + containing + "' in #" + channel.name());
        return messagesIn(channel).stream()
                .filter(m -> m.text().contains(containing))
                .findFirst()
                .orElseThrow();
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requests(String method, String pathRegex) {
        return requests.stream().filter(r -> r.matches(method, pathRegex)).toList();
    }

    public RecordedRequest awaitRequest(String method, String pathRegex) {
        await(
                () -> !requests(method, pathRegex).isEmpty(),
                Duration.ofSeconds(10),
                "no " + method + " " + pathRegex + "; requests: " + requests());
        return requests(method, pathRegex).get(0);
    }

    public List<RoleChange> roleChanges() {
        return List.copyOf(roleChanges);
    }

    /** Builds slash-command interactions now and sends them later with {@link #fire}, for bursts. */
    public FakeInteraction prepare(FakeMember member, String commandLine) {
        CommandLineInput input = CommandLineInput.parse(commandLine);
        return interactions.prepareSlash(member, member.guild().channel("general"), input.path(), input.options());
    }

    /** A button click built but not sent yet (see {@link #fire}). */
    public FakeInteraction prepareClick(FakeMember member, FakeMessage.Button button) {
        return interactions.prepareClick(member, button);
    }

    public List<FakeInteraction> fire(List<FakeInteraction> prepared) {
        prepared.forEach(interactions::send);
        return prepared;
    }

    /** Delivers an interaction a second time, as a duplicated gateway event would. */
    public void redeliver(FakeInteraction interaction) {
        dispatch(interaction.member().guild().id, "INTERACTION_CREATE", interaction.payload);
    }

    public List<FakeInteraction> interactionsSent() {
        return interactions.all();
    }

    /** Global or guild commands as the bot registered them. */
    public JsonNode registeredCommands(FakeGuild guildOrNull) {
        return commands.list(guildOrNull == null ? null : guildOrNull.id);
    }

    void record(RecordedRequest r) {
        requests.add(r);
    }

    // ---- internals used by the routes ----

    long nextId() {
        return ids.next();
    }

    /** How many Request Guild Members (gateway op 8) the bot has sent. */
    public int memberChunkRequests() {
        return gateway.memberChunkRequests.get();
    }

    long nextIds(int n) {
        return ids.nextRange(n);
    }

    FakeUser newUser(String username, boolean isBot) {
        FakeUser u = new FakeUser(nextId(), username, isBot);
        users.put(u.id(), u);
        return u;
    }

    Commands commands() {
        return commands;
    }

    Interactions interactions() {
        return interactions;
    }

    boolean dispatch(long guildId, String type, JsonNode data) {
        return gateway.dispatch(guildId, type, data);
    }

    void registerChannel(FakeChannel c) {
        channels.put(c.id(), c);
    }

    FakeChannel channelOrThrow(long id) {
        FakeChannel c = channels.get(id);
        if (c == null) {
            throw new DiscordError(404, 10003, "Unknown Channel");
        }
        return c;
    }

    FakeGuild guildOrThrow(long id) {
        FakeGuild g = guilds.get(id);
        if (g == null) {
            throw new DiscordError(404, 10004, "Unknown Guild");
        }
        return g;
    }

    /** A member for a read that changes nothing (an untouched member of a large server stays an id). */
    FakeMember memberToRead(long guildId, long userId) {
        FakeMember m = guildOrThrow(guildId).peek(userId);
        if (m == null) {
            throw new DiscordError(404, 10007, "Unknown Member");
        }
        return m;
    }

    FakeMember memberOrThrow(long guildId, long userId) {
        FakeMember m = guildOrThrow(guildId).memberById(userId);
        if (m == null) {
            throw new DiscordError(404, 10007, "Unknown Member");
        }
        return m;
    }

    FakeMessage messageOrThrow(long id) {
        FakeMessage m = messages.get(id);
        if (m == null) {
            throw new DiscordError(404, 10008, "Unknown Message");
        }
        return m;
    }

    FakeMessage storeMessage(long channelId, FakeUser author, JsonNode body, Long interactionId) {
        FakeChannel channel = channelOrThrow(channelId);
        FakeMessage m = new FakeMessage(
                nextId(),
                channelId,
                channel.guildId(),
                author,
                body.path("content").asText(""),
                copyArray(body.path("embeds")),
                copyArray(body.path("components")),
                body.path("flags").asInt(0),
                body.get("allowed_mentions"),
                interactionId,
                body);
        messages.put(m.id(), m);
        channelMessages
                .computeIfAbsent(channelId, k -> new CopyOnWriteArrayList<>())
                .add(m.id());
        return m;
    }

    FakeMessage botMessage(long channelId, JsonNode body) {
        channelOrThrow(channelId);
        MessageRules.check(body, "", true);
        return storeMessage(channelId, bot, body, null);
    }

    FakeMessage editMessage(long id, JsonNode body) {
        FakeMessage old = messageOrThrow(id);
        MessageRules.check(body, "", false);
        FakeMessage edited = new FakeMessage(
                old.id(),
                old.channelId(),
                old.guildId(),
                old.author(),
                body.has("content") ? body.path("content").asText("") : old.content(),
                body.has("embeds") ? copyArray(body.path("embeds")) : old.embeds(),
                body.has("components") ? copyArray(body.path("components")) : old.components(),
                old.flags(),
                body.has("allowed_mentions") ? body.get("allowed_mentions") : old.allowedMentions(),
                old.interactionId(),
                body);
        messages.put(id, edited);
        return edited;
    }

    void deleteMessage(long id) {
        FakeMessage m = messages.remove(id);
        if (m == null) {
            throw new DiscordError(404, 10008, "Unknown Message");
        }
        channelMessages.getOrDefault(m.channelId(), new ArrayList<>()).remove(id);
    }

    FakeMessage userMessage(FakeMember author, FakeChannel channel, String text) {
        Matcher mention = BOT_MENTION.matcher(text);
        boolean mentionsBot = mention.find();
        String content = BOT_MENTION.matcher(text).replaceAll(bot.mention());
        ObjectNode body = Json.obj("content", content);
        FakeMessage m = storeMessage(channel.id(), author.user(), body, null);
        ObjectNode event = m.toJson();
        event.put("guild_id", Long.toString(author.guild().id));
        ObjectNode member = author.toJson();
        member.remove("user");
        event.set("member", member);
        if (mentionsBot) {
            event.set("mentions", Json.arr(bot.toJson()));
        }
        dispatch(author.guild().id, "MESSAGE_CREATE", event);
        return m;
    }

    FakeChannel createThread(long parentId, Long fromMessageId, JsonNode body) {
        FakeChannel parent = channelOrThrow(parentId);
        if (parent.guildId() == null || parent.isThread()) {
            throw new DiscordError(400, 50024, "Cannot execute action on this channel type");
        }
        String name = body.path("name").asText("");
        if (name.isEmpty() || name.length() > 100) {
            throw DiscordError.invalidForm("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
        long id = fromMessageId == null ? nextId() : fromMessageId;
        if (fromMessageId != null) {
            messageOrThrow(fromMessageId);
            if (channels.containsKey(id)) {
                throw new DiscordError(400, 160004, "A thread has already been created for this message");
            }
        }
        FakeChannel thread = new FakeChannel(id, parent.guildId(), name, FakeChannel.PUBLIC_THREAD, parentId, bot.id());
        channels.put(id, thread);
        guilds.get(parent.guildId()).addThread(thread);
        dispatch(parent.guildId(), "THREAD_CREATE", thread.toJson().put("newly_created", true));
        return thread;
    }

    public FakeChannel channel(long id) {
        return channels.get(id);
    }

    JsonNode dmChannel(long recipientId) {
        FakeUser u = users.get(recipientId);
        if (u == null) {
            throw new DiscordError(404, 10013, "Unknown User");
        }
        FakeChannel dm = dms.computeIfAbsent(recipientId, r -> {
            FakeChannel c = new FakeChannel(nextId(), null, "dm-" + u.username(), FakeChannel.DM, null, 0);
            channels.put(c.id(), c);
            return c;
        });
        ObjectNode out = Json.obj("id", Long.toString(dm.id()), "type", FakeChannel.DM, "last_message_id", null);
        out.set("recipients", Json.arr(u.toJson()));
        return out;
    }

    /** Direct messages the bot sent to a user. */
    public List<FakeMessage> dmsTo(FakeMember member) {
        FakeChannel dm = dms.get(member.id());
        return dm == null ? List.of() : messagesIn(dm);
    }

    void changeRole(long guildId, long userId, long roleId, boolean add) {
        FakeGuild g = guildOrThrow(guildId);
        FakeMember m = memberOrThrow(guildId, userId);
        FakeRole role = g.roleById(roleId);
        if (role == null) {
            throw new DiscordError(404, 10011, "Unknown Role");
        }
        FakeMember self = g.botMember();
        if ((g.permissionsOf(self) & Perms.MANAGE_ROLES) == 0
                || role.managed()
                || role.position() >= g.topPosition(self)
                || role.id() == g.id) {
            throw new DiscordError(403, 50013, "Missing Permissions");
        }
        boolean changed = add ? m.addRole(roleId) : m.removeRole(roleId);
        roleChanges.add(new RoleChange(guildId, userId, role.name(), add, System.nanoTime()));
        if (changed) {
            ObjectNode d = m.toJson();
            d.put("guild_id", Long.toString(guildId));
            dispatch(guildId, "GUILD_MEMBER_UPDATE", d);
        }
    }

    private static JsonNode copyArray(JsonNode n) {
        return n.isArray() ? n.deepCopy() : Json.MAPPER.createArrayNode();
    }

    /** Polls a condition until it holds; fails with {@code what} after the timeout. */
    public static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new NoSuchElementException("timed out: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Checks that a condition holds for the whole window, polling: for asserting that something does not happen,
     * which a single check right after the trigger can't show.
     */
    public static void holdsFor(BooleanSupplier condition, Duration window, String what) {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.getAsBoolean()) {
                throw new IllegalStateException("stopped holding within " + window + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A role the bot added or removed, as Discord applied it. */
    public record RoleChange(long guildId, long userId, String role, boolean added, long atNanos) {}
}
