package dev.lorekeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestDatabases;
import dev.lorekeeper.wallet.VerificationService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that try to exhaust the bot's web server: bodies of any size and framing, oversized heads, and clients
 * that send slowly to hold a connection and a thread. Each one is answered or cut off in bounded time and memory.
 */
class HostileClientsTest {
    @RegisterExtension
    @Order(1)
    static final Fixture<Database> db = Fixture.of(() -> TestDatabases.h2());

    @RegisterExtension
    @Order(2)
    static final Fixture<WebServer> web = Fixture.of(HostileClientsTest::startWeb);

    static VerificationService service;
    /** The defaults, with deadlines short enough for a test to wait them out. */
    static final HttpLimits LIMITS = new HttpLimits(
            HttpLimits.DEFAULTS.maxHeaderBytes(),
            HttpLimits.DEFAULTS.maxBodyBytes(),
            Duration.ofSeconds(3),
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            HttpLimits.DEFAULTS.minBodyBytesPerSecond());

    static final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static WebServer startWeb() throws Exception {
        service = LocalServers.verification(db.get());
        return LocalServers.withLimits(LIMITS, new VerifyRoutes(service, 1000));
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + web.get().port() + path);
    }

    static String messagePath() {
        return "/api/verify/" + service.start(1, 20, "m", "g").token() + "/message";
    }

    static void assertServerStillAnswers() throws Exception {
        HttpResponse<String> health =
                http.send(HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).isEqualTo("ok");
    }

    @Test
    void chunkedBodyOverCapGets413() throws Exception {
        byte[] body = ("{\"address\":\"" + "x".repeat(40_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri(messagePath()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(new ObjectMapper().readTree(r.body()).path("message").asText())
                .contains("too large");
    }

    @Test
    void hugeChunkedBodyDoesNotExhaustHeap() throws Exception {
        long total = 600L * 1024 * 1024;
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        byte[] framed = chunked(new String(chunk, StandardCharsets.ISO_8859_1));
        AtomicLong sent = new AtomicLong();
        long t0 = System.nanoTime();
        try (RawHttp client = new RawHttp(web.get().port(), Duration.ofSeconds(30))) {
            client.send("POST " + messagePath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            client.send(chunked("{\"address\":\""));
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.readStatus();
                } catch (IOException e) {
                    return -1;
                }
            });
            try {
                while (sent.get() < total && !status.isDone()) {
                    client.send(framed);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // the server stopped reading and closed: what should happen
            }
            assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(413);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(sent.get())
                .as("bytes the client got to send before the answer")
                .isLessThan(total / 4);
        assertServerStillAnswers();
    }

    @Test
    void oversizedHeaderIsRefused() throws Exception {
        try (RawHttp client = new RawHttp(web.get().port(), Duration.ofSeconds(10))) {
            client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + "a".repeat(9000) + "\r\n\r\n");
            assertThat(RawHttp.statusOf(client.readUntilClosed())).isEqualTo(431);
        }
        assertServerStillAnswers();
    }

    @Test
    void overlongUrlIsRefused() throws Exception {
        try (RawHttp client = new RawHttp(web.get().port(), Duration.ofSeconds(10))) {
            client.send("GET /verify/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(RawHttp.statusOf(client.readUntilClosed())).isIn(414, 431);
        }
        assertServerStillAnswers();
    }

    @Test
    void slowBodyIsCutOff() throws Exception {
        long t0 = System.nanoTime();
        try (RawHttp client = new RawHttp(web.get().port(), Duration.ofSeconds(30))) {
            client.send(bodyHead(1000) + "{");
            String answer = dribble(client, "\"address\":\"0x" + "0".repeat(900), Duration.ofMillis(200));
            assertThat(RawHttp.statusOf(answer)).isEqualTo(408);
            assertThat(answer).contains("arrived too slowly");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(LIMITS.bodyDeadline());
        assertServerStillAnswers();
    }

    @Test
    void bodyFastEnoughForTheMinimumRateStillMeetsItsDeadline() throws Exception {
        long t0 = System.nanoTime();
        try (RawHttp client = new RawHttp(web.get().port(), Duration.ofSeconds(30))) {
            client.send(bodyHead(4000));
            CompletableFuture<String> answer = answer(client);
            // 100 bytes every 100 ms: well above the minimum rate, and 4 s in all, twice the deadline.
            for (int i = 0; i < 40 && !answer.isDone(); i++) {
                client.send("0".repeat(100));
                Thread.sleep(100);
            }
            assertThat(RawHttp.statusOf(answer.get(10, TimeUnit.SECONDS))).isEqualTo(408);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .isLessThan(LIMITS.bodyDeadline().plusSeconds(1));
        assertServerStillAnswers();
    }

    @Test
    void stalledBodyIsCutOff() throws Exception {
        long t0 = System.nanoTime();
        try (RawHttp client = new RawHttp(web.get().port(), Duration.ofSeconds(30))) {
            client.send(bodyHead(1000) + "{\"address\":");
            String answer = client.readUntilClosed();
            assertThat(answer).doesNotContain("<still open>", " 500 ");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .isLessThan(LIMITS.idleTimeout().plusSeconds(2));
        assertServerStillAnswers();
    }

    @Test
    void slowHeadersAreCutOff() throws Exception {
        long t0 = System.nanoTime();
        try (RawHttp client = new RawHttp(web.get().port(), Duration.ofSeconds(30))) {
            client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            String answer = dribble(client, "X-Slow: " + "a".repeat(200), Duration.ofMillis(200));
            assertThat(answer).doesNotContain("\r\n\r\nok", "<still open>");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .isLessThan(LIMITS.headerDeadline().multipliedBy(2));
        assertServerStillAnswers();
    }

    private static byte[] chunked(String data) {
        return (Integer.toHexString(data.length()) + "\r\n" + data + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String bodyHead(int contentLength) {
        return "POST " + messagePath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    private static CompletableFuture<String> answer(RawHttp client) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.readUntilClosed();
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** Sends one character every {@code pause} until the server answers or closes; returns what it sent back. */
    private static String dribble(RawHttp client, String text, Duration pause) throws Exception {
        CompletableFuture<String> answer = answer(client);
        for (int i = 0; i < text.length() && !answer.isDone(); i++) {
            try {
                client.send(text.substring(i, i + 1));
            } catch (IOException e) {
                break;
            }
            Thread.sleep(pause.toMillis());
        }
        return answer.get(30, TimeUnit.SECONDS);
    }
}
