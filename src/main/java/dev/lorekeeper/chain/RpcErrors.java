package dev.lorekeeper.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** What a node's JSON-RPC error means. */
final class RpcErrors {
    /** EIP-1474: the call ran and the contract reverted. */
    static final int EXECUTION_REVERTED = 3;

    private RpcErrors() {}

    /**
     * Whether an error is the contract's own revert. Geth and anvil use code 3 when there is revert data; some nodes
     * answer a bare revert with -32000 and "execution reverted". Rate limits, internal errors and timeouts are not.
     */
    static boolean isRevert(Integer code, String message) {
        if (code != null && code == EXECUTION_REVERTED) {
            return true;
        }
        return code != null
                && code == -32000
                && message != null
                && message.toLowerCase(Locale.ROOT).startsWith("execution reverted");
    }

    /** The revert data of a node's error object: a hex string, or {@code {"data": "0x…"}} on some nodes. */
    static String data(JsonNode error) {
        JsonNode d = error.path("data");
        if (d.isObject()) {
            d = d.path("data");
        }
        return d.isTextual() ? d.asText() : null;
    }

    /** A transport failure in words; never the URL, which may carry an API key. */
    /** How OutboundHttp's message for a reply over its byte cap starts. */
    static final String REPLY_TOO_LARGE = "reply larger than";

    static String transport(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "host not found";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer in time: " + e.getMessage();
        }
        if (e.getMessage() != null
                && (e.getMessage().startsWith("HTTP ") || e.getMessage().startsWith(REPLY_TOO_LARGE))) {
            return e.getMessage();
        }
        // Other messages may quote the URL (and its key): the class name must do.
        return e.getClass().getSimpleName();
    }
}
