package dev.lorekeeper.character;

import java.util.List;

/** The wallets whose tokens a member may play: their verified wallets, plus cold wallets delegated to them. */
@FunctionalInterface
public interface PlayerWallets {
    List<String> walletsFor(long guildId, long memberId, String chain, String contract);
}
