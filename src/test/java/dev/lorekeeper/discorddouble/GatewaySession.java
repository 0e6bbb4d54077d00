package dev.lorekeeper.discorddouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One bot session (what IDENTIFY creates and RESUME continues). Dispatches get a sequence number and are kept, so
 * that a client that lost its connection can RESUME and receive what it missed; while no socket is attached,
 * dispatches wait in the buffer.
 */
final class GatewaySession {
    private static final int REPLAY_LIMIT = 20_000;

    final String sessionId;
    final int shardId;
    final int shardCount;
    final int intents;
    /** Sent dispatches as text with their sequence numbers: a member list's chunks as trees would cost GBs. */
    private final Deque<Sent> sent = new ArrayDeque<>();

    private record Sent(int seq, String json) {}

    private int seq;
    private GatewayConnection socket;
    private volatile boolean invalid;

    GatewaySession(String sessionId, int shardId, int shardCount, int intents, GatewayConnection socket) {
        this.sessionId = sessionId;
        this.shardId = shardId;
        this.shardCount = shardCount;
        this.intents = intents;
        this.socket = socket;
    }

    boolean owns(long guildId) {
        return (guildId >> 22) % shardCount == shardId;
    }

    synchronized void dispatch(String type, JsonNode data) {
        seq++;
        ObjectNode frame = Json.obj("op", 0, "t", type, "s", seq);
        frame.set("d", data);
        String json = Json.write(frame);
        sent.addLast(new Sent(seq, json));
        if (sent.size() > REPLAY_LIMIT) {
            sent.removeFirst();
        }
        if (socket != null) {
            socket.send(json);
        }
    }

    /** Re-attaches a socket after RESUME and replays what the client has not seen. */
    synchronized void resume(GatewayConnection newSocket, int lastSeq) {
        socket = newSocket;
        for (Sent frame : sent) {
            if (frame.seq() > lastSeq) {
                newSocket.send(frame.json());
            }
        }
        seq++;
        newSocket.send(Json.obj("op", 0, "t", "RESUMED", "s", seq, "d", Json.obj()));
    }

    synchronized boolean attachedTo(GatewayConnection ctx) {
        return socket == ctx;
    }

    synchronized void detach(GatewayConnection ctx) {
        if (attachedTo(ctx)) {
            socket = null;
        }
    }

    synchronized GatewayConnection socket() {
        return socket;
    }

    synchronized boolean connected() {
        return socket != null && !invalid;
    }

    void invalidate() {
        invalid = true;
    }

    boolean invalid() {
        return invalid;
    }
}
