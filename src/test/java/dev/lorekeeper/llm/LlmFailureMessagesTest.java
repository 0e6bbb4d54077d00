package dev.lorekeeper.llm;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Each way a model call fails is logged as one line that names the cause and the setting to check. */
class LlmFailureMessagesTest {
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private HttpServer server;

    @BeforeEach
    void capture() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(LlmGateway.class)).addAppender(logged);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(LlmGateway.class)).detachAppender(logged);
        if (server != null) {
            server.stop(0);
        }
    }

    /** A model server that answers every request with this status and body, after {@code delay}. */
    private String serve(int status, String body, Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private String failureLoggedFor(String baseUrl, Duration timeout) {
        LlmGateway llm = LlmGateway.openAiCompatible(
                new LlmGateway.Settings(baseUrl, "llama3", "sk-test-key", timeout, 1, 64), null);
        assertThat(llm.chat(LlmCall.cli("test"), "system", "user").reply()).isEmpty();
        assertThat(logged.list).hasSize(1);
        return logged.list.get(0).getFormattedMessage();
    }

    @Test
    void aRefusedKeyPointsAtTheApiKey() throws Exception {
        String url = serve(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-test-key\"}}", Duration.ZERO);
        assertThat(failureLoggedFor(url, Duration.ofSeconds(5)))
                .isEqualTo("LLM call failed: "
                        + url.substring(7, url.length() - 3) + " refused the API key (HTTP 401); check llm.api-key; "
                        + "answering offline");
    }

    @Test
    void anUnknownModelPointsAtTheModelAndTheBaseUrl() throws Exception {
        String url = serve(404, "{\"error\":{\"message\":\"model 'llama3' not found\"}}", Duration.ZERO);
        assertThat(failureLoggedFor(url, Duration.ofSeconds(5)))
                .contains(
                        "answered HTTP 404: model 'llama3' or "
                                + "the API path does not exist there; check llm.model and llm.base-url (it usually ends in /v1)");
    }

    @Test
    void aServerErrorAndARateLimitSayWhatToDo() throws Exception {
        String url = serve(503, "{}", Duration.ZERO);
        assertThat(failureLoggedFor(url, Duration.ofSeconds(5)))
                .contains("failed with HTTP 503; check the model " + "server's own log");
        server.stop(0);
        logged.list.clear();
        String limited = serve(429, "{}", Duration.ZERO);
        assertThat(failureLoggedFor(limited, Duration.ofSeconds(5)))
                .contains(
                        "rate limited by 127.0.0.1:",
                        "(HTTP 429); lower llm.max-concurrent or raise your provider's limit");
    }

    @Test
    void aReplyThatIsNotJsonPointsAtTheBaseUrl() throws Exception {
        String url = serve(200, "<html>LM Studio</html>", Duration.ZERO);
        assertThat(failureLoggedFor(url, Duration.ofSeconds(5)))
                .contains("is not the JSON of an OpenAI-compatible "
                        + "API; check llm.base-url (it usually ends in /v1)");
    }

    @Test
    void aSlowServerNamesTheTimeout() throws Exception {
        String url = serve(200, "{}", Duration.ofSeconds(3));
        assertThat(failureLoggedFor(url, Duration.ofSeconds(1)))
                .contains(
                        "no reply from 127.0.0.1:",
                        "within llm.timeout (1s); check that the model server runs, or raise llm.timeout");
    }

    @Test
    void aClosedPortIsAConnectionRefusedToItsHost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(failureLoggedFor("http://127.0.0.1:" + port + "/v1", Duration.ofSeconds(5)))
                .isEqualTo("LLM call failed: connection refused by 127.0.0.1:" + port
                        + "; check llm.base-url and that the " + "model server runs; answering offline");
    }
}
