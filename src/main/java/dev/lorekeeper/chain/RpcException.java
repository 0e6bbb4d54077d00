package dev.lorekeeper.chain;

/**
 * A JSON-RPC failure. {@link #transport()} is true when no endpoint could answer (network, timeout, HTTP error):
 * the result is unknown, never "zero". A false value means the node answered with an error (e.g. a revert).
 */
public final class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean transport;
    private final int code;

    private RpcException(String message, boolean transport, int code, Throwable cause) {
        super(message, cause);
        this.transport = transport;
        this.code = code;
    }

    public static RpcException transport(String message, Throwable cause) {
        return new RpcException(message, true, 0, cause);
    }

    public static RpcException node(int code, String message) {
        return new RpcException(message, false, code, null);
    }

    public boolean transport() {
        return transport;
    }

    public int code() {
        return code;
    }
}
