package dev.lorekeeper.wallet;

/** Why a Sign-In with Ethereum attempt was refused, each with words a member understands and can act on. */
public enum SiweError {
    MALFORMED_MESSAGE(
            "The text is not a valid Sign-In with Ethereum message. Sign the exact message shown, unchanged."),
    INVALID_FIELD("The sign-in message has an invalid field. Run /verify again to get a fresh message."),
    EXPIRED("This sign-in request has expired. Run /verify again for a fresh link."),
    NOT_YET_VALID("This sign-in message is not valid yet. Check your device clock, then run /verify again."),
    WRONG_DOMAIN("This message was made for another site, not this server's verify page. Only sign messages from "
            + "the link the bot gave you."),
    WRONG_URI("This message points at a different address than this server's verify page. Run /verify again."),
    NONCE_MISMATCH("This message does not belong to your verify session. Run /verify again."),
    NONCE_USED("This sign-in message was already used. Run /verify again for a fresh one."),
    WRONG_CHAIN("The message is for a different network than this server verifies on. Run /verify again."),
    MESSAGE_ALTERED("The signed text differs from the message the bot issued. Sign the exact message, unchanged."),
    MALFORMED_SIGNATURE("That signature is not valid: it should be 0x followed by 130 hex characters. Copy all of it."),
    SIGNER_MISMATCH("The signature comes from a different wallet than the address in the message. Sign with the "
            + "wallet whose address you entered."),
    CONTRACT_REJECTED("Your contract wallet said the signature is not valid (EIP-1271). Sign again from the wallet's "
            + "own app."),
    TOO_MANY_ATTEMPTS("Too many attempts. Wait ten minutes, then run /verify again."),
    CHAIN_UNAVAILABLE(
            "The bot could not reach the blockchain to check your contract wallet. Please try again in a " + "minute.");

    private final String explanation;

    SiweError(String explanation) {
        this.explanation = explanation;
    }

    /** What to tell the member. */
    public String explanation() {
        return explanation;
    }
}
