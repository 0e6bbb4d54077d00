package dev.lorekeeper.wallet;

import java.time.Instant;

/** A message the bot issued for signing, by its nonce. */
public record IssuedNonce(String nonce, String token, String message, Instant expiresAt, Instant usedAt) {}
