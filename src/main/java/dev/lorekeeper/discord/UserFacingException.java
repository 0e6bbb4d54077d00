package dev.lorekeeper.discord;

/** A failure whose message is written for the member who caused it; shown to them as it is. */
public final class UserFacingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserFacingException(String message) {
        super(message);
    }
}
