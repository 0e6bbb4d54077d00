package dev.lorekeeper.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lorekeeper.dashboard.GuildDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;

/**
 * The dashboard's view of servers, from JDA: the member cache first, a member read from Discord when the cache does
 * not have them. Role rules are {@link RolePolicy}'s, the same as /gate's.
 */
public final class JdaGuildDirectory implements GuildDirectory {
    private final Cache<String, String> names = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5))
            .maximumSize(10_000)
            .build();
    /** What the bot needs in a server for its features: roles, replies, threads for quests. */
    static final EnumSet<Permission> NEEDED = EnumSet.of(
            Permission.MANAGE_ROLES,
            Permission.VIEW_CHANNEL,
            Permission.MESSAGE_SEND,
            Permission.MESSAGE_EMBED_LINKS,
            Permission.MESSAGE_ATTACH_FILES,
            Permission.MESSAGE_HISTORY,
            Permission.CREATE_PUBLIC_THREADS,
            Permission.MESSAGE_SEND_IN_THREADS);

    private static final long MEMBER_READ_SECONDS = 5;

    private final LongFunction<Guild> guilds;

    public JdaGuildDirectory(LongFunction<Guild> guilds) {
        this.guilds = guilds;
    }

    @Override
    public Optional<GuildView> guild(long guildId) {
        Guild g = guilds.apply(guildId);
        if (g == null) {
            return Optional.empty();
        }
        Member self = g.getSelfMember();
        List<String> missing = NEEDED.stream()
                .filter(p -> !self.hasPermission(p))
                .map(Permission::getName)
                .toList();
        // Too low: a plain role (one a gate could hand out) sits above the bot's highest role.
        boolean tooLow = g.getRoles().stream()
                .anyMatch(r -> !r.isPublicRole()
                        && !r.isManaged()
                        && !self.canInteract(r)
                        && r.getPermissions().stream().noneMatch(RolePolicy.ELEVATED::contains));
        return Optional.of(new GuildView(guildId, g.getName(), tooLow, missing));
    }

    @Override
    public Optional<MemberView> member(long guildId, long userId) {
        return jdaMember(guildId, userId)
                .map(m -> new MemberView(
                        userId,
                        m.getEffectiveName(),
                        m.isOwner(),
                        m.hasPermission(Permission.MANAGE_SERVER),
                        m.getRoles().stream().map(Role::getIdLong).toList()));
    }

    @Override
    public List<ChannelView> textChannels(long guildId) {
        Guild g = guilds.apply(guildId);
        return g == null
                ? List.of()
                : g.getTextChannels().stream()
                        .map(c -> new ChannelView(c.getIdLong(), c.getName()))
                        .toList();
    }

    @Override
    public List<RoleView> roles(long guildId) {
        Guild g = guilds.apply(guildId);
        if (g == null) {
            return List.of();
        }
        List<RoleView> out = new ArrayList<>();
        for (Role r : g.getRoles()) {
            if (!r.isPublicRole()) {
                out.add(new RoleView(
                        r.getIdLong(),
                        r.getName(),
                        r.getPosition(),
                        !r.isManaged() && RolePolicy.botRefusal(r).isEmpty(),
                        g.getMembersWithRoles(r).size()));
            }
        }
        return out;
    }

    @Override
    public List<String> gateRefusals(long guildId, long userId, long roleId) {
        Guild g = guilds.apply(guildId);
        Role role = g == null ? null : g.getRoleById(roleId);
        if (role == null) {
            return List.of("role: pick a role of this server");
        }
        Optional<Member> m = jdaMember(guildId, userId);
        if (m.isEmpty()) {
            return List.of("you are no longer a member of this server");
        }
        return RolePolicy.refusals(m.get(), role);
    }

    /**
     * The member's display name, read from Discord (no member cache is kept; see {@code DiscordBot}) and remembered
     * for a few minutes, so that a page of the audit log costs one read per member, not one per row. A member who
     * left or a read that fails shows as the id.
     */
    @Override
    public String memberName(long guildId, long userId) {
        return names.get(guildId + "/" + userId, key -> {
            try {
                return jdaMember(guildId, userId).map(Member::getEffectiveName).orElse(Long.toString(userId));
            } catch (RuntimeException e) {
                return Long.toString(userId);
            }
        });
    }

    private Optional<Member> jdaMember(long guildId, long userId) {
        Guild g = guilds.apply(guildId);
        if (g == null) {
            return Optional.empty();
        }
        Member cached = g.getMemberById(userId);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            return Optional.of(g.retrieveMemberById(userId)
                    .timeout(MEMBER_READ_SECONDS, TimeUnit.SECONDS)
                    .complete());
        } catch (ErrorResponseException e) {
            return Optional.empty();
        }
    }
}
