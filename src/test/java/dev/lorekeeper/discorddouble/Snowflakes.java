package dev.lorekeeper.discorddouble;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Real-looking snowflakes: JDA derives an interaction's creation time (and so its 15-minute token expiry) from its
 * id, so ids must encode the current time.
 */
final class Snowflakes {
    static final long DISCORD_EPOCH = 1420070400000L;
    private final AtomicLong last = new AtomicLong();

    long next() {
        long candidate = (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
        return last.updateAndGet(prev -> Math.max(prev + 1, candidate));
    }

    /** {@code n} consecutive ids (the first is returned); later ids are all larger. */
    long nextRange(int n) {
        long candidate = (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
        return last.updateAndGet(prev -> Math.max(prev + 1, candidate) + n - 1) - n + 1;
    }

    static long millis(long snowflake) {
        return (snowflake >>> 22) + DISCORD_EPOCH;
    }
}
