package dev.lorekeeper.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The operator's bearer token for {@code /readyz} and {@code /metrics} on the public port. Digests of equal length
 * are compared in constant time, so neither the token's content nor its length leaks through response timing.
 */
final class AdminToken {
    private static final String SCHEME = "Bearer ";
    private final byte[] expected;

    AdminToken(String token) {
        this.expected = digest(token);
    }

    /** A before-handler: a request without the token gets 401 and goes no further. */
    void require(Context ctx) {
        String given = ctx.header("Authorization");
        if (given != null
                && given.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && MessageDigest.isEqual(digest(given.substring(SCHEME.length())), expected)) {
            return;
        }
        ctx.header("WWW-Authenticate", "Bearer");
        throw new RequestRejected(401, "This path needs the admin bearer token.");
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
