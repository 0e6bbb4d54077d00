package dev.lorekeeper.wallet;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a signed EIP-4361 message: the expected domain, URI, chain and nonce, the validity window (with a small
 * clock skew), then the signature. An ordinary wallet's signature is recovered with EIP-191; when that does not
 * match the message's address, a contract wallet is asked through EIP-1271.
 */
public final class SiweVerifier {
    private final ContractSignatureChecker contracts;
    private final Duration skew;

    public SiweVerifier(ContractSignatureChecker contracts, Duration clockSkew) {
        this.contracts = contracts;
        this.skew = clockSkew;
    }

    public VerificationResult verify(SiweMessage m, String signatureHex, SiweExpectations expect) {
        try {
            checkMessage(m, expect);
        } catch (SiweException e) {
            return VerificationResult.refused(m.address(), e.error(), e.getMessage());
        }
        return checkSignature(m, signatureHex);
    }

    /** The message's fields and validity window; throws SiweException naming the first failed check. */
    public void checkMessage(SiweMessage m, SiweExpectations expect) {
        checkFields(m, expect);
        checkTimes(m, expect.time() == null ? Instant.now() : expect.time());
    }

    /**
     * Refuses a message issued later than {@code now} (beyond the clock skew). EIP-4361 leaves this to the relying
     * party (SpruceID's vectors verify such messages), so the bot and {@code siwe verify} ask for it explicitly.
     */
    public void checkIssuedAt(SiweMessage m, Instant now) {
        if (SiweMessage.time(m.issuedAt()).toInstant().isAfter(now.plus(skew))) {
            throw new SiweException(
                    SiweError.NOT_YET_VALID,
                    "the message was issued at " + m.issuedAt() + ", later than now (" + now
                            + "); check the clock of the device that made it");
        }
    }

    /** Whether the signature proves control of the message's address (EIP-191, else EIP-1271). */
    public VerificationResult checkSignature(SiweMessage m, String signatureHex) {
        try {
            return signature(m, signatureHex);
        } catch (SiweException e) {
            return VerificationResult.refused(m.address(), e.error(), e.getMessage());
        }
    }

    private static void checkFields(SiweMessage m, SiweExpectations expect) {
        if (expect.domain() != null && !expect.domain().equalsIgnoreCase(m.domain())) {
            throw new SiweException(
                    SiweError.WRONG_DOMAIN, "the message is for " + m.domain() + ", expected " + expect.domain());
        }
        if (expect.uri() != null && !expect.uri().equals(m.uri())) {
            throw new SiweException(
                    SiweError.WRONG_URI, "the message URI is " + m.uri() + ", expected " + expect.uri());
        }
        if (expect.chainId() != null && expect.chainId() != m.chainId()) {
            throw new SiweException(
                    SiweError.WRONG_CHAIN,
                    "the message is for chain " + m.chainId() + ", expected " + expect.chainId());
        }
        if (expect.nonce() != null && !expect.nonce().equals(m.nonce())) {
            throw new SiweException(SiweError.NONCE_MISMATCH, "the message nonce does not match");
        }
    }

    private void checkTimes(SiweMessage m, Instant now) {
        if (m.expirationTime() != null
                && !now.minus(skew)
                        .isBefore(SiweMessage.time(m.expirationTime()).toInstant())) {
            throw new SiweException(SiweError.EXPIRED, "the message expired at " + m.expirationTime());
        }
        if (m.notBefore() != null
                && now.plus(skew).isBefore(SiweMessage.time(m.notBefore()).toInstant())) {
            throw new SiweException(SiweError.NOT_YET_VALID, "the message is valid from " + m.notBefore());
        }
    }

    private VerificationResult signature(SiweMessage m, String signatureHex) {
        byte[] signature = Eip191.decode(signatureHex);
        String text = m.format();
        Optional<String> signer = Eip191.recover(text, signature);
        if (signer.isPresent() && signer.get().equalsIgnoreCase(m.address())) {
            return VerificationResult.ok(m.address());
        }
        if (contracts != null && isContract(m)) {
            boolean accepted;
            try {
                accepted = contracts.isValidSignature(m.chainId(), m.address(), Eip191.hash(text), signature);
            } catch (ContractSignatureChecker.ChainUnavailableException e) {
                throw new SiweException(SiweError.CHAIN_UNAVAILABLE, e.getMessage());
            }
            if (accepted) {
                return new VerificationResult(true, m.address(), null, null, true);
            }
            throw new SiweException(SiweError.CONTRACT_REJECTED, "the contract wallet did not return 0x1626ba7e");
        }
        if (signer.isEmpty()) {
            throw new SiweException(SiweError.MALFORMED_SIGNATURE, "the signature is not a 65-byte ECDSA signature");
        }
        throw new SiweException(SiweError.SIGNER_MISMATCH, "signed by " + signer.get() + ", not " + m.address());
    }

    private boolean isContract(SiweMessage m) {
        try {
            return contracts.isContract(m.chainId(), m.address());
        } catch (ContractSignatureChecker.ChainUnavailableException e) {
            throw new SiweException(SiweError.CHAIN_UNAVAILABLE, e.getMessage());
        }
    }
}
