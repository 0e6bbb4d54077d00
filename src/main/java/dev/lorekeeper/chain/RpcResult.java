package dev.lorekeeper.chain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of a batch: a result, or the node's error for that call alone; {@code reverted} when that error is the
 * contract's revert (its message then in words, see {@link RevertReason}).
 */
public record RpcResult(JsonNode result, Integer errorCode, String errorMessage, boolean reverted) {
    public static RpcResult of(JsonNode result) {
        return new RpcResult(result, null, null, false);
    }

    public static RpcResult failed(int code, String message) {
        return new RpcResult(null, code, message, false);
    }

    /** The node's error object for one call: a revert in words, or the node's own message. */
    static RpcResult failed(JsonNode error) {
        int code = error.path("code").asInt();
        String message = error.path("message").asText();
        return RpcErrors.isRevert(code, message)
                ? new RpcResult(null, code, RevertReason.describe(message, RpcErrors.data(error)), true)
                : failed(code, message);
    }

    public boolean ok() {
        return errorCode == null;
    }
}
