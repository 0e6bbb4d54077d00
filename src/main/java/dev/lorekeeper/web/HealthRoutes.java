package dev.lorekeeper.web;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /readyz}: each dependency's state shown separately (503 until all are ready); {@code /metrics}: Prometheus
 * text format. {@code /healthz} (the process is alive) is served by the web server itself.
 */
public final class HealthRoutes implements WebRoutes {
    private final List<Check> checks;
    private final PrometheusMeterRegistry registry;

    public HealthRoutes(List<Check> checks, PrometheusMeterRegistry registry) {
        this.checks = List.copyOf(checks);
        this.registry = registry;
    }

    /** One readiness check: a name, and a state such as "ok", "loading" or an error description. */
    public record Check(String name, Supplier<Status> status) {
    }

    /** A check's outcome. */
    public record Status(boolean ready, String detail) {
        public static Status ok() {
            return new Status(true, "ok");
        }

        public static Status notReady(String detail) {
            return new Status(false, detail);
        }
    }

    @Override
    public void install(Javalin app) {
        app.get("/readyz", ctx -> {
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
            ctx.status(all ? 200 : 503).json(out);
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(registry.scrape()));
    }
}
