package dev.lorekeeper.testing;

import java.nio.charset.StandardCharsets;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** personal_sign with a key held by the test (for wallets that are not a node's dev accounts). */
public final class LocalSigner {
    private LocalSigner() {}

    public static String personalSign(String message, ECKeyPair key) {
        Sign.SignatureData sig = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), key);
        byte[] bytes = new byte[65];
        System.arraycopy(sig.getR(), 0, bytes, 0, 32);
        System.arraycopy(sig.getS(), 0, bytes, 32, 32);
        bytes[64] = sig.getV()[0];
        return Numeric.toHexString(bytes);
    }
}
