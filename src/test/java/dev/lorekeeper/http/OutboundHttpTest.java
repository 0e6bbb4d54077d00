package dev.lorekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outbound fetches against a local server: what an attacker's token URI can and can not make the bot do. */
class OutboundHttpTest {
    static final Duration DEADLINE = Duration.ofSeconds(1);
    static HttpServer server;
    static ExecutorService executor;
    static int port;
    static final AtomicInteger requests = new AtomicInteger();
    static final AtomicLong endlessBytesWritten = new AtomicLong();

    final OutboundHttp refusing = new OutboundHttp(PrivateNetworks.REFUSED);
    final OutboundHttp allowing = new OutboundHttp(PrivateNetworks.ALLOWED);

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/ok", ex -> reply(ex, 200, "{\"ok\":true}"));
        server.createContext("/missing", ex -> reply(ex, 404, "no"));
        server.createContext("/to", ex -> {
            ex.getResponseHeaders()
                    .add("Location", ex.getRequestURI().getQuery().substring("u=".length()));
            reply(ex, 302, "");
        });
        server.createContext("/loop/", ex -> {
            int n = Integer.parseInt(ex.getRequestURI().getPath().substring("/loop/".length()));
            ex.getResponseHeaders().add("Location", "/loop/" + (n + 1));
            reply(ex, 302, "");
        });
        server.createContext("/stall", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write("{\"name\":".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            sleep(30_000);
            ex.close();
        });
        server.createContext("/drip", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(' ');
                    out.flush();
                    sleep(100);
                }
            }
        });
        server.createContext("/endless", ex -> {
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try (OutputStream out = ex.getResponseBody()) {
                while (true) {
                    out.write(chunk);
                    endlessBytesWritten.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // the client hung up: what the test expects
            }
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @BeforeEach
    void reset() {
        requests.set(0);
    }

    static void reply(HttpExchange ex, int status, String body) throws IOException {
        requests.incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String local(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    OutboundHttp.Body untrusted(OutboundHttp http, String url) throws Exception {
        return http.get(Trust.UNTRUSTED, url, "application/json", DEADLINE, 1024);
    }

    @Test
    void metadataUrlOnLoopbackIsRefused() {
        assertThatThrownBy(() -> untrusted(refusing, local("/ok")))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("refused: private address");
        assertThat(requests).as("never fetched at all").hasValue(0);
    }

    @Test
    void decimalIpv4SpellingOfLoopbackIsRefused() {
        for (String host : new String[] {"2130706433", "0x7f000001", "0177.0.0.1", "0x7f.1", "127.1"}) {
            assertThatThrownBy(() -> untrusted(refusing, "http://" + host + ":" + port + "/ok"))
                    .as(host)
                    .hasMessage("refused: private address");
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void ipv6AndNameSpellingsOfLoopbackAreRefused() {
        for (String host : new String[] {
            "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "localhost", "LocalHost.", "%31%32%37.0.0.1"
        }) {
            assertThatThrownBy(() -> untrusted(refusing, "http://" + host + ":" + port + "/ok"))
                    .as(host)
                    .hasMessage("refused: private address");
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void redirectToPrivateAddressIsRefused() {
        // The operator's gateway on 127.0.0.1 is trusted; where it redirects to (another host) is not.
        assertThatThrownBy(() -> refusing.get(
                        Trust.CONFIGURED,
                        local("/to?u=http://localhost:" + port + "/ok"),
                        "application/json",
                        DEADLINE,
                        1024))
                .hasMessage("refused: private address");
        assertThat(requests).as("only the redirect itself was fetched").hasValue(1);
    }

    @Test
    void redirectWithinTheConfiguredHostStaysTrusted() throws Exception {
        OutboundHttp.Body body = refusing.get(Trust.CONFIGURED, local("/to?u=/ok"), "application/json", DEADLINE, 1024);
        assertThat(body.text()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void redirectToAnotherSchemeIsRefused() {
        for (String target : new String[] {"file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:6379/_x"}) {
            assertThatThrownBy(() -> untrusted(allowing, local("/to?u=" + target)))
                    .as(target)
                    .hasMessage("refused: not an http or https URL");
        }
        assertThatThrownBy(() -> untrusted(allowing, "file:///etc/passwd"))
                .hasMessage("refused: not an http or https URL");
    }

    @Test
    void tooManyRedirectsAreRefused() {
        assertThatThrownBy(() -> untrusted(allowing, local("/loop/0")))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("refused: too many redirects");
        assertThat(requests).as("the first request and five redirects").hasValue(1 + OutboundHttp.MAX_REDIRECTS);
    }

    @Test
    void fiveRedirectsAreFollowed() throws Exception {
        String url = local("/to?u=/to%3Fu=/to%253Fu=/to%25253Fu=/to%2525253Fu=/ok");
        assertThat(untrusted(allowing, url).text()).isEqualTo("{\"ok\":true}");
        assertThat(requests).hasValue(6);
    }

    @Test
    void serverThatStallsAfterHeadersTimesOut() {
        long t0 = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> untrusted(allowing, local("/stall"))).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> allowing.get(Trust.CONFIGURED, local("/stall"), "*/*", DEADLINE, 1024))
                    .isInstanceOf(IOException.class);
        });
        assertThat(requests).hasValue(2);
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .isLessThan(DEADLINE.multipliedBy(2).plusMillis(1500));
    }

    @Test
    void serverThatDripsItsBodyTimesOutAtTheTotalDeadline() {
        long t0 = System.nanoTime();
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThatThrownBy(() -> untrusted(allowing, local("/drip")))
                        .isInstanceOf(IOException.class));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(DEADLINE.plusMillis(1500));
    }

    @Test
    void bodyLargerThanCapIsCutWhileReading() throws Exception {
        OutboundHttp.Body body = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> allowing.get(Trust.UNTRUSTED, local("/endless"), "*/*", Duration.ofSeconds(5), 100_000));
        assertThat(body.truncated()).isTrue();
        assertThat(body.text()).hasSize(100_000);
    }

    @Test
    void allowPrivateNetworksLetsLocalServerThrough() throws Exception {
        OutboundHttp.Body body = untrusted(allowing, local("/ok"));
        assertThat(body.text()).isEqualTo("{\"ok\":true}");
        assertThat(body.truncated()).isFalse();
    }

    @Test
    void portScanGetsSameAnswerForOpenAndClosedPort() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Throwable open = org.assertj.core.api.Assertions.catchThrowable(() -> untrusted(refusing, local("/ok")));
        Throwable shut = org.assertj.core.api.Assertions.catchThrowable(
                () -> untrusted(refusing, "http://127.0.0.1:" + closed + "/ok"));
        assertThat(open).isInstanceOf(FetchRefusedException.class);
        assertThat(shut).isInstanceOf(open.getClass()).hasMessage(open.getMessage());
        assertThat(requests).hasValue(0);
    }

    @Test
    void failuresOfAnAllowedFetchDoNotTellClosedPortsFromSilentOnes() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Throwable stalled = org.assertj.core.api.Assertions.catchThrowable(() -> untrusted(allowing, local("/stall")));
        Throwable shut = org.assertj.core.api.Assertions.catchThrowable(
                () -> untrusted(allowing, "http://127.0.0.1:" + closed + "/ok"));
        assertThat(stalled).hasMessage("no answer");
        assertThat(shut).hasMessage("no answer");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> untrusted(allowing, local("/missing"))))
                .hasMessage("HTTP 404");
    }

    @Test
    void configuredUrlsOnLoopbackKeepWorking() throws Exception {
        assertThat(refusing.get(Trust.CONFIGURED, local("/ok"), "application/json", DEADLINE, 1024)
                        .text())
                .isEqualTo("{\"ok\":true}");
        assertThat(new String(
                        refusing.postJson(URI.create(local("/ok")), "{}".getBytes(StandardCharsets.UTF_8), DEADLINE),
                        StandardCharsets.UTF_8))
                .isEqualTo("{\"ok\":true}");
    }
}
