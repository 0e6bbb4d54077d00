package dev.lorekeeper.gate;

import java.util.List;

/** A member and every wallet whose holdings count for them (linked, plus delegating cold wallets). */
public record MemberWallets(long guildId, long memberId, List<String> addresses) {
    public MemberWallets {
        addresses = List.copyOf(addresses);
    }
}
