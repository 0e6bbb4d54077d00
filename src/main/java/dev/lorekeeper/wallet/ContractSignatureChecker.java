package dev.lorekeeper.wallet;

/**
 * EIP-1271 checks against a chain: whether an address holds contract code, and whether that contract accepts a
 * signature for a hash (returns the magic value {@code 0x1626ba7e}). Failures to reach the chain throw
 * {@link ChainUnavailableException}.
 */
public interface ContractSignatureChecker {
    boolean isContract(long chainId, String address);

    boolean isValidSignature(long chainId, String address, byte[] hash, byte[] signature);

    /** The chain could not be asked: no RPC configured for it, or every endpoint failed. */
    final class ChainUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ChainUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
