package dev.lorekeeper.chain;

import java.util.Locale;

/** What a node's JSON-RPC error means. */
final class RpcErrors {
    /** EIP-1474: the call ran and the contract reverted. */
    static final int EXECUTION_REVERTED = 3;

    private RpcErrors() {
    }

    /**
     * Whether an error is the contract's own revert. Geth and anvil use code 3 when there is revert data; some nodes
     * answer a bare revert with -32000 and "execution reverted". Rate limits, internal errors and timeouts are not.
     */
    static boolean isRevert(Integer code, String message) {
        if (code != null && code == EXECUTION_REVERTED) {
            return true;
        }
        return code != null && code == -32000 && message != null
                && message.toLowerCase(Locale.ROOT).startsWith("execution reverted");
    }
}
