package dev.lorekeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.testing.Fixture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /readyz and /metrics with an admin token: served on the public port only to its holders, always on the admin
 * port; and a flood of scrapes costs the database one round of checks per interval.
 */
class AdminEndpointsTest {
    static final String TOKEN = "test-admin-token-0123456789abcdef";
    static final AtomicInteger databaseChecks = new AtomicInteger();
    static HealthRoutes health;

    @RegisterExtension
    @Order(1)
    static final Fixture<WebServer> web = Fixture.of(AdminEndpointsTest::startWeb);

    static final HttpClient http = HttpClient.newHttpClient();

    private static WebServer startWeb() throws Exception {
        health = new HealthRoutes(
                List.of(new HealthRoutes.Check("database", () -> {
                    databaseChecks.incrementAndGet();
                    return HealthRoutes.Status.ok();
                })),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        return LocalServers.withAdminToken(TOKEN, health);
    }

    static HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsWithWrongBearerTokenAre401() throws Exception {
        for (String path : HealthRoutes.PATHS) {
            for (String wrong : new String[] {
                null,
                "Bearer",
                "Bearer wrong",
                "Bearer " + TOKEN + "x",
                "Bearer " + TOKEN.substring(1),
                "Basic " + TOKEN,
                TOKEN,
                "bearer  " + TOKEN
            }) {
                HttpResponse<String> r = get(web.get().port(), path, wrong);
                assertThat(r.statusCode()).as(path + " with " + wrong).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
                assertThat(r.body()).contains("admin bearer token").doesNotContain("database", "jvm_");
            }
            assertThat(get(web.get().port(), path, "Bearer " + TOKEN).statusCode())
                    .as(path)
                    .isEqualTo(200);
            assertThat(get(web.get().port(), path, "bearer " + TOKEN).statusCode())
                    .as("the scheme's case")
                    .isEqualTo(200);
        }
    }

    @Test
    void adminPortServesReadyzAndMetricsWithoutToken() throws Exception {
        assertThat(get(web.get().adminPort(), "/readyz", null).body())
                .contains("\"database\":\"ok\"", "\"ready\":true");
        assertThat(get(web.get().adminPort(), "/metrics", null).statusCode()).isEqualTo(200);
        assertThat(get(web.get().adminPort(), "/healthz", null).body()).isEqualTo("ok");
    }

    @Test
    void scrapeFloodRunsTheChecksOncePerInterval() throws Exception {
        int checksBefore = databaseChecks.get();
        long t0 = System.nanoTime();
        List<CompletableFuture<Integer>> scrapes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int port = i % 2 == 0 ? web.get().adminPort() : web.get().port();
            scrapes.add(http.sendAsync(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode));
        }
        for (CompletableFuture<Integer> s : scrapes) {
            assertThat(s.get()).isEqualTo(200);
        }
        long intervals = Duration.ofNanos(System.nanoTime() - t0).dividedBy(HealthRoutes.DEFAULT_CACHE) + 1;
        assertThat(databaseChecks.get() - checksBefore)
                .as("database checks for 300 scrapes")
                .isLessThanOrEqualTo((int) intervals);
        assertThat(health.evaluations()).isEqualTo(databaseChecks.get());
    }

    @Test
    void aStartingBotIsReportedReadyWithinASecondOfBeingReadyNotAfterTheWholeCacheInterval() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean connected = new java.util.concurrent.atomic.AtomicBoolean();
        HealthRoutes starting = new HealthRoutes(
                List.of(new HealthRoutes.Check(
                        "discord",
                        () -> connected.get() ? HealthRoutes.Status.ok() : HealthRoutes.Status.notReady("connecting"))),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        try (WebServer server = LocalServers.withAdminToken(TOKEN, starting)) {
            assertThat(get(server.adminPort(), "/readyz", null).statusCode()).isEqualTo(503);
            connected.set(true);
            long t0 = System.nanoTime();
            int status;
            do {
                Thread.sleep(20);
                status = get(server.adminPort(), "/readyz", null).statusCode();
            } while (status != 200 && System.nanoTime() - t0 < HealthRoutes.DEFAULT_CACHE.toNanos() * 2);
            assertThat(status).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - t0))
                    .as("a not-ready answer is kept for a moment only, so orchestrators and restarts do not wait 5 s")
                    .isLessThan(Duration.ofSeconds(1));
        }
    }
}
