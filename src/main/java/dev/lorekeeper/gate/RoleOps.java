package dev.lorekeeper.gate;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What gating needs from Discord, implemented by the Discord adapter so this package stays free of JDA. */
public interface RoleOps {
    /** The member's current role ids, or empty when they are not in the server. */
    Optional<Set<Long>> rolesOf(long guildId, long memberId);

    /**
     * The roles of many members: members absent from {@code current} are not in the server, those in
     * {@code unreadable} could not be read.
     */
    record Roles(Map<Long, Set<Long>> current, Set<Long> unreadable) {}

    /**
     * Many members' roles at once, for a sweep: an adapter that can read them in bulk (a whole member list in one
     * request) overrides this; by default they are read one by one.
     */
    default Roles rolesOf(long guildId, Collection<Long> memberIds) {
        Map<Long, Set<Long>> current = new HashMap<>();
        Set<Long> unreadable = new HashSet<>();
        for (long id : memberIds) {
            try {
                rolesOf(guildId, id).ifPresent(set -> current.put(id, set));
            } catch (RuntimeException e) {
                unreadable.add(id); // the member's roles could not be read: change nothing for them this time
            }
        }
        return new Roles(current, unreadable);
    }

    /**
     * The member's roles read from Discord now, past any cache, or empty when they are not in the server: for a change
     * that may already be applied (its request went out before a crash, or its answer was lost).
     */
    default Optional<Set<Long>> rolesFromDiscord(long guildId, long memberId) {
        return rolesOf(guildId, memberId);
    }

    /**
     * Whether this process can see the server now. While it can't (still connecting, or the server is unavailable)
     * its role changes wait: an unseen server says nothing about whether a member left.
     */
    default boolean canSee(long guildId) {
        return true;
    }

    /**
     * Why gating must not touch this role now (it gained a power over the server, or moved above the bot), or empty.
     * Asked again before every change, so a role moved after its gate was added is never touched.
     */
    default Optional<String> refusal(long guildId, long roleId) {
        return Optional.empty();
    }

    /** Applies one change; blocking. */
    Outcome apply(long guildId, long memberId, long roleId, boolean add);

    /** A role's display name, for messages. */
    String roleName(long guildId, long roleId);

    /** Posts one line to the server's audit channel, if it has one. */
    void audit(long guildId, String line);

    /** Result of one role change. */
    enum Outcome {
        APPLIED,
        MEMBER_GONE,
        FORBIDDEN,
        RETRY
    }
}
