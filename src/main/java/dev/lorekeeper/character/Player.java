package dev.lorekeeper.character;

/** A member who holds the character they play, checked on-chain just now. */
public record Player(long guildId, long memberId, GameCharacter character) {}
