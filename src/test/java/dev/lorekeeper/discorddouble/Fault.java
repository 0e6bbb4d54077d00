package dev.lorekeeper.discorddouble;

import java.util.concurrent.atomic.AtomicInteger;

/** A scripted failure for the next {@code times} requests that match a method and path pattern. */
final class Fault {
    final String method;
    final String pathRegex;
    final AtomicInteger remaining;
    final DiscordError error;
    final int retryAfterSeconds;

    private Fault(String method, String pathRegex, int times, DiscordError error, int retryAfterSeconds) {
        this.method = method;
        this.pathRegex = pathRegex;
        this.remaining = new AtomicInteger(times);
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static Fault rateLimit(String method, String pathRegex, int times, int retryAfterSeconds) {
        return new Fault(method, pathRegex, times, null, retryAfterSeconds);
    }

    static Fault error(String method, String pathRegex, int times, DiscordError error) {
        return new Fault(method, pathRegex, times, error, 0);
    }

    /** Claims one use of this fault for a request, if it applies. */
    boolean claim(String m, String path) {
        if (!method.equals(m) || !path.matches(pathRegex)) {
            return false;
        }
        return remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }
}
