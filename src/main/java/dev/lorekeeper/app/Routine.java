package dev.lorekeeper.app;

import java.time.Duration;
import java.util.Optional;

/**
 * Scheduled work. The scheduler adds what every routine needs: the lease (work that must run once across
 * processes), error isolation, a metric and a /readyz line.
 */
public record Routine(String name, Optional<Duration> lease, Duration initialDelay, Duration period, Runnable task) {
    /** Work every process does for itself. */
    public static Routine local(String name, Duration initialDelay, Duration period, Runnable task) {
        return new Routine(name, Optional.empty(), initialDelay, period, task);
    }

    /** Work that one process at a time does for all, holding a lease of {@code lease}. */
    public static Routine leased(String name, Duration lease, Duration initialDelay, Duration period, Runnable task) {
        return new Routine(name, Optional.of(lease), initialDelay, period, task);
    }
}
