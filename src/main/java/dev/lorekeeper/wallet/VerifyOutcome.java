package dev.lorekeeper.wallet;

import java.util.List;

/** What a verification attempt achieved, in terms the member reads on the page or in Discord. */
public record VerifyOutcome(boolean linked, String address, List<String> rolesGranted, SiweError error, String detail) {
    public static VerifyOutcome linked(String address, List<String> roles) {
        return new VerifyOutcome(true, address, List.copyOf(roles), null, null);
    }

    public static VerifyOutcome refused(SiweError error, String detail) {
        return new VerifyOutcome(false, null, List.of(), error, detail);
    }

    /** One or two sentences for the member. */
    public String text() {
        if (!linked) {
            return error.explanation();
        }
        String wallet = "Wallet " + WalletLink.shorten(address) + " is now linked to your Discord account.";
        return rolesGranted.isEmpty()
                ? wallet + " No token-gated roles apply to it right now."
                : wallet + " Roles granted: " + String.join(", ", rolesGranted) + ".";
    }
}
