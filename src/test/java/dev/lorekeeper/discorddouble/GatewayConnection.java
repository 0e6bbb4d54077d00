package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One gateway websocket and the transport its URL asked for: plain JSON text frames, or {@code compress=zlib-stream}
 * binary frames from one deflate context that lives as long as the socket (a reconnect starts a fresh one, as the
 * client's inflater does).
 */
final class GatewayConnection {
    private final WsContext ctx;
    private final ZlibStream zlib;
    private boolean closed;

    private GatewayConnection(WsContext ctx, ZlibStream zlib) {
        this.ctx = ctx;
        this.zlib = zlib;
    }

    /** The connection for a new socket, or null (socket closed) when it asked for a compression we don't speak. */
    static GatewayConnection open(WsContext ctx) {
        String compress = ctx.queryParam("compress");
        if (compress == null || compress.isEmpty()) {
            return new GatewayConnection(ctx, null);
        }
        if (compress.equals(ZlibStream.QUERY_VALUE)) {
            return new GatewayConnection(ctx, new ZlibStream());
        }
        // Fail loudly: a client that expects another codec would otherwise fail to decode every frame.
        ctx.closeSession(1003, "Unsupported compression: " + compress);
        return null;
    }

    String id() {
        return ctx.sessionId();
    }

    void send(JsonNode frame) {
        send(Json.write(frame));
    }

    void send(String json) {
        // Jetty allows one blocking send at a time per socket, and zlib frames must leave in the order deflated.
        synchronized (this) {
            if (closed || !ctx.session.isOpen()) {
                return;
            }
            if (zlib == null) {
                ctx.send(json);
            } else {
                ctx.send(ByteBuffer.wrap(zlib.deflate(json.getBytes(StandardCharsets.UTF_8))));
            }
        }
    }

    void close(int code, String reason) {
        ctx.closeSession(code, reason);
    }

    synchronized void release() {
        if (!closed && zlib != null) {
            zlib.end();
        }
        closed = true;
    }
}
