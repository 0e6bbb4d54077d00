package dev.lorekeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestDatabases;
import dev.lorekeeper.wallet.VerificationService;
import dev.lorekeeper.wallet.VerifySession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a member (or an attacker) can send to the verify API: every bad input gets a clear 4xx, never a 500. */
class VerifyApiTest {
    @RegisterExtension
    @Order(1)
    static final Fixture<Database> db = Fixture.of(() -> TestDatabases.h2());

    @RegisterExtension
    @Order(2)
    static final Fixture<WebServer> web = Fixture.of(VerifyApiTest::startWeb);

    static VerificationService service;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    private static WebServer startWeb() throws Exception {
        service = LocalServers.verification(db.get());
        return LocalServers.start(new VerifyRoutes(service, 1000));
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + web.get().port() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + web.get().port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    @Test
    void pageIsServedWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/verify/anything");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.body()).contains("/assets/verify.js").doesNotContain("http://", "https://");
        assertThat(get("/assets/verify.js").body())
                .contains("eip6963:requestProvider", "personal_sign")
                .doesNotContain("eth_sendTransaction", "eth_signTransaction");
        assertThat(get("/healthz").body()).isEqualTo("ok");
    }

    @Test
    void unknownLinkSaysWhatToDo() throws Exception {
        HttpResponse<String> r = get("/api/verify/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(body(r).path("message").asText()).contains("Run /verify");
    }

    @Test
    void malformedBodiesGetA400WithAMessage() throws Exception {
        VerifySession s = service.start(1, 2, "m", "g");
        HttpResponse<String> notJson = post("/api/verify/" + s.token() + "/message", "{{{");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(body(notJson).path("message").asText()).isEqualTo("The request must be a JSON object.");
        HttpResponse<String> badAddress = post("/api/verify/" + s.token() + "/message", "{\"address\":\"0x12\"}");
        assertThat(badAddress.statusCode()).isEqualTo(400);
        assertThat(body(badAddress).path("message").asText()).contains("not an Ethereum address");
        HttpResponse<String> garbage = post("/api/verify/" + s.token(), "{\"message\":42,\"signature\":[]}");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(body(garbage).path("error").asText()).isEqualTo("MALFORMED_MESSAGE");
        HttpResponse<String> empty = post("/api/verify/" + s.token(), "{}");
        assertThat(empty.statusCode()).isEqualTo(400);
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        VerifySession s = service.start(1, 3, "m", "g");
        HttpResponse<String> r = post("/api/verify/" + s.token(), "{\"message\":\"" + "x".repeat(40_000) + "\"}");
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void attemptsPerMemberAreLimited() throws Exception {
        VerifySession s = service.start(1, 4, "m", "g");
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> r = post("/api/verify/" + s.token(), "{\"message\":\"x\",\"signature\":\"0x00\"}");
            if (body(r).path("error").asText().equals("TOO_MANY_ATTEMPTS")) {
                limited++;
            }
        }
        assertThat(limited).isEqualTo(3);
    }

    @Test
    void requestsPerIpAreLimited() throws Exception {
        try (WebServer strict = LocalServers.start(new VerifyRoutes(service, 3))) {
            int[] codes = new int[5];
            for (int i = 0; i < 5; i++) {
                codes[i] = http.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + strict.port() + "/api/verify/x"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode();
            }
            assertThat(codes).containsExactly(404, 404, 404, 429, 429);
        }
    }
}
