package dev.lorekeeper.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The bot's outgoing HTTP (RPC nodes, metadata gateways, docs pages), so the features hold no HTTP client of their
 * own: capped GETs and JSON POSTs, with a non-2xx answer reported as an {@link IOException} naming the status.
 */
public final class OutboundHttp {
    private final HttpClient client;

    public OutboundHttp(Duration connectTimeout) {
        // HTTP/1.1: some JSON-RPC nodes mishandle the h2c upgrade the JDK client tries on plain http
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** A body read up to a cap; {@code truncated} when there was more. */
    public record Body(String text, boolean truncated) {
    }

    public Body get(String url, String accept, Duration timeout, int maxBytes)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() / 100 != 2) {
                throw new IOException("HTTP " + r.statusCode() + " from " + URI.create(url).getHost());
            }
            byte[] body = in.readNBytes(maxBytes + 1);
            boolean truncated = body.length > maxBytes;
            return new Body(new String(body, 0, Math.min(body.length, maxBytes), StandardCharsets.UTF_8), truncated);
        }
    }

    public String postJson(URI uri, String payload, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + res.statusCode());
        }
        return res.body();
    }
}
