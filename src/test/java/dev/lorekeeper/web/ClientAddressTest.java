package dev.lorekeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.Cidr;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestDatabases;
import dev.lorekeeper.wallet.VerificationService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-client limits behind a reverse proxy: X-Forwarded-For counts only when a trusted proxy wrote it, so members
 * behind the proxy get their own buckets and nobody else can pick the address they are limited by.
 */
class ClientAddressTest {
    @RegisterExtension
    static final Fixture<Database> db = Fixture.of(() -> TestDatabases.h2());

    static VerificationService service;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        service = LocalServers.verification(db.get());
    }

    static int lookup(WebServer web, String forwardedFor) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/verify/x"));
        if (forwardedFor != null) {
            r.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String randomAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return r.nextInt(1, 224) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    @Test
    void forgedForwardedForFromUntrustedPeerIsIgnored() throws Exception {
        for (List<Cidr> trusted : List.of(List.<Cidr>of(), List.of(Cidr.parse("10.0.0.0/8")))) {
            try (WebServer web = LocalServers.behindProxies(trusted, new VerifyRoutes(service, 3))) {
                List<Integer> codes = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    codes.add(lookup(web, randomAddress() + ", " + randomAddress()));
                }
                assertThat(codes).as("trusted proxies " + trusted).containsExactly(404, 404, 404, 429, 429);
            }
        }
    }

    @Test
    void membersBehindTrustedProxyGetSeparateBuckets() throws Exception {
        try (WebServer web =
                LocalServers.behindProxies(List.of(Cidr.parse("127.0.0.1")), new VerifyRoutes(service, 3))) {
            for (int i = 0; i < 3; i++) {
                assertThat(lookup(web, "203.0.113.1")).isEqualTo(404);
            }
            assertThat(lookup(web, "203.0.113.1")).isEqualTo(429);
            assertThat(lookup(web, "203.0.113.2")).as("another member").isEqualTo(404);
            assertThat(lookup(web, "198.51.100.9, 203.0.113.1"))
                    .as("a forged entry left of what the proxy appended changes nothing")
                    .isEqualTo(429);
            assertThat(lookup(web, null)).as("the proxy's own requests").isEqualTo(404);
        }
    }

    @Test
    void rightMostAddressThatIsNotATrustedProxyIsTheClient() {
        ClientAddress clients = new ClientAddress(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8")));
        assertThat(clients.resolve("10.0.0.2", List.of("198.51.100.1, 203.0.113.5, 10.0.0.1")))
                .as("through two proxies")
                .isEqualTo("203.0.113.5");
        assertThat(clients.resolve("10.0.0.2", List.of("198.51.100.1", "203.0.113.5")))
                .as("header repeated")
                .isEqualTo("203.0.113.5");
        assertThat(clients.resolve("fd00::2", List.of("[2001:db8::7]:4711"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(clients.resolve("10.0.0.2", List.of("203.0.113.5:5123"))).isEqualTo("203.0.113.5");
        assertThat(clients.resolve("10.0.0.2", List.of()))
                .as("no header: the proxy itself")
                .isEqualTo("10.0.0.2");
        assertThat(clients.resolve("10.0.0.2", List.of("10.0.0.9, 10.0.0.1")))
                .as("only proxies: the left-most")
                .isEqualTo("10.0.0.9");
        assertThat(clients.resolve("10.0.0.2", List.of("evil.example, 10.0.0.1")))
                .as("a host name is never looked up; the last hop we can vouch for counts")
                .isEqualTo("10.0.0.1");
        assertThat(clients.resolve("203.0.113.5", List.of("10.0.0.1")))
                .as("untrusted peer")
                .isEqualTo("203.0.113.5");
    }
}
