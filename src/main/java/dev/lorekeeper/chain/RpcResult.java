package dev.lorekeeper.chain;

import com.fasterxml.jackson.databind.JsonNode;

/** One entry of a batch: a result, or the node's error for that call alone. */
public record RpcResult(JsonNode result, Integer errorCode, String errorMessage) {
    public static RpcResult of(JsonNode result) {
        return new RpcResult(result, null, null);
    }

    public static RpcResult failed(int code, String message) {
        return new RpcResult(null, code, message);
    }

    public boolean ok() {
        return errorCode == null;
    }
}
