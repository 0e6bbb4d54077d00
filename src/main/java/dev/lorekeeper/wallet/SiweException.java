package dev.lorekeeper.wallet;

/** A sign-in message or signature that can not be accepted; the message says which field or check failed. */
public final class SiweException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final SiweError error;

    public SiweException(SiweError error, String message) {
        super(message);
        this.error = error;
    }

    public SiweError error() {
        return error;
    }
}
