package dev.lorekeeper.dashboard;

import java.util.List;
import java.util.Optional;

/**
 * The bot's own view of Discord servers, for the dashboard: the Discord adapter answers from its gateway cache (or a
 * member read), never from what a browser or an OAuth2 token says.
 */
public interface GuildDirectory {
    /** A server the bot is in. */
    record GuildView(long id, String name, boolean botRoleTooLow, List<String> missingPermissions) {}

    /** A member as the bot sees them now. */
    record MemberView(long userId, String name, boolean owner, boolean manageServer, List<Long> roleIds) {}

    /** A role, with whether a gate could hand it out at all (the bot's rules, whoever asks). */
    record RoleView(long id, String name, int position, boolean gateable, int members) {}

    /** A text channel, for picking the audit and Q&A channels by name. */
    record ChannelView(long id, String name) {}

    Optional<GuildView> guild(long guildId);

    /** The server's text channels in Discord's order. */
    List<ChannelView> textChannels(long guildId);

    /** The member, or empty when they are not in the server (or the bot is not). */
    Optional<MemberView> member(long guildId, long userId);

    /** Roles from the top down, without {@code @everyone}. */
    List<RoleView> roles(long guildId);

    /**
     * Why this member may not gate this role (the same rules as /gate: roles below their own highest, never a role with
     * power over the server, never one above the bot's); empty when they may.
     */
    List<String> gateRefusals(long guildId, long userId, long roleId);

    /** A display name for a member id, or the id itself when the bot does not know them. */
    String memberName(long guildId, long userId);
}
