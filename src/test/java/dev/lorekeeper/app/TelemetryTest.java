package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.web.HealthRoutes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Gauges whose value is a database query: a flood of scrapes runs the query once per interval. */
class TelemetryTest {
    @Test
    void databaseGaugesAreReadOncePerIntervalHoweverOftenScraped() {
        AtomicInteger queries = new AtomicInteger();
        try (Telemetry telemetry = new Telemetry()) {
            telemetry.gauge("lorekeeper.test.depth", "A gauge backed by a query", () -> {
                queries.incrementAndGet();
                return 7;
            });
            long t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                assertThat(telemetry.registry().scrape()).contains("lorekeeper_test_depth 7.0");
            }
            long intervals = Duration.ofNanos(System.nanoTime() - t0).dividedBy(HealthRoutes.DEFAULT_CACHE) + 1;
            assertThat(queries.get()).isLessThanOrEqualTo((int) intervals);
        }
    }
}
