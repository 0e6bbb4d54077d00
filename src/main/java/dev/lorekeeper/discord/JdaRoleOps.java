package dev.lorekeeper.discord;

import dev.lorekeeper.gate.RoleOps;
import dev.lorekeeper.settings.GuildSettingsService;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.UserSnowflake;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.HierarchyException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Role sync's view of Discord, through JDA: members' roles, role changes, role names and the audit channel. */
public final class JdaRoleOps implements RoleOps {
    private static final Logger log = LoggerFactory.getLogger(JdaRoleOps.class);

    private final java.util.function.LongFunction<Guild> guilds;
    private final GuildSettingsService settings;
    private final java.util.function.LongPredicate owned;
    private final RoleOps elsewhere;

    /** A single process: it sees every server it is in. */
    public JdaRoleOps(java.util.function.LongFunction<Guild> guilds, GuildSettingsService settings) {
        this(guilds, settings, id -> true, null);
    }

    /**
     * {@code guilds} finds a server this process can see (on any of its shards), or null. Servers on other
     * processes' shards ({@code owned} false) are planned from {@code elsewhere}: the roles Lorekeeper last applied.
     * The chain watcher runs on one process for all servers, and the process that owns a server's shard checks each
     * queued change against the member's real roles before applying it.
     */
    public JdaRoleOps(
            java.util.function.LongFunction<Guild> guilds,
            GuildSettingsService settings,
            java.util.function.LongPredicate owned,
            RoleOps elsewhere) {
        this.guilds = guilds;
        this.settings = settings;
        this.owned = owned;
        this.elsewhere = elsewhere;
    }

    @Override
    public boolean canSee(long guildId) {
        return guild(guildId) != null;
    }

    @Override
    public Optional<Set<Long>> rolesOf(long guildId, long memberId) {
        Guild guild = guild(guildId);
        if (guild == null) {
            return owned.test(guildId) || elsewhere == null ? Optional.empty() : elsewhere.rolesOf(guildId, memberId);
        }
        Member cached = guild.getMemberById(memberId);
        return cached != null ? Optional.of(roleIds(cached)) : fetch(guild, memberId);
    }

    /** From this many members on, a bulk read streams the server's member list once instead of asking one by one. */
    static final int MEMBER_LIST_FROM = 100;

    private static final java.time.Duration MEMBER_LIST_TIMEOUT = java.time.Duration.ofMinutes(5);

    /**
     * A sweep's roles: the whole member list streamed once over the gateway (Request Guild Members, 1000 members per
     * chunk: 250 chunks for a server of 250,000), keeping only the roles of the members asked about. Nothing is cached
     * beyond the member cache policy. Fewer members are read one by one (from the cache, else over REST).
     */
    @Override
    public Roles rolesOf(long guildId, java.util.Collection<Long> memberIds) {
        Guild guild = guild(guildId);
        if (guild == null && !owned.test(guildId) && elsewhere != null) {
            return elsewhere.rolesOf(guildId, memberIds);
        }
        if (guild == null || memberIds.size() < MEMBER_LIST_FROM) {
            return RoleOps.super.rolesOf(guildId, memberIds);
        }
        Set<Long> wanted = new java.util.HashSet<>(memberIds);
        java.util.Map<Long, Set<Long>> current = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            guild.loadMembers(m -> {
                        if (wanted.contains(m.getIdLong())) {
                            current.put(m.getIdLong(), roleIds(m));
                        }
                    })
                    .setTimeout(MEMBER_LIST_TIMEOUT)
                    .get();
        } catch (RuntimeException e) {
            log.warn("could not read the member list of guild {}: {}", guildId, e.toString());
            return new Roles(java.util.Map.of(), wanted); // unknown: change nothing for anyone this time
        }
        return new Roles(current, Set.of());
    }

    @Override
    public Optional<Set<Long>> rolesFromDiscord(long guildId, long memberId) {
        Guild guild = guild(guildId);
        if (guild == null) {
            // An unseen server says nothing about the member: unknown, to be asked again later.
            throw new IllegalStateException("server " + guildId + " is not visible to this process");
        }
        return fetch(guild, memberId);
    }

    private static Optional<Set<Long>> fetch(Guild guild, long memberId) {
        try {
            return Optional.of(
                    roleIds(guild.retrieveMemberById(memberId).useCache(false).complete()));
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MEMBER) {
                return Optional.empty();
            }
            throw new IllegalStateException("could not read the member's roles: " + e.getMeaning(), e);
        }
    }

    private static Set<Long> roleIds(Member member) {
        return member.getRoles().stream().map(Role::getIdLong).collect(Collectors.toSet());
    }

    @Override
    public Outcome apply(long guildId, long memberId, long roleId, boolean add) {
        Guild guild = guild(guildId);
        Role role = guild == null ? null : guild.getRoleById(roleId);
        if (guild == null) {
            return Outcome.RETRY;
        }
        if (role == null) {
            return Outcome.FORBIDDEN;
        }
        Optional<String> refused = RolePolicy.botRefusal(role);
        if (refused.isPresent()) {
            log.warn("not changing role {} in guild {}: {}", roleId, guildId, refused.get());
            return Outcome.FORBIDDEN;
        }
        try {
            UserSnowflake user = UserSnowflake.fromId(memberId);
            (add ? guild.addRoleToMember(user, role) : guild.removeRoleFromMember(user, role))
                    .reason("Lorekeeper token gate")
                    .complete();
            return Outcome.APPLIED;
        } catch (HierarchyException | InsufficientPermissionException e) {
            return Outcome.FORBIDDEN;
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MEMBER) {
                return Outcome.MEMBER_GONE;
            }
            if (e.getErrorResponse() == ErrorResponse.MISSING_PERMISSIONS
                    || e.getErrorResponse() == ErrorResponse.UNKNOWN_ROLE) {
                return Outcome.FORBIDDEN;
            }
            log.warn("role change in guild {} failed: {}", guildId, e.getMeaning());
            return Outcome.RETRY;
        } catch (RuntimeException e) {
            log.warn("role change in guild {} failed: {}", guildId, e.toString());
            return Outcome.RETRY;
        }
    }

    @Override
    public Optional<String> refusal(long guildId, long roleId) {
        Guild guild = guild(guildId);
        Role role = guild == null ? null : guild.getRoleById(roleId);
        return role == null ? Optional.empty() : RolePolicy.botRefusal(role);
    }

    @Override
    public String roleName(long guildId, long roleId) {
        Guild guild = guild(guildId);
        Role role = guild == null ? null : guild.getRoleById(roleId);
        return role == null ? "role " + roleId : role.getName();
    }

    @Override
    public void audit(long guildId, String line) {
        String channelId = settings.of(guildId).auditChannelId();
        Guild guild = guild(guildId);
        if (channelId == null || guild == null) {
            return;
        }
        TextChannel channel = guild.getTextChannelById(channelId);
        if (channel == null) {
            log.warn("audit channel {} of guild {} is not a text channel I can see", channelId, guildId);
            return;
        }
        // No mention in an audit line pings anyone: the bot allows none by default.
        channel.sendMessage(MessageLimits.truncate(line, MessageLimits.CONTENT))
                .queue(null, e -> log.warn("audit line to guild {} failed: {}", guildId, e.getMessage()));
    }

    private Guild guild(long guildId) {
        return guilds.apply(guildId);
    }
}
