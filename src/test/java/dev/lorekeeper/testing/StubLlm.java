package dev.lorekeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stub OpenAI-compatible chat endpoint ({@code POST /v1/chat/completions}) so that langchain4j's real client sends
 * real HTTP. Tests script the replies (text, HTTP error, or delay) and read the requests the bot sent.
 */
public final class StubLlm implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Reply fallback = Reply.text("NOT_IN_DOCS");

    /** A scripted reply. */
    public record Reply(int status, String content, long delayMillis) {
        public static Reply text(String content) {
            return new Reply(200, content, 0);
        }

        public static Reply error(int status) {
            return new Reply(status, null, 0);
        }

        public static Reply slow(String content, long delayMillis) {
            return new Reply(200, content, delayMillis);
        }
    }

    public StubLlm() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", ex -> {
            try (ex) {
                requests.add(JSON.readTree(ex.getRequestBody()));
                Reply r = script.isEmpty() ? fallback : script.poll();
                if (r.delayMillis() > 0) {
                    Thread.sleep(r.delayMillis());
                }
                byte[] body = r.status() == 200
                        ? completion(r.content())
                        : ("{\"error\":{\"message\":\"stub failure\"," + "\"type\":\"server_error\"}}")
                                .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(r.status(), body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException ignored) {
                // the client gave up (timeout tests); nothing to answer
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    private static byte[] completion(String content) throws IOException {
        var root = JSON.createObjectNode()
                .put("id", "chatcmpl-stub")
                .put("object", "chat.completion")
                .put("created", 0)
                .put("model", "stub-model");
        var choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage")
                .put("prompt_tokens", 120)
                .put("completion_tokens", 30)
                .put("total_tokens", 150);
        return JSON.writeValueAsBytes(root);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public void then(Reply... replies) {
        script.addAll(List.of(replies));
    }

    public void always(Reply reply) {
        fallback = reply;
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The text of the last user message the bot sent. */
    public String lastUserPrompt() {
        JsonNode messages = requests.get(requests.size() - 1).path("messages");
        return messages.get(messages.size() - 1).path("content").asText();
    }

    /** The reply-length cap ({@code max_tokens}) of the last request, or null when it sent none. */
    public Integer lastMaxTokens() {
        JsonNode max = requests.get(requests.size() - 1).path("max_tokens");
        return max.isNumber() ? max.asInt() : null;
    }

    public String lastSystemPrompt() {
        return requests.get(requests.size() - 1)
                .path("messages")
                .get(0)
                .path("content")
                .asText();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
