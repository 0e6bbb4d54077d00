package dev.lorekeeper.gate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most N role changes per server in any 10 seconds: Discord's per-server limits, with room to spare. */
final class ServerPace {
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final int perWindow;
    private final Clock clock;
    private final Map<Long, Deque<Instant>> recent = new ConcurrentHashMap<>();

    ServerPace(int perWindow, Clock clock) {
        this.perWindow = perWindow;
        this.clock = clock;
    }

    /** How many changes the server may still make in the current window. */
    int room(long guildId) {
        Deque<Instant> times = recent.get(guildId);
        if (times == null) {
            return perWindow;
        }
        Instant now = clock.instant();
        synchronized (times) {
            long used =
                    times.stream().filter(t -> !t.isBefore(now.minus(WINDOW))).count();
            return (int) Math.max(0, perWindow - used);
        }
    }

    /** Takes one of the server's slots in the current window; false when they are all taken. */
    boolean take(long guildId) {
        Deque<Instant> times = recent.computeIfAbsent(guildId, g -> new ArrayDeque<>());
        Instant now = clock.instant();
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
                times.removeFirst();
            }
            if (times.size() >= perWindow) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    /**
     * Moves the change's time stamp from when it was allowed to when Discord had answered: Discord counts a change
     * when the request reaches it, so a window measured from before the request could let one more in at its edge.
     */
    void finished(long guildId) {
        Deque<Instant> times = recent.get(guildId);
        if (times == null) {
            return;
        }
        synchronized (times) {
            times.pollLast();
            times.addLast(clock.instant());
        }
    }
}
