package dev.lorekeeper.wallet;

/** The outcome of checking a signed sign-in message: the proven address, or why it was refused. */
public record VerificationResult(boolean valid, String address, SiweError error, String reason) {
    public static VerificationResult ok(String address) {
        return new VerificationResult(true, address, null, null);
    }

    public static VerificationResult refused(String address, SiweError error, String reason) {
        return new VerificationResult(false, address, error, reason);
    }
}
