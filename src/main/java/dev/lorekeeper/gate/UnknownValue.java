package dev.lorekeeper.gate;

/** A value needed for a verdict could not be read. */
final class UnknownValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownValue(String message) {
        super(message, null, false, false);
    }
}
