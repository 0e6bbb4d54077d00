package dev.lorekeeper.chain;

import java.math.BigInteger;

/**
 * A read's outcome: a value, or a failure. A failure is never a zero: callers treat it as unknown. {@code reverted}
 * marks the one failure that is an answer: the node ran the call and the contract refused it (for ownerOf, the token
 * does not exist). Transport errors, node errors, truncated batches and Multicall entries that failed are not
 * reverts. {@code text} is set for string results (token URIs).
 */
public record ReadResult(BigInteger value, String text, String error, boolean reverted) {
    public static ReadResult of(BigInteger value) {
        return new ReadResult(value, null, null, false);
    }

    public static ReadResult text(String text) {
        return new ReadResult(null, text, null, false);
    }

    public static ReadResult failed(String error) {
        return new ReadResult(null, null, error, false);
    }

    /** The node answered that the call reverted (JSON-RPC error 3, "execution reverted"). */
    public static ReadResult reverted(String error) {
        return new ReadResult(null, null, error, true);
    }

    public boolean ok() {
        return error == null;
    }
}
