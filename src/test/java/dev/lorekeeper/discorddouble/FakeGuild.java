package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server set up by a test: roles, channels and members. It starts with {@code @everyone}, the bot's own managed
 * role (with Manage Roles) at the top, a {@code #general} channel, an owner and the bot as members.
 */
public final class FakeGuild {
    private final DiscordDouble discord;
    final long id;
    final String name;
    final FakeUser owner;
    private final java.util.Map<String, java.util.Set<Long>> commandOverrides =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Long, FakeRole> roles = new ConcurrentHashMap<>();
    private final Map<Long, FakeChannel> channels = new ConcurrentHashMap<>();
    /** Members as objects, by id (ordered, as Discord lists members by user id). */
    private final java.util.concurrent.ConcurrentSkipListMap<Long, FakeMember> members =
            new java.util.concurrent.ConcurrentSkipListMap<>();
    /**
     * A server of many members keeps them as an id range ({@link #populate}); one becomes an object in
     * {@link #members} the first time something touches it (a role change, a REST read), so a server of 250,000
     * members costs a few bytes until then.
     */
    private volatile long bulkFirst;

    private volatile int bulkCount;
    private final java.util.Set<Long> bulkGone = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextPosition = new AtomicInteger(1);
    private volatile FakeRole botRole;
    private volatile boolean live;

    /** Discord's largest {@code large_threshold}; JDA asks for it. */
    static final int LARGE_THRESHOLD = 250;

    FakeGuild(DiscordDouble discord, long id, String name) {
        this.discord = discord;
        this.id = id;
        this.name = name;
        roles.put(id, new FakeRole(id, id, "@everyone", 0, Perms.EVERYONE, false));
        this.owner = discord.newUser(name.toLowerCase().replaceAll("\\W", "") + "-owner", false);
        members.put(owner.id(), new FakeMember(discord, this, owner));
        botRole = new FakeRole(discord.nextId(), id, discord.bot().username(), 1000, Perms.BOT, true);
        roles.put(botRole.id(), botRole);
        FakeMember self = new FakeMember(discord, this, discord.bot());
        self.addRoleSilently(botRole.id());
        members.put(discord.bot().id(), self);
        channel("general");
    }

    public long id() {
        return id;
    }

    /** From now on, changes are dispatched to the bot. */
    void goLive() {
        live = true;
    }

    private void dispatch(String type, ObjectNode data) {
        if (live) {
            discord.dispatch(id, type, data);
        }
    }

    public String name() {
        return name;
    }

    public FakeRole everyone() {
        return roles.get(id);
    }

    public FakeRole botRole() {
        return botRole;
    }

    /** A role below the bot's, which the bot may assign. */
    public FakeRole role(String roleName) {
        return role(roleName, 0);
    }

    public FakeRole role(String roleName, long permissions) {
        return addRole(roleName, nextPosition.getAndIncrement(), permissions);
    }

    /** A role above the bot's own, which Discord will not let the bot assign. */
    public FakeRole roleAboveBot(String roleName) {
        return addRole(roleName, botRole.position() + 1 + nextPosition.getAndIncrement(), 0);
    }

    private FakeRole addRole(String roleName, int position, long permissions) {
        FakeRole role = new FakeRole(discord.nextId(), id, roleName, position, permissions, false);
        roles.put(role.id(), role);
        dispatch("GUILD_ROLE_CREATE", Json.obj("guild_id", Long.toString(id), "role", role.toJson()));
        return role;
    }

    /** Changes a role's permissions, as a server admin does in its settings; the bot hears GUILD_ROLE_UPDATE. */
    public FakeRole updatePermissions(FakeRole role, long permissions) {
        FakeRole updated = new FakeRole(role.id(), id, role.name(), role.position(), permissions, role.managed());
        roles.put(role.id(), updated);
        dispatch("GUILD_ROLE_UPDATE", Json.obj("guild_id", Long.toString(id), "role", updated.toJson()));
        return updated;
    }

    /**
     * Server Settings → Integrations → the bot → a command: lets a role use a command that its default permissions
     * would hide from it. The bot still decides what the member may do.
     */
    public void allowCommandFor(String command, FakeRole role) {
        commandOverrides
                .computeIfAbsent(command, k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                .add(role.id());
    }

    boolean commandAllowedByOverride(String command, FakeMember member) {
        return member.roleIds().stream()
                .anyMatch(r -> commandOverrides
                        .getOrDefault(command, java.util.Set.of())
                        .contains(r));
    }

    /** The server's owner, who may manage every role. */
    public FakeMember owner() {
        return members.get(owner.id());
    }

    public FakeRole roleNamed(String roleName) {
        return roles.values().stream()
                .filter(r -> r.name().equals(roleName))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no role " + roleName));
    }

    FakeRole roleById(long roleId) {
        return roles.get(roleId);
    }

    public FakeChannel channel(String channelName) {
        return channels.values().stream()
                .filter(c -> c.name().equals(channelName) && !c.isThread())
                .findFirst()
                .orElseGet(() -> {
                    FakeChannel c = new FakeChannel(discord.nextId(), id, channelName, FakeChannel.TEXT, null, 0);
                    channels.put(c.id(), c);
                    discord.registerChannel(c);
                    dispatch("CHANNEL_CREATE", c.toJson());
                    return c;
                });
    }

    void addThread(FakeChannel thread) {
        channels.put(thread.id(), thread);
    }

    /** A member who is already in the server (no join event), holding the given roles. */
    public FakeMember member(String username, FakeRole... withRoles) {
        FakeMember m = new FakeMember(discord, this, discord.newUser(username, false));
        for (FakeRole r : withRoles) {
            m.addRoleSilently(r.id());
        }
        members.put(m.user().id(), m);
        return m;
    }

    /** A new member joining now: the bot receives GUILD_MEMBER_ADD. */
    public FakeMember memberJoins(String username) {
        return join(new FakeMember(discord, this, discord.newUser(username, false)));
    }

    /** An existing account (for instance one who left) joining again: as on Discord, with no roles. */
    public FakeMember join(FakeMember member) {
        FakeMember m = new FakeMember(discord, this, member.user());
        members.put(m.user().id(), m);
        ObjectNode d = m.toJson();
        d.put("guild_id", Long.toString(id));
        dispatch("GUILD_MEMBER_ADD", d);
        return m;
    }

    void remove(FakeMember m) {
        members.remove(m.user().id());
        if (inBulk(m.user().id())) {
            bulkGone.add(m.user().id());
        }
        dispatch(
                "GUILD_MEMBER_REMOVE",
                Json.obj("guild_id", Long.toString(id), "user", m.user().toJson()));
    }

    FakeMember memberById(long userId) {
        FakeMember m = members.get(userId);
        if (m != null || !inBulk(userId)) {
            return m;
        }
        return members.computeIfAbsent(userId, this::bulkMember);
    }

    /**
     * Adds {@code count} members who are already in the server (no join events), named {@code member-0},
     * {@code member-1}, …, with no roles. They are kept as an id range: nothing per member is built until used.
     */
    public synchronized void populate(int count) {
        if (bulkCount > 0) {
            throw new IllegalStateException("populate() once per server");
        }
        bulkFirst = discord.nextIds(count);
        bulkCount = count;
    }

    /** The id of the i-th member added by {@link #populate}. */
    public long populatedId(int i) {
        if (i < 0 || i >= bulkCount) {
            throw new IndexOutOfBoundsException("member " + i + " of " + bulkCount);
        }
        return bulkFirst + i;
    }

    /** A member added by {@link #populate}, as an object (created on first use). */
    public FakeMember populated(int i) {
        return memberById(populatedId(i));
    }

    /** A member without making an object of an untouched one for good (for reads that change nothing). */
    FakeMember peek(long userId) {
        FakeMember m = members.get(userId);
        return m != null || !inBulk(userId) ? m : bulkMember(userId);
    }

    private boolean inBulk(long userId) {
        return bulkCount > 0 && userId >= bulkFirst && userId < bulkFirst + bulkCount && !bulkGone.contains(userId);
    }

    private FakeMember bulkMember(long userId) {
        return new FakeMember(discord, this, new FakeUser(userId, "member-" + (userId - bulkFirst), false));
    }

    /** How many members the server has, as Discord's {@code member_count}. */
    public int memberCount() {
        int bulkMaterialized = bulkCount == 0
                ? 0
                : members.subMap(bulkFirst, bulkFirst + bulkCount).size();
        return members.size() + bulkCount - bulkMaterialized - bulkGone.size();
    }

    /**
     * Up to {@code limit} members with ids above {@code after}, in id order, as Discord's List Guild Members pages
     * them. Members of the id range that nothing touched yet are built for this answer only.
     */
    List<FakeMember> membersAfter(long after, int limit) {
        List<FakeMember> out = new ArrayList<>(Math.min(limit, 1000));
        java.util.Iterator<FakeMember> objects =
                members.tailMap(after, false).values().iterator();
        FakeMember nextObject = objects.hasNext() ? objects.next() : null;
        long nextBulk = Math.max(after + 1, bulkFirst);
        long bulkEnd = bulkFirst + bulkCount;
        while (out.size() < limit) {
            while (nextBulk < bulkEnd && (bulkGone.contains(nextBulk) || members.containsKey(nextBulk))) {
                nextBulk++;
            }
            boolean bulkLeft = bulkCount > 0 && nextBulk < bulkEnd;
            if (nextObject == null && !bulkLeft) {
                break;
            }
            if (nextObject != null && (!bulkLeft || nextObject.id() < nextBulk)) {
                out.add(nextObject);
                nextObject = objects.hasNext() ? objects.next() : null;
            } else {
                out.add(bulkMember(nextBulk++));
            }
        }
        return out;
    }

    public FakeMember botMember() {
        return members.get(discord.bot().id());
    }

    /** The members that exist as objects: everyone but the untouched part of a {@link #populate}d range. */
    public Collection<FakeMember> members() {
        return List.copyOf(members.values());
    }

    Collection<FakeRole> roles() {
        return List.copyOf(roles.values());
    }

    /** Highest role position of a member, deciding which roles it can manage. */
    int topPosition(FakeMember m) {
        return m.roleIds().stream()
                .map(roles::get)
                .filter(r -> r != null)
                .mapToInt(FakeRole::position)
                .max()
                .orElse(0);
    }

    long permissionsOf(FakeMember m) {
        if (m.user().id() == owner.id()) {
            return Perms.ALL;
        }
        long p = everyone().permissions();
        for (long r : m.roleIds()) {
            FakeRole role = roles.get(r);
            if (role != null) {
                p |= role.permissions();
            }
        }
        return (p & Perms.ADMINISTRATOR) != 0 ? Perms.ALL : p;
    }

    ObjectNode toGuildCreate() {
        ArrayNode roleArr = Json.MAPPER.createArrayNode();
        roles.values().forEach(r -> roleArr.add(r.toJson()));
        ArrayNode chanArr = Json.MAPPER.createArrayNode();
        ArrayNode threads = Json.MAPPER.createArrayNode();
        channels.values().forEach(c -> (c.isThread() ? threads : chanArr).add(c.toJson()));
        ArrayNode memberArr = Json.MAPPER.createArrayNode();
        int count = memberCount();
        // As Discord: a large server's GUILD_CREATE carries the bot's own member, not the member list; the bot asks
        // for members with Request Guild Members (op 8) or reads them over REST.
        boolean large = count > LARGE_THRESHOLD;
        if (large) {
            memberArr.add(botMember().toJson());
        } else {
            members.values().forEach(m -> memberArr.add(m.toJson()));
        }
        ObjectNode g = Json.obj(
                "id",
                Long.toString(id),
                "name",
                name,
                "icon",
                null,
                "owner_id",
                Long.toString(owner.id()),
                "unavailable",
                false,
                "member_count",
                count,
                "large",
                large,
                "preferred_locale",
                "en-US",
                "features",
                Json.arr(),
                "joined_at",
                Json.time(Instant.now()),
                "afk_timeout",
                300,
                "verification_level",
                0,
                "default_message_notifications",
                0,
                "explicit_content_filter",
                0,
                "mfa_level",
                0,
                "nsfw_level",
                0,
                "premium_tier",
                0,
                "system_channel_flags",
                0,
                "emojis",
                Json.arr(),
                "stickers",
                Json.arr(),
                "voice_states",
                Json.arr(),
                "presences",
                Json.arr(),
                "stage_instances",
                Json.arr(),
                "guild_scheduled_events",
                Json.arr(),
                "soundboard_sounds",
                Json.arr());
        g.set("roles", roleArr);
        g.set("channels", chanArr);
        g.set("threads", threads);
        g.set("members", memberArr);
        return g;
    }

    ObjectNode partial() {
        return Json.obj(
                "id", Long.toString(id), "locale", "en-US", "preferred_locale", "en-US", "features", Json.arr());
    }
}
