package dev.lorekeeper.wallet;

import java.time.Instant;

/** What a message must match to be accepted; a null component is not checked (a null time means now). */
public record SiweExpectations(String domain, String nonce, Instant time, Long chainId, String uri) {
    public static SiweExpectations none(Instant time) {
        return new SiweExpectations(null, null, time, null, null);
    }
}
