package dev.lorekeeper.character;

/** Why a member can not do what they asked, in words meant for them. */
public final class PlayRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlayRefused(String message) {
        super(message);
    }
}
