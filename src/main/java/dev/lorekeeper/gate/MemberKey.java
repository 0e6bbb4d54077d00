package dev.lorekeeper.gate;

/** A member in a server. */
public record MemberKey(long guildId, long memberId) {}
