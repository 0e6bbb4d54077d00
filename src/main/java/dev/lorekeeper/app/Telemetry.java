package dev.lorekeeper.app;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.lorekeeper.chain.RpcObserver;
import dev.lorekeeper.discord.InteractionObserver;
import dev.lorekeeper.web.HealthRoutes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Prometheus registry behind {@code /metrics}, the one registry every module records through, and the observers that turn interactions and RPC requests into metrics.
 */
final class Telemetry implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    PrometheusMeterRegistry registry() {
        return registry;
    }

    InteractionObserver interactions() {
        return new InteractionObserver() {
            @Override
            public void received(String kind, long delayNanos) {
                Timer.builder("lorekeeper.interaction.dispatch")
                        .description("From Discord creating an interaction " + "to its handler starting")
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .register(registry)
                        .record(delayNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void handled(String kind, boolean ok, long handlerNanos) {
                Counter.builder("lorekeeper.commands")
                        .tag("command", kind)
                        .tag("outcome", ok ? "ok" : "error")
                        .register(registry)
                        .increment();
            }
        };
    }

    RpcObserver rpc() {
        return (chain, calls, ok, nanos) -> {
            Counter.builder("lorekeeper.rpc.requests")
                    .tag("chain", chain)
                    .tag("outcome", ok ? "ok" : "error")
                    .register(registry)
                    .increment();
            Counter.builder("lorekeeper.rpc.calls")
                    .tag("chain", chain)
                    .register(registry)
                    .increment(calls);
            Timer.builder("lorekeeper.rpc.latency")
                    .tag("chain", chain)
                    .register(registry)
                    .record(Duration.ofNanos(nanos));
        };
    }

    /**
     * A gauge read at most once per {@link HealthRoutes#DEFAULT_CACHE}: its value may come from a database query,
     * and every scrape reads every gauge, so a flood of scrapes would otherwise be a flood of queries.
     */
    void gauge(String name, String description, Supplier<Number> value) {
        LoadingCache<String, Number> recent = Caffeine.newBuilder()
                .expireAfterWrite(HealthRoutes.DEFAULT_CACHE)
                .build(key -> {
                    try {
                        return value.get();
                    } catch (RuntimeException e) {
                        return Double.NaN; // a failed read is no value, not zero
                    }
                });
        Gauge.builder(name, () -> recent.get(name)).description(description).register(registry);
    }

    @Override
    public void close() {
        registry.close();
    }
}
