package dev.lorekeeper.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP hop in front of a node that a test can take down (answers 503, as a dead RPC provider does) and bring
 * back, without losing the node's state. It also counts requests.
 */
public final class RpcProxy implements AutoCloseable {
    private final HttpServer server;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger requests = new AtomicInteger();
    private final HttpClient client = HttpClient.newHttpClient();

    public RpcProxy(String target) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange;
                    InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                if (down.get()) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                HttpResponse<byte[]> r = client.send(
                        HttpRequest.newBuilder(URI.create(target))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(r.statusCode(), r.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(r.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void down(boolean isDown) {
        down.set(isDown);
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
