package dev.lorekeeper;

/**
 * Why a member can't do what they asked, written for them and shown as it is. The one way a feature refuses: any
 * other exception that reaches a member is a bug, and they see a reference id instead of its message.
 */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Refusal(String message) {
        super(message);
    }
}
