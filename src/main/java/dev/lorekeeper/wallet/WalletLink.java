package dev.lorekeeper.wallet;

import java.time.Instant;

/** A verified wallet of a member in one server. */
public record WalletLink(long guildId, long memberId, String address, String kind, Instant verifiedAt) {
    /** {@code 0x12ab…89ef}: enough to recognise a wallet, never the whole address in public. */
    public String shortAddress() {
        return shorten(address);
    }

    public static String shorten(String address) {
        return address.length() < 12
                ? address
                : address.substring(0, 6) + "…" + address.substring(address.length() - 4);
    }
}
