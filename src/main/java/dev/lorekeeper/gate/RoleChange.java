package dev.lorekeeper.gate;

/**
 * A pending change in the role outbox. {@code sent}: a request for it went out before and was never confirmed, so
 * Discord may already have applied it. {@code bulk}: queued by a sweep, a resync or a new gate (audited as a summary
 * when it was queued, not one line per change).
 */
public record RoleChange(
        long id,
        long guildId,
        long memberId,
        long roleId,
        boolean add,
        String reason,
        int attempts,
        boolean sent,
        boolean bulk) {}
