package dev.lorekeeper.web;

import java.time.Duration;

/**
 * What one request may cost the server. The verify API's bodies are a few hundred bytes and every page fits in a
 * few kilobytes, so anything far beyond is an attack or a mistake, and is cut off early.
 *
 * @param maxHeaderBytes request line plus headers; more gets 431 (or 414 when the URI alone is too long)
 * @param maxBodyBytes a body longer than this gets 413, however it is framed
 * @param idleTimeout a connection that sends nothing for this long is closed
 * @param headerDeadline from a request's first byte to the end of its headers
 * @param bodyDeadline from the first read of a body to its end
 * @param minBodyBytesPerSecond a body arriving slower than this gets 408 before its deadline
 */
record HttpLimits(
        int maxHeaderBytes,
        int maxBodyBytes,
        Duration idleTimeout,
        Duration headerDeadline,
        Duration bodyDeadline,
        long minBodyBytesPerSecond) {
    static final HttpLimits DEFAULTS = new HttpLimits(
            8 * 1024, 16 * 1024, Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(10), 256);
}
