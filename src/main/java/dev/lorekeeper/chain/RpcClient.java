package dev.lorekeeper.chain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.http.OutboundHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC over HTTP to one chain, with failover: endpoints are tried in order, starting from the last one that
 * worked. A transport failure moves on to the next endpoint; a node error (such as a revert) is returned as is.
 * Endpoint URLs may carry API keys, so messages name endpoints by index only.
 */
public final class RpcClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String chain;
    private final List<URI> endpoints;
    private final OutboundHttp http;
    private final Duration timeout;
    private final AtomicInteger preferred = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final RpcObserver observer;

    public RpcClient(String chain, List<String> urls, Duration timeout, RpcObserver observer) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("chain " + chain + " has no RPC URLs");
        }
        this.chain = chain;
        this.endpoints = urls.stream().map(URI::create).toList();
        this.timeout = timeout;
        this.observer = observer;
        this.http = new OutboundHttp();
    }

    public String chain() {
        return chain;
    }

    /** One call; returns the {@code result} node. */
    public JsonNode call(String method, Object... params) {
        JsonNode reply = send(payload(List.of(RpcRequest.of(method, params)), ids.incrementAndGet(), false), 1);
        return result(reply);
    }

    /** Several calls in one HTTP request; results in request order. A node error fails only its own entry. */
    public List<RpcResult> batch(List<RpcRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        // One block of ids for the whole batch: answers are matched to requests by id, and other threads (the
        // watcher, parallel sweep reads) take ids at the same time.
        long firstId = ids.getAndAdd(requests.size()) + 1;
        JsonNode reply = send(payload(requests, firstId, true), requests.size());
        if (!reply.isArray()) {
            throw RpcException.node(
                    reply.path("error").path("code").asInt(),
                    "batch refused: " + reply.path("error").path("message").asText("not an array"));
        }
        List<RpcResult> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            out.add(null);
        }
        for (JsonNode item : reply) {
            int index = (int) (item.path("id").asLong() - firstId);
            if (index >= 0 && index < out.size()) {
                out.set(
                        index,
                        item.has("error") ? RpcResult.failed(item.path("error")) : RpcResult.of(item.path("result")));
            }
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                throw RpcException.transport("batch reply is missing entry " + i, null);
            }
        }
        return out;
    }

    /** The requests as JSON bytes, numbered from {@code firstId}; several as an array (a batch). */
    private static byte[] payload(List<RpcRequest> requests, long firstId, boolean batch) {
        // Segments, not one doubling array: a sweep's request is hundreds of kilobytes, and each doubling copy of it
        // was garbage the collector had to chase.
        ByteArrayBuilder out = new ByteArrayBuilder(8192);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            if (batch) {
                g.writeStartArray();
            }
            for (int i = 0; i < requests.size(); i++) {
                RpcRequest r = requests.get(i);
                g.writeStartObject();
                g.writeStringField("jsonrpc", "2.0");
                g.writeNumberField("id", firstId + i);
                g.writeStringField("method", r.method());
                g.writeFieldName("params");
                g.writeObject(r.params());
                g.writeEndObject();
            }
            if (batch) {
                g.writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a JSON-RPC request", e);
        }
        return out.toByteArray();
    }

    private JsonNode send(byte[] payload, int calls) {
        int start = preferred.get();
        RpcException last = null;
        for (int i = 0; i < endpoints.size(); i++) {
            int index = (start + i) % endpoints.size();
            long t0 = System.nanoTime();
            try {
                JsonNode reply = JSON.readTree(http.postJson(endpoints.get(index), payload, timeout));
                preferred.set(index);
                observer.request(chain, calls, true, System.nanoTime() - t0);
                return reply;
            } catch (IOException e) {
                observer.request(chain, calls, false, System.nanoTime() - t0);
                String reason = RpcErrors.transport(e);
                last = RpcException.transport(
                        "chain " + chain + ": RPC endpoint #" + (index + 1) + " failed ("
                                + reason + "); check chains." + chain + ".rpc-urls[" + index + "] and that the node is "
                                + "reachable",
                        reason,
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RpcException.transport("interrupted", e);
            }
        }
        throw last;
    }

    private static JsonNode result(JsonNode reply) {
        if (reply.has("error")) {
            RpcResult failed = RpcResult.failed(reply.path("error"));
            throw failed.reverted()
                    ? RpcException.reverted(failed.errorCode(), failed.errorMessage())
                    : RpcException.node(
                            failed.errorCode(),
                            reply.path("error").path("message").asText("error"));
        }
        return reply.path("result");
    }
}
