package dev.lorekeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC proxy in front of a node that fails a chosen share of calls, chosen by method and {@code eth_call}
 * selector, the ways real providers fail: a hang past the client's deadline, HTTP 429 and 500, JSON-RPC errors,
 * batches answered with entries missing, and Multicall3 answers whose entries are marked failed. The node keeps its
 * state; only the answers are damaged.
 */
public final class FaultyRpc implements AutoCloseable {
    /** The ways a call can fail. */
    public enum Fault {
        HANG,
        HTTP_429,
        HTTP_500,
        RPC_ERROR,
        TRUNCATED_BATCH,
        MULTICALL_ENTRY_FAILED
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGGREGATE3 = "0x82ad56cb";

    private final HttpServer server;
    private final String target;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<Fault, Double> shares = new ConcurrentHashMap<>();
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
    private final Random random = new Random(42);
    private volatile Duration hang = Duration.ofSeconds(3);
    private volatile String onlySelector;

    public FaultyRpc(String target) {
        this.target = target;
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicInteger());
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Fails this share (0 to 1) of the calls that can suffer {@code fault}. */
    public FaultyRpc fail(Fault fault, double share) {
        shares.put(fault, share);
        return this;
    }

    /** Limits faults to {@code eth_call}s with this 4-byte selector (0x…), or null for every call. */
    public FaultyRpc onlySelector(String selector) {
        this.onlySelector = selector == null ? null : selector.toLowerCase(Locale.ROOT);
        return this;
    }

    /** How long a hung call waits before the proxy gives up on it (longer than the client's deadline). */
    public FaultyRpc hangFor(Duration d) {
        this.hang = d;
        return this;
    }

    public void heal() {
        shares.clear();
        onlySelector = null;
    }

    public int injected(Fault f) {
        return injected.get(f).get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode request = JSON.readTree(ex.getRequestBody().readAllBytes());
            boolean targeted = targeted(request);
            if (targeted && roll(Fault.HANG)) {
                sleep(hang);
                ex.sendResponseHeaders(504, -1);
                return;
            }
            if (targeted && roll(Fault.HTTP_429)) {
                ex.sendResponseHeaders(429, -1);
                return;
            }
            if (targeted && roll(Fault.HTTP_500)) {
                ex.sendResponseHeaders(500, -1);
                return;
            }
            JsonNode reply = forward(request);
            if (targeted) {
                reply = damage(request, reply);
            }
            byte[] body = JSON.writeValueAsBytes(reply);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode damage(JsonNode request, JsonNode reply) {
        if (reply.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            for (int i = 0; i < reply.size(); i++) {
                JsonNode entry = reply.get(i);
                if (roll(Fault.RPC_ERROR)) {
                    out.add(rpcError(entry.path("id")));
                } else {
                    out.add(multicallDamaged(request.get(i), entry));
                }
            }
            if (out.size() > 1 && roll(Fault.TRUNCATED_BATCH)) {
                ArrayNode cut = JSON.createArrayNode();
                for (int i = 0; i < out.size() / 2; i++) {
                    cut.add(out.get(i));
                }
                return cut;
            }
            return out;
        }
        if (roll(Fault.RPC_ERROR)) {
            return rpcError(reply.path("id"));
        }
        return multicallDamaged(request, reply);
    }

    /** Marks entries of an aggregate3 answer as failed, as a provider that runs out of gas mid-batch would. */
    private JsonNode multicallDamaged(JsonNode request, JsonNode reply) {
        if (request == null
                || !AGGREGATE3.equals(selector(request))
                || !reply.path("result").isTextual()
                || !shares.containsKey(Fault.MULTICALL_ENTRY_FAILED)) {
            return reply;
        }
        byte[] data = hex(reply.path("result").asText());
        int arrayStart = new BigInteger(1, Arrays.copyOfRange(data, 0, 32)).intValueExact();
        int n = new BigInteger(1, Arrays.copyOfRange(data, arrayStart, arrayStart + 32)).intValueExact();
        int heads = arrayStart + 32;
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            int tuple = heads
                    + new BigInteger(1, Arrays.copyOfRange(data, heads + 32 * i, heads + 32 * i + 32)).intValueExact();
            if (roll(Fault.MULTICALL_ENTRY_FAILED)) {
                data[tuple + 31] = 0;
                changed = true;
            }
        }
        if (!changed) {
            return reply;
        }
        ObjectNode copy = ((ObjectNode) reply).deepCopy();
        copy.put("result", "0x" + HexFormat.of().formatHex(data));
        return copy;
    }

    private boolean targeted(JsonNode request) {
        if (onlySelector == null) {
            return true;
        }
        if (request.isArray()) {
            for (JsonNode r : request) {
                if (onlySelector.equals(selector(r))) {
                    return true;
                }
            }
            return false;
        }
        return onlySelector.equals(selector(request));
    }

    private static String selector(JsonNode call) {
        if (!"eth_call".equals(call.path("method").asText())) {
            return call.path("method").asText();
        }
        String data = call.path("params")
                .path(0)
                .path("data")
                .asText(call.path("params").path(0).path("input").asText(""));
        return data.length() >= 10 ? data.substring(0, 10).toLowerCase(Locale.ROOT) : data;
    }

    private boolean roll(Fault f) {
        Double share = shares.get(f);
        boolean hit;
        synchronized (random) {
            hit = share != null && random.nextDouble() < share;
        }
        if (hit) {
            injected.get(f).incrementAndGet();
        }
        return hit;
    }

    private static ObjectNode rpcError(JsonNode id) {
        ObjectNode e = JSON.createObjectNode().put("jsonrpc", "2.0");
        e.set("id", id);
        e.set("error", JSON.createObjectNode().put("code", -32603).put("message", "internal error (injected)"));
        return e;
    }

    private JsonNode forward(JsonNode request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create(target))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.startsWith("0x") ? s.substring(2) : s);
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Every fault kind, for tests that cycle through them. */
    public static List<Fault> all() {
        return new ArrayList<>(List.of(Fault.values()));
    }
}
