package dev.lorekeeper.web;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code /readyz}: each dependency's state shown separately (503 until all are ready); {@code /metrics}: Prometheus
 * text format. Both are admin paths: the web server serves them on its admin listener, and on the public port only
 * to holders of the admin token. {@code /healthz} (the process is alive) is served by the web server itself.
 */
public final class HealthRoutes implements WebRoutes {
    /** Checks query the database; a flood of scrapes shares one evaluation per this interval. */
    public static final Duration DEFAULT_CACHE = Duration.ofSeconds(5);

    /**
     * A not-ready answer is kept only this long: a starting bot (or one whose dependency just came back) is reported
     * ready within a moment, not after a whole interval, while a flood still costs at most a few checks a second.
     */
    static final Duration NOT_READY_CACHE = Duration.ofMillis(250);

    static final List<String> PATHS = List.of("/readyz", "/metrics");

    private final List<Check> checks;
    private final PrometheusMeterRegistry registry;
    private final long cacheNanos;
    private final long notReadyCacheNanos;
    private final AtomicInteger evaluations = new AtomicInteger();
    private Readiness last;
    private long lastAt;

    public HealthRoutes(List<Check> checks, PrometheusMeterRegistry registry) {
        this(checks, registry, DEFAULT_CACHE);
    }

    HealthRoutes(List<Check> checks, PrometheusMeterRegistry registry, Duration cacheFor) {
        this.checks = List.copyOf(checks);
        this.registry = registry;
        this.cacheNanos = cacheFor.toNanos();
        this.notReadyCacheNanos = Math.min(cacheNanos, NOT_READY_CACHE.toNanos());
    }

    /** One readiness check: a name, and a state such as "ok", "loading" or an error description. */
    public record Check(String name, Supplier<Status> status) {}

    /** A check's outcome. */
    public record Status(boolean ready, String detail) {
        public static Status ok() {
            return new Status(true, "ok");
        }

        public static Status notReady(String detail) {
            return new Status(false, detail);
        }
    }

    private record Readiness(boolean ready, Map<String, Object> report) {}

    @Override
    public void install(Javalin app) {
        app.get("/readyz", ctx -> {
            Readiness r = readiness();
            ctx.status(r.ready() ? 200 : 503).json(r.report());
        });
        app.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(registry.scrape()));
    }

    /** How many times the checks have run: for tests that flood the endpoint. */
    int evaluations() {
        return evaluations.get();
    }

    // Synchronized so that scrapes arriving during an evaluation wait for it rather than start their own.
    private synchronized Readiness readiness() {
        if (last == null || System.nanoTime() - lastAt >= (last.ready() ? cacheNanos : notReadyCacheNanos)) {
            last = evaluate();
            lastAt = System.nanoTime();
        }
        return last;
    }

    private Readiness evaluate() {
        evaluations.incrementAndGet();
        Map<String, Object> out = new LinkedHashMap<>();
        boolean all = true;
        for (Check c : checks) {
            Status s;
            try {
                s = c.status().get();
            } catch (RuntimeException e) {
                s = Status.notReady(e.getClass().getSimpleName());
            }
            all &= s.ready();
            out.put(c.name(), s.detail());
        }
        out.put("ready", all);
        return new Readiness(all, Collections.unmodifiableMap(out));
    }
}
