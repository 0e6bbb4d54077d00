package dev.lorekeeper.gate;

/**
 * A pending change in the role outbox. {@code sent}: a request for it went out before and was never confirmed, so
 * Discord may already have applied it.
 */
public record RoleChange(
        long id, long guildId, long memberId, long roleId, boolean add, String reason, int attempts, boolean sent) {}
