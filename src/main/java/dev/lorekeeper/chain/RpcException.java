package dev.lorekeeper.chain;

/**
 * A JSON-RPC failure. {@link #transport()} is true when no endpoint could answer (network, timeout, HTTP error):
 * the result is unknown, never "zero". A false value means the node answered with an error (e.g. a revert).
 */
public final class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean transport;
    private final int code;
    private final String reason;
    private final boolean reverted;

    private RpcException(
            String message, String reason, boolean transport, int code, boolean reverted, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.transport = transport;
        this.code = code;
        this.reverted = reverted;
    }

    public static RpcException transport(String message, Throwable cause) {
        return new RpcException(message, message, true, 0, false, cause);
    }

    /** A transport failure whose {@code reason} ("connection refused") is worth showing without the context. */
    static RpcException transport(String message, String reason, Throwable cause) {
        return new RpcException(message, reason, true, 0, false, cause);
    }

    public static RpcException node(int code, String message) {
        return new RpcException(message, message, false, code, false, null);
    }

    /** The contract reverted; {@code words} say why (see {@link RevertReason}). */
    static RpcException reverted(int code, String words) {
        return new RpcException(words, words, false, code, true, null);
    }

    /** The node ran the call and the contract refused it: an answer, not an outage. */
    public boolean reverted() {
        return reverted;
    }

    /** The failure alone, without the chain and endpoint the message names. */
    public String reason() {
        return reason;
    }

    /** The node answered, but with more than a reply may hold (a log range with too many events). */
    public boolean replyTooLarge() {
        return transport && reason != null && reason.startsWith(RpcErrors.REPLY_TOO_LARGE);
    }

    public boolean transport() {
        return transport;
    }

    public int code() {
        return code;
    }
}
