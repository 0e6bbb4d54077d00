package dev.lorekeeper.wallet;

import java.time.Instant;

/** A /verify session: who is verifying, in which server, until when, and whether it was used. */
public record VerifySession(
        String token,
        long guildId,
        long memberId,
        String memberName,
        String guildName,
        Instant expiresAt,
        Instant usedAt) {
    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean used() {
        return usedAt != null;
    }
}
