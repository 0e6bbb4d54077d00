package dev.lorekeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /healthz on both listeners; /readyz with each dependency shown separately and /metrics in Prometheus format, on
 * the admin listener only (no admin token is configured here).
 */
class HealthAndMetricsTest {
    @RegisterExtension
    static final Fixture<TestBot> bot = Fixture.of(() -> TestBot.start());

    static final HttpClient http = HttpClient.newHttpClient();

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(bot.get().adminUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> getPublic(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(bot.get().webUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminPortServesReadyz() throws Exception {
        FakeGuild guild = bot.get().discord.guild("Health");
        bot.get().discord.awaitBotReady(guild);
        assertThat(getPublic("/healthz").body()).isEqualTo("ok");
        assertThat(get("/healthz").body()).isEqualTo("ok");
        DiscordDouble.await(
                () -> {
                    try {
                        return get("/readyz").statusCode() == 200;
                    } catch (Exception e) {
                        return false;
                    }
                },
                HealthRoutes.DEFAULT_CACHE.plusSeconds(10),
                "ready");
        JsonNode ready = new ObjectMapper().readTree(get("/readyz").body());
        assertThat(ready.path("database").asText()).isEqualTo("ok");
        assertThat(ready.path("gateway").asText()).isEqualTo("ok");
        assertThat(ready.path("index").asText()).isEqualTo("no docs configured");
        assertThat(ready.path("ready").asBoolean()).isTrue();
    }

    @Test
    void metricsOnPublicPortAreNotServed() throws Exception {
        for (String path : List.of("/metrics", "/readyz")) {
            HttpResponse<String> r = getPublic(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).doesNotContain("lorekeeper_", "database");
        }
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(bot.get().webUrl() + "/metrics"))
                                        .header("Authorization", "Bearer anything-at-all-0123456789")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("no token is configured")
                .isEqualTo(404);
    }

    @Test
    void metricsCoverCommandsAcknowledgementAndTheOutbox() throws Exception {
        FakeGuild guild = bot.get().discord.guild("Metrics");
        bot.get().discord.awaitBotReady(guild);
        guild.member("m").runs("/about").reply();
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains(
                        "lorekeeper_commands_total{command=\"about\",outcome=\"ok\"}",
                        "lorekeeper_interaction_ack_seconds_count",
                        "lorekeeper_interaction_ack_seconds{quantile=\"0.99\"}",
                        "lorekeeper_role_outbox_depth",
                        "lorekeeper_role_outbox_oldest_seconds");
        assertThat(metrics.body().lines())
                .as("the /about just answered was timed at its acknowledgement")
                .anySatisfy(line -> assertThat(line).matches("lorekeeper_interaction_ack_seconds_count [1-9][0-9.E]*"));
    }
}
