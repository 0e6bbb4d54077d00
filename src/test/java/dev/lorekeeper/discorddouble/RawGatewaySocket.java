package dev.lorekeeper.discorddouble;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare websocket client for the double's gateway: it hands over each whole frame as it came, text as a String and
 * binary as a byte[], so tests see the transport itself rather than what a Discord library makes of it.
 */
final class RawGatewaySocket implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private final WebSocket socket;

    RawGatewaySocket(String url) {
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(url), this)
                .join();
    }

    /** The next whole frame: a String (text frame) or a byte[] (binary frame). */
    Object next() throws InterruptedException {
        Object frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no gateway frame within 10 s");
        }
        return frame;
    }

    void sendText(String json) {
        socket.sendText(json, true).join();
    }

    int awaitClose() throws Exception {
        return closeCode.get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            frames.add(text.toString());
            text.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] part = new byte[data.remaining()];
        data.get(part);
        binary.writeBytes(part);
        if (last) {
            frames.add(binary.toByteArray());
            binary.reset();
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
