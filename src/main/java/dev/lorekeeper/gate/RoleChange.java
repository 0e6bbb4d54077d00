package dev.lorekeeper.gate;

/** A pending change in the role outbox. */
public record RoleChange(long id, long guildId, long memberId, long roleId, boolean add, String reason, int attempts) {
}
