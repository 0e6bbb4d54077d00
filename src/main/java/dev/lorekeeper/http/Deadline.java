package dev.lorekeeper.http;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** One point in time by which a whole fetch (name lookup, connect, headers, body, every redirect) must be done. */
record Deadline(long nanoTime, Duration total) {
    static Deadline after(Duration total) {
        return new Deadline(System.nanoTime() + total.toNanos(), total);
    }

    /** Nanoseconds left; throws when none are. */
    long remainingNanos() throws SocketTimeoutException {
        long left = nanoTime - System.nanoTime();
        if (left <= 0) {
            throw passed();
        }
        return left;
    }

    boolean hasPassed() {
        return nanoTime - System.nanoTime() <= 0;
    }

    SocketTimeoutException passed() {
        return new SocketTimeoutException("no complete answer within " + total.toMillis() + " ms");
    }
}
