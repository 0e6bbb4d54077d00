package dev.lorekeeper.wallet;

import java.util.List;

/** Told when a member's wallets change, so that their roles can follow (the gating feature listens). */
public interface WalletLinkListener {
    WalletLinkListener NONE = new WalletLinkListener() {
        @Override
        public List<String> walletsChanged(long guildId, long memberId) {
            return List.of();
        }
    };

    /** Re-evaluates the member; returns the names of roles granted as a result, for the member's confirmation. */
    List<String> walletsChanged(long guildId, long memberId);
}
