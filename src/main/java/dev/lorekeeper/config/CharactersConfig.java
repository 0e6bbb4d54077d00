package dev.lorekeeper.config;

import java.time.Duration;
import java.util.List;

/**
 * Characters and quests: which collections can be played (besides those of the server's ERC-721 gates), the
 * cooldown between a member's quests, how much memory goes into each prompt, and how long a holder check is
 * trusted (only the current holder plays; a transfer seen on-chain also clears it for gated collections).
 */
public record CharactersConfig(
        List<Collection> collections,
        Duration questCooldown,
        Integer summaryEvery,
        Integer memoryTokens,
        Duration ownershipCache) {
    public CharactersConfig {
        collections = collections == null ? List.of() : List.copyOf(collections);
        questCooldown = questCooldown == null ? Duration.ofMinutes(10) : questCooldown;
        summaryEvery = summaryEvery == null ? 8 : summaryEvery;
        memoryTokens = memoryTokens == null ? 400 : memoryTokens;
        ownershipCache = ownershipCache == null ? Duration.ofSeconds(15) : ownershipCache;
    }

    public static CharactersConfig defaults() {
        return new CharactersConfig(null, null, null, null, null);
    }

    /** A playable collection: {@code standard} is erc721 (the default) or erc1155. */
    public record Collection(String chain, String contract, String standard) {
        public Collection {
            standard = standard == null ? "erc721" : standard.trim().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
