package dev.lorekeeper.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lorekeeper.http.OutboundHttp;
import dev.lorekeeper.http.PrivateNetworks;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.MutableClock;
import dev.lorekeeper.testing.TestDatabases;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MetadataFetcherTest {
    static HttpServer server;
    static String base;
    static final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    static final String CID = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG";
    /** What the flaky gateway serves as the name; null: it answers 503. */
    static final AtomicReference<String> flakyBody = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(
                java.util.concurrent.Executors.newCachedThreadPool()); // a slow gateway must not block the others
        server.createContext("/down/", ex -> {
            requests.add(ex.getRequestURI().getPath());
            ex.sendResponseHeaders(502, -1);
            ex.close();
        });
        server.createContext("/up/", ex -> {
            requests.add(ex.getRequestURI().getPath());
            byte[] body = "{\"name\":\"From IPFS\",\"attributes\":[]}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/slow/", ex -> {
            requests.add(ex.getRequestURI().getPath());
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.createContext("/flaky/", ex -> {
            requests.add(ex.getRequestURI().getPath());
            String version = flakyBody.get();
            if (version == null) {
                ex.sendResponseHeaders(503, -1);
            } else {
                byte[] body = ("{\"name\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.createContext("/stall/", ex -> {
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write("{\"name\":".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.createContext("/huge", ex -> {
            byte[] body =
                    ("{\"name\":\"" + "x".repeat(MetadataFetcher.MAX_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    /** Serves metadata from this machine, so private networks are allowed. */
    static MetadataFetcher fetcher() {
        return new MetadataFetcher(
                MetadataFetcher.Settings.of(List.of(base + "/down/", base + "/up/"), Duration.ofSeconds(5)),
                new OutboundHttp(PrivateNetworks.ALLOWED));
    }

    static String base64(String json) {
        return "data:application/json;base64,"
                + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ipfsTriesGatewaysInOrderAndAcceptsTheIpfsPrefixAndBareCids() {
        for (String uri : List.of("ipfs://" + CID + "/1.json", "ipfs://ipfs/" + CID + "/1.json", CID + "/1.json")) {
            requests.clear();
            TokenMetadata m = fetcher().fetch(uri);
            assertThat(m.ok()).as(uri).isTrue();
            assertThat(m.name()).isEqualTo("From IPFS");
            assertThat(requests).containsExactly("/down/" + CID + "/1.json", "/up/" + CID + "/1.json");
        }
    }

    @Test
    void arweaveTriesTheConfiguredGatewaysInOrder() {
        MetadataFetcher f = new MetadataFetcher(
                new MetadataFetcher.Settings(
                        List.of(base + "/up/"),
                        List.of(base + "/down", base + "/up/"),
                        Duration.ofSeconds(5),
                        Duration.ofHours(1),
                        MetadataFetcher.Settings.DEFAULT_CACHE_MAX_BYTES),
                new OutboundHttp(PrivateNetworks.ALLOWED));
        requests.clear();
        TokenMetadata m = f.fetch("ar://bNbA3TEQVL60xlgCcqdz4ZPHFZ711cZ3hmkpGttDt_U/7");
        assertThat(m.ok()).isTrue();
        assertThat(requests)
                .containsExactly(
                        "/down/bNbA3TEQVL60xlgCcqdz4ZPHFZ711cZ3hmkpGttDt_U/7",
                        "/up/bNbA3TEQVL60xlgCcqdz4ZPHFZ711cZ3hmkpGttDt_U/7");
        assertThat(f.imageUrl("ar://img"))
                .as("an http gateway gives no image link")
                .isNull();
        MetadataFetcher https = new MetadataFetcher(
                new MetadataFetcher.Settings(
                        List.of(),
                        List.of("https://ar.example/", "https://arweave.net/"),
                        Duration.ofSeconds(5),
                        Duration.ofHours(1),
                        MetadataFetcher.Settings.DEFAULT_CACHE_MAX_BYTES),
                new OutboundHttp());
        assertThat(https.imageUrl("ar://img")).isEqualTo("https://ar.example/img");
    }

    @Test
    void anIpfsPathThatClimbsOutOfItsContentAddressNeverReachesTheGateway() {
        for (String uri : List.of(
                "ipfs://../admin/secrets",
                "ipfs://" + CID + "/../../admin",
                "ipfs://%2e%2e/admin",
                "ar://../../x",
                "ipfs://" + CID + "/1.json?x=../../")) {
            requests.clear();
            TokenMetadata m = fetcher().fetch(uri);
            assertThat(m.ok()).as(uri).isFalse();
            assertThat(m.error()).as(uri).contains("leaves its content address");
            assertThat(requests).as(uri).isEmpty();
        }
    }

    static java.util.stream.Stream<TestDatabases.Kind> kinds() {
        return TestDatabases.both();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void fetchedCopiesSurviveRestartsAreRefreshedAndCoverAFailingGateway(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
            MetadataStore store = new MetadataStore(db, clock);
            String uri = "ipfs://" + CID + "/" + kind + ".json";
            java.util.function.Supplier<MetadataFetcher> restarted = () -> new MetadataFetcher(
                    new MetadataFetcher.Settings(
                            List.of(base + "/flaky/"),
                            Duration.ofSeconds(5),
                            Duration.ofHours(1),
                            MetadataFetcher.Settings.DEFAULT_CACHE_MAX_BYTES),
                    new OutboundHttp(),
                    store,
                    clock);

            flakyBody.set("first");
            assertThat(restarted.get().fetch(uri).name()).isEqualTo("first");

            flakyBody.set(null);
            requests.clear();
            TokenMetadata afterRestart = restarted.get().fetch(uri);
            assertThat(afterRestart.name()).isEqualTo("first");
            assertThat(afterRestart.warnings()).isEmpty();
            assertThat(requests).as("a fresh copy needs no gateway").isEmpty();

            clock.advance(Duration.ofHours(2));
            TokenMetadata stale = restarted.get().fetch(uri);
            assertThat(stale.ok()).isTrue();
            assertThat(stale.name()).isEqualTo("first");
            assertThat(stale.warnings())
                    .singleElement()
                    .asString()
                    .contains("served from the copy fetched at 2026-01-01T00:00:00Z", "HTTP 503");

            flakyBody.set("second");
            assertThat(restarted.get().fetch(uri).name()).isEqualTo("second");
            flakyBody.set(null);
            assertThat(restarted.get().fetch(uri).name())
                    .as("the refreshed copy was stored")
                    .isEqualTo("second");
        }
    }

    @Test
    void aSlowGatewayTimesOutAndTheNextOneAnswers() {
        requests.clear();
        MetadataFetcher f = new MetadataFetcher(
                MetadataFetcher.Settings.of(List.of(base + "/slow/", base + "/up/"), Duration.ofMillis(500)),
                new OutboundHttp());
        TokenMetadata m = f.fetch("ipfs://" + CID + "/2.json");
        assertThat(m.ok()).isTrue();
        assertThat(m.name()).isEqualTo("From IPFS");
        assertThat(requests).containsExactly("/slow/" + CID + "/2.json", "/up/" + CID + "/2.json");
    }

    @Test
    void base64AndUtf8DataUrisWithOnChainSvgAreReadButTheSvgIsNeverLinked() {
        String json = "{\"name\":\"Ember #1\",\"description\":\"100% on-chain\",\"image\":\"data:image/svg+xml;base64,"
                + "PHN2Zy8+\",\"attributes\":[{\"trait_type\":\"Level\",\"value\":3}]}";
        TokenMetadata a = fetcher().fetch(base64(json));
        TokenMetadata b = fetcher().fetch("data:application/json;utf8," + json);
        for (TokenMetadata m : List.of(a, b)) {
            assertThat(m.ok()).isTrue();
            assertThat(m.name()).isEqualTo("Ember #1");
            assertThat(m.description()).isEqualTo("100% on-chain");
            assertThat(m.image()).startsWith("data:image/svg+xml");
            assertThat(m.imageUrl()).isNull();
            assertThat(m.attributes()).containsExactly(new TokenMetadata.Attribute("Level", "3"));
        }
    }

    @Test
    void imagesBecomeHttpsGatewayLinks() {
        MetadataFetcher f = new MetadataFetcher(
                MetadataFetcher.Settings.of(List.of("https://gw.example/ipfs/"), Duration.ofSeconds(1)),
                new OutboundHttp());
        assertThat(f.imageUrl("ipfs://" + CID + "/1.png")).isEqualTo("https://gw.example/ipfs/" + CID + "/1.png");
        assertThat(f.imageUrl("ar://abc")).isEqualTo("https://arweave.net/abc");
        assertThat(f.imageUrl("http://plain.example/1.png")).isNull();
        assertThat(f.imageUrl("javascript:alert(1)")).isNull();
    }

    @Test
    void oneBadFieldLosesNothingElseAndIsReported() {
        TokenMetadata m = fetcher()
                .fetch(base64("{\"name\":{\"oops\":1},\"description\":\"Kept\",\"image\":"
                        + "\"ipfs://" + CID + "/i.png\",\"attributes\":[{\"trait_type\":\"Eyes\",\"value\":\"Laser\"},"
                        + "\"junk\",{\"trait_type\":\"Hat\"},{\"trait_type\":\"Fur\",\"value\":null}]}"));
        assertThat(m.ok()).isTrue();
        assertThat(m.name()).isNull();
        assertThat(m.description()).isEqualTo("Kept");
        assertThat(m.image()).isEqualTo("ipfs://" + CID + "/i.png");
        assertThat(m.imageUrl())
                .as("test gateways are plain http, and only https links are offered")
                .isNull();
        assertThat(m.attributes()).containsExactly(new TokenMetadata.Attribute("Eyes", "Laser"));
        assertThat(m.warnings())
                .containsExactly(
                        "name is not text; ignored",
                        "attributes[1] has no trait_type or value; skipped",
                        "attributes[2] has no trait_type or value; skipped",
                        "attributes[3] has no trait_type or value; skipped");
    }

    @Test
    void attributesAsAMapAreAccepted() {
        TokenMetadata m = fetcher().fetch(base64("{\"attributes\":{\"Background\":\"Gold\",\"Bad\":[1]}}"));
        assertThat(m.attributes()).containsExactly(new TokenMetadata.Attribute("Background", "Gold"));
        assertThat(m.warnings()).containsExactly("attributes.Bad is not a single value; skipped");
    }

    @Test
    void malformedOversizedAndUnsupportedInputsFailWithAReason() {
        assertThat(fetcher().fetch(base64("{\"name\": ")).error()).isEqualTo("metadata is not valid JSON");
        assertThat(fetcher().fetch(base64("[1,2]")).error()).isEqualTo("metadata is not a JSON object");
        assertThat(fetcher().fetch("data:application/json;base64,@@@").error()).contains("not valid base64");
        assertThat(fetcher().fetch(base + "/huge").error()).isEqualTo("metadata larger than 1 MB");
        assertThat(fetcher().fetch("ftp://x/1.json").error()).isEqualTo("unsupported metadata URI scheme: ftp");
        assertThat(fetcher().fetch(" ").error()).isEqualTo("the token has no metadata URI");
    }

    static MetadataFetcher refusingPrivateNetworks(List<String> gateways, Duration timeout) {
        return new MetadataFetcher(MetadataFetcher.Settings.of(gateways, timeout), new OutboundHttp());
    }

    @Test
    void metadataUrlOnLoopbackIsRefused() {
        requests.clear();
        TokenMetadata m =
                refusingPrivateNetworks(List.of(), Duration.ofSeconds(5)).fetch(base + "/up/1.json");
        assertThat(m.ok()).isFalse();
        assertThat(m.error()).isEqualTo("the metadata URL could not be fetched (refused: private address)");
        assertThat(requests).as("never fetched at all").isEmpty();
    }

    @Test
    void portScanGetsSameAnswerForOpenAndClosedPort() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        MetadataFetcher f = refusingPrivateNetworks(List.of(), Duration.ofSeconds(5));
        String open = f.fetch(base + "/up/1.json").error();
        String shut = f.fetch("http://127.0.0.1:" + closed + "/up/1.json").error();
        String status = f.fetch(base + "/down/1.json").error();
        assertThat(open)
                .isEqualTo(shut)
                .isEqualTo(status)
                .isEqualTo("the metadata URL could not be fetched (refused: private address)");
    }

    @Test
    void ipfsGatewayOnLoopbackIsTrustedButATokenUriThereIsNot() {
        MetadataFetcher f = refusingPrivateNetworks(List.of(base + "/up/"), Duration.ofSeconds(5));
        assertThat(f.fetch("ipfs://" + CID + "/3.json").name()).isEqualTo("From IPFS");
        assertThat(f.fetch(base + "/up/" + CID + "/3.json").ok()).isFalse();
    }

    @Test
    void serverThatStallsAfterHeadersTimesOut() {
        long t0 = System.nanoTime();
        TokenMetadata m = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> refusingPrivateNetworks(List.of(base + "/stall/"), Duration.ofSeconds(1))
                        .fetch("ipfs://" + CID));
        assertThat(m.ok()).isFalse();
        assertThat(m.error()).startsWith("the metadata URL could not be fetched (");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void hugeMetadataCannotFillTheMemoryCache() {
        long cap = 2L * 1024 * 1024;
        MetadataFetcher f = new MetadataFetcher(
                new MetadataFetcher.Settings(List.of(), Duration.ofSeconds(1), Duration.ofHours(1), cap),
                new OutboundHttp());
        for (int i = 0; i < 20; i++) {
            assertThat(f.fetch(base64("{\"name\":\"" + i + "x".repeat(200_000) + "\"}"))
                            .ok())
                    .isTrue();
        }
        assertThat(f.cachedBytes()).isPositive().isLessThanOrEqualTo(cap);
    }

    @Test
    void erc1155IdPlaceholderIsSixtyFourLowercaseHexDigits() {
        assertThat(TokenMetadataLocator.erc1155Uri("https://m.example/{id}.json", BigInteger.valueOf(314592)))
                .isEqualTo("https://m.example/000000000000000000000000000000000000000000000000000000000004cce0.json");
    }
}
