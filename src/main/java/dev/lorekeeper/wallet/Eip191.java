package dev.lorekeeper.wallet;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Optional;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** EIP-191 personal-message signatures: hashing and signer recovery. */
public final class Eip191 {
    private Eip191() {}

    /** keccak256("\x19Ethereum Signed Message:\n" + len(message) + message), the hash wallets sign. */
    public static byte[] hash(String message) {
        return Sign.getEthereumMessageHash(message.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a 0x-prefixed hex signature; throws MALFORMED_SIGNATURE when it is not hex. */
    public static byte[] decode(String signatureHex) {
        String s = signatureHex == null ? "" : signatureHex.trim();
        if (!s.matches("0x([0-9a-fA-F]{2})+")) {
            throw new SiweException(SiweError.MALFORMED_SIGNATURE, "the signature is not 0x-prefixed hex");
        }
        return Numeric.hexStringToByteArray(s);
    }

    /**
     * The checksummed address that produced a 65-byte ECDSA signature over the message, accepting recovery bytes
     * 27/28 and 0/1; empty when the bytes are not an ECDSA signature at all.
     */
    public static Optional<String> recover(String message, byte[] signature) {
        if (signature.length != 65) {
            return Optional.empty();
        }
        byte v = signature[64];
        if (v == 0 || v == 1) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            return Optional.empty();
        }
        byte[] r = java.util.Arrays.copyOfRange(signature, 0, 32);
        byte[] s = java.util.Arrays.copyOfRange(signature, 32, 64);
        try {
            BigInteger key = Sign.signedPrefixedMessageToKey(
                    message.getBytes(StandardCharsets.UTF_8), new Sign.SignatureData(v, r, s));
            return Optional.of(Keys.toChecksumAddress(Keys.getAddress(key)));
        } catch (SignatureException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
