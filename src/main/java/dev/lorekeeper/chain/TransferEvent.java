package dev.lorekeeper.chain;

/**
 * A token moved: ERC-20/721 Transfer, or ERC-1155 TransferSingle/TransferBatch (one event per log). {@code tokenId}
 * is set for ERC-721 transfers (the fourth topic), null otherwise.
 */
public record TransferEvent(
        String chain,
        String contract,
        String from,
        String to,
        long block,
        java.math.BigInteger tokenId,
        int logIndex) {}
