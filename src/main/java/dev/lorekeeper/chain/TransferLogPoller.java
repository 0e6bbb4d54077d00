package dev.lorekeeper.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.utils.Numeric;

/**
 * Reads token Transfer logs of a set of contracts since the last persisted cursor, up to the latest block minus the
 * configured confirmations. Block ranges shrink when the provider refuses a large one; a reorg deeper than the
 * confirmations (the cursor's block hash changed) rewinds and re-scans.
 */
public final class TransferLogPoller {
    private static final Logger LOG = LoggerFactory.getLogger(TransferLogPoller.class);
    public static final String TRANSFER = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    public static final String TRANSFER_SINGLE = "0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62";
    public static final String TRANSFER_BATCH = "0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb";
    private static final int REWIND_ON_REORG = 64;
    private static final int FIRST_RUN_LOOKBACK = 64;

    private final Chains.Chain chain;
    private final CursorStore cursors;
    private final int confirmations;
    private final int maxRange;
    private final String cursorKey;
    private final long firstBlock;

    /** Follows the chain from a few blocks before its first poll on (the chain watcher; the sweep covers the past). */
    public TransferLogPoller(Chains.Chain chain, CursorStore cursors, int confirmations, int maxRange) {
        this(chain, cursors, confirmations, maxRange, chain.name(), -1);
    }

    /**
     * Reads from {@code firstBlock} on under its own cursor (an owner index); {@code firstBlock} -1 starts at the
     * current head.
     */
    public TransferLogPoller(
            Chains.Chain chain,
            CursorStore cursors,
            int confirmations,
            int maxRange,
            String cursorKey,
            long firstBlock) {
        this.chain = chain;
        this.cursors = cursors;
        this.confirmations = confirmations;
        this.maxRange = maxRange;
        this.cursorKey = cursorKey;
        this.firstBlock = firstBlock;
    }

    /** The newest block that counts (head minus confirmations). */
    public long safeHead() {
        return Numeric.toBigInt(chain.rpc().call("eth_blockNumber").asText()).longValueExact() - confirmations;
    }

    /**
     * The events of one block range. {@code rescan} is set on the first range re-read after a reorg: what was
     * recorded from {@code from} on came from blocks that are gone.
     */
    public record Batch(long from, long to, List<TransferEvent> events, boolean rescan) {}

    /**
     * Hands new transfer events to {@code handler}, one block range at a time, and moves the cursor past a range only
     * once the handler has returned: if handling fails, the same range is read again next time.
     */
    public void poll(Set<String> contracts, Consumer<Batch> handler) {
        poll(() -> contracts, handler);
    }

    /**
     * As {@link #poll(Set, Consumer)}, with the contracts read after the head: a contract that starts being watched
     * after they were read can only have transfers above that head, which the next poll reads.
     */
    public void poll(Supplier<Set<String>> watched, Consumer<Batch> handler) {
        if (watched.get().isEmpty()) {
            return;
        }
        long head = safeHead();
        Set<String> contracts = watched.get();
        if (contracts.isEmpty()) {
            return;
        }
        Optional<CursorStore.Cursor> cursor = cursors.get(cursorKey);
        if (cursor.isEmpty() && firstBlock < 0) {
            // First run: a short look back, so that transfers made between a gate's creation and this first poll
            // still count; older history is the sweep's.
            cursor = Optional.of(new CursorStore.Cursor(Math.max(-1, head - FIRST_RUN_LOOKBACK), ""));
        }
        if (cursor.isEmpty()) {
            cursor = Optional.of(new CursorStore.Cursor(firstBlock - 1, ""));
        }
        long from = cursor.get().block() + 1;
        boolean rescan = false;
        if (!cursor.get().hash().isEmpty()
                && !cursor.get().hash().equals(blockHash(cursor.get().block()))) {
            // The watcher re-reads a window (its effects are re-evaluations, safe to repeat); an index rebuilds
            // from its first block, since ownership recorded from orphaned blocks can't be undone piecemeal.
            from = firstBlock >= 0 ? firstBlock : Math.max(0, cursor.get().block() - REWIND_ON_REORG);
            rescan = true;
        }
        int range = maxRange;
        while (from <= head) {
            long to = Math.min(head, from + range - 1);
            List<TransferEvent> events;
            try {
                events = logs(contracts, from, to);
            } catch (RpcException e) {
                if ((!e.transport() || e.replyTooLarge()) && range > 1) {
                    // The provider refused the range, or its answer was over the reply cap: ask for less.
                    range = Math.max(1, range / 2);
                    continue;
                }
                throw e;
            }
            String hash = blockHash(to);
            handler.accept(new Batch(from, to, events, rescan));
            cursors.set(cursorKey, new CursorStore.Cursor(to, hash));
            rescan = false;
            from = to + 1;
        }
    }

    private List<TransferEvent> logs(Set<String> contracts, long from, long to) {
        JsonNode logs = chain.rpc()
                .call(
                        "eth_getLogs",
                        Map.of(
                                "fromBlock",
                                Numeric.toHexStringWithPrefix(java.math.BigInteger.valueOf(from)),
                                "toBlock",
                                Numeric.toHexStringWithPrefix(java.math.BigInteger.valueOf(to)),
                                "address",
                                List.copyOf(contracts),
                                "topics",
                                List.of(List.of(TRANSFER, TRANSFER_SINGLE, TRANSFER_BATCH))));
        List<TransferEvent> out = new ArrayList<>();
        for (JsonNode log : logs) {
            try {
                parse(log).ifPresent(out::add);
            } catch (RuntimeException e) {
                // One entry the node garbled must not stall the watcher on this range forever.
                LOG.warn(
                        "skipped an unreadable log entry on chain {} in blocks {}-{}: {}",
                        chain.name(),
                        from,
                        to,
                        e.toString());
            }
        }
        return out;
    }

    private Optional<TransferEvent> parse(JsonNode log) {
        JsonNode topics = log.path("topics");
        String topic0 = topics.path(0).asText().toLowerCase(Locale.ROOT);
        int fromIndex = topic0.equals(TRANSFER) ? 1 : 2;
        if (topics.size() <= fromIndex + 1) {
            return Optional.empty();
        }
        long block = Numeric.toBigInt(log.path("blockNumber").asText("0x0")).longValueExact();
        java.math.BigInteger tokenId = topic0.equals(TRANSFER) && topics.size() == 4
                ? Numeric.toBigInt(topics.path(3).asText())
                : null;
        return Optional.of(new TransferEvent(
                chain.name(),
                log.path("address").asText().toLowerCase(Locale.ROOT),
                address(topics.path(fromIndex).asText()),
                address(topics.path(fromIndex + 1).asText()),
                block,
                tokenId,
                (int) Numeric.toBigInt(log.path("logIndex").asText("0x0")).longValue()));
    }

    private String blockHash(long block) {
        JsonNode b = chain.rpc()
                .call(
                        "eth_getBlockByNumber",
                        Numeric.toHexStringWithPrefix(java.math.BigInteger.valueOf(block)),
                        false);
        return b == null || b.isNull() ? "" : b.path("hash").asText("");
    }

    private static String address(String topic) {
        return "0x" + topic.substring(topic.length() - 40).toLowerCase(Locale.ROOT);
    }
}
