package dev.lorekeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC proxy in front of a node that refuses {@code eth_getLogs} over more than a set number of blocks, with
 * the JSON-RPC error hosted providers send (Infura's -32005, Alchemy's "block range"); everything else is passed on.
 */
public final class LogRangeLimitedRpc implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String target;
    private final long maxBlocks;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    public LogRangeLimitedRpc(String target, long maxBlocks) {
        this.target = target;
        this.maxBlocks = maxBlocks;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code eth_getLogs} calls refused for their range. */
    public int refused() {
        return refused.get();
    }

    /** {@code eth_getLogs} calls answered. */
    public int served() {
        return served.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            JsonNode request = JSON.readTree(body);
            byte[] reply;
            if (tooWide(request)) {
                refused.incrementAndGet();
                ObjectNode error = JSON.createObjectNode().put("jsonrpc", "2.0");
                error.set("id", request.path("id"));
                error.set(
                        "error",
                        JSON.createObjectNode()
                                .put("code", -32005)
                                .put("message", "block range is too wide (max " + maxBlocks + ")"));
                reply = JSON.writeValueAsBytes(error);
            } else {
                if ("eth_getLogs".equals(request.path("method").asText())) {
                    served.incrementAndGet();
                }
                reply = client.send(
                                HttpRequest.newBuilder(URI.create(target))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .body();
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, reply.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(reply);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean tooWide(JsonNode request) {
        if (!"eth_getLogs".equals(request.path("method").asText())) {
            return false;
        }
        JsonNode filter = request.path("params").path(0);
        long from = Long.decode(filter.path("fromBlock").asText("0x0"));
        long to = Long.decode(filter.path("toBlock").asText("0x0"));
        return to - from + 1 > maxBlocks;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
