package dev.lorekeeper;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** At most {@code limit} events per key per window (fixed windows, in memory): for members, IPs and the like. */
public final class RateLimiter {
    private final int limit;
    private final Cache<Object, AtomicInteger> windows;

    public RateLimiter(int limit, Duration window) {
        this.limit = limit;
        this.windows = Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(100_000)
                .build();
    }

    /** Counts one event; false when the key is over its limit in this window. */
    public boolean tryAcquire(Object key) {
        return windows.get(key, k -> new AtomicInteger()).incrementAndGet() <= limit;
    }
}
