package dev.lorekeeper.chain;

import java.math.BigInteger;

/**
 * A read's outcome: a value, or a failure. A failure is never a zero: callers treat it as unknown.
 * {@code text} is set for string results (token URIs).
 */
public record ReadResult(BigInteger value, String text, String error) {
    public static ReadResult of(BigInteger value) {
        return new ReadResult(value, null, null);
    }

    public static ReadResult text(String text) {
        return new ReadResult(null, text, null);
    }

    public static ReadResult failed(String error) {
        return new ReadResult(null, null, error);
    }

    public boolean ok() {
        return error == null;
    }
}
