package dev.lorekeeper.store;

/** A database failure, with a message an operator can act on. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
