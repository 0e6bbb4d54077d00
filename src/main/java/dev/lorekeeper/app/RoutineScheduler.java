package dev.lorekeeper.app;

import dev.lorekeeper.store.Leases;
import dev.lorekeeper.web.HealthRoutes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every routine. A routine that throws anything but a fatal VM error is logged, counted and run again at its
 * next period: a {@link java.util.concurrent.ScheduledExecutorService} cancels a task for good the first time it
 * throws, which would silently stop the sweep or the outbox.
 */
final class RoutineScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoutineScheduler.class);

    private final ScheduledExecutorService executor;
    private final Leases leases;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Map<String, RoutineState> states = new ConcurrentHashMap<>();

    RoutineScheduler(int threads, Leases leases, MeterRegistry metrics, Clock clock) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "lorekeeper-routine-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.leases = leases;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** How a routine last went, for /readyz. */
    record RoutineState(String name, Instant lastSuccess, Instant lastFailure, String lastError) {
        boolean healthy() {
            return lastFailure == null || lastSuccess != null && lastSuccess.isAfter(lastFailure);
        }

        String describe() {
            return healthy()
                    ? (lastSuccess == null ? "waiting" : "ok")
                    : "failing since " + lastFailure + ": " + lastError;
        }
    }

    void start(List<Routine> routines) {
        routines.forEach(this::start);
    }

    void start(Routine r) {
        states.put(r.name(), new RoutineState(r.name(), null, null, null));
        executor.scheduleWithFixedDelay(
                () -> runOnce(r), r.initialDelay().toMillis(), r.period().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One run of a routine, isolated: exposed for tests, which call it directly. */
    void runOnce(Routine r) {
        try {
            if (r.lease().isEmpty() || leases.acquire(r.name(), r.lease().get())) {
                r.task().run();
            }
            states.computeIfPresent(
                    r.name(), (k, s) -> new RoutineState(k, clock.instant(), s.lastFailure(), s.lastError()));
        } catch (VirtualMachineError fatal) {
            throw fatal; // out of memory or stack: the process is not in a state to go on pretending
        } catch (Throwable e) {
            Counter.builder("lorekeeper.routine.failures")
                    .tag("routine", r.name())
                    .register(metrics)
                    .increment();
            log.warn("routine {} failed; it runs again at its next period: {}", r.name(), e.toString());
            states.computeIfPresent(
                    r.name(),
                    (k, s) -> new RoutineState(
                            k, s.lastSuccess(), clock.instant(), e.getClass().getSimpleName()));
        }
    }

    /**
     * The /readyz line: a failing routine is named there, but does not make the process unready (the web and
     * Discord still work; the log says why it fails).
     */
    HealthRoutes.Status health() {
        List<String> failing = states.values().stream()
                .filter(s -> !s.healthy())
                .map(s -> s.name() + " " + s.describe())
                .sorted()
                .toList();
        return new HealthRoutes.Status(true, failing.isEmpty() ? "ok" : String.join("; ", failing));
    }

    /** Every routine's state, by name. */
    Map<String, RoutineState> states() {
        return Map.copyOf(states);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
