package dev.lorekeeper.wallet;

/** The outcome of checking a signed sign-in message: the proven address, or why it was refused. */
public record VerificationResult(boolean valid, String address, SiweError error, String reason, boolean contract) {
    public VerificationResult(boolean valid, String address, SiweError error, String reason) {
        this(valid, address, error, reason, false);
    }

    public static VerificationResult ok(String address) {
        return new VerificationResult(true, address, null, null, false);
    }

    public static VerificationResult refused(String address, SiweError error, String reason) {
        return new VerificationResult(false, address, error, reason, false);
    }
}
