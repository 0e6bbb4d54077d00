package dev.lorekeeper.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.web3j.utils.Numeric;

/**
 * Reads token Transfer logs of a set of contracts since the last persisted cursor, up to the latest block minus the
 * configured confirmations. Block ranges shrink when the provider refuses a large one; a reorg deeper than the
 * confirmations (the cursor's block hash changed) rewinds and re-scans.
 */
public final class TransferLogPoller {
    public static final String TRANSFER = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    public static final String TRANSFER_SINGLE = "0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62";
    public static final String TRANSFER_BATCH = "0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb";
    private static final int REWIND_ON_REORG = 64;

    private final Chains.Chain chain;
    private final CursorStore cursors;
    private final int confirmations;
    private final int maxRange;

    public TransferLogPoller(Chains.Chain chain, CursorStore cursors, int confirmations, int maxRange) {
        this.chain = chain;
        this.cursors = cursors;
        this.confirmations = confirmations;
        this.maxRange = maxRange;
    }

    /** New transfer events since the cursor; the cursor advances only past blocks fully read. */
    public List<TransferEvent> poll(Set<String> contracts) {
        if (contracts.isEmpty()) {
            return List.of();
        }
        long head = Numeric.toBigInt(chain.rpc().call("eth_blockNumber").asText()).longValueExact() - confirmations;
        Optional<CursorStore.Cursor> cursor = cursors.get(chain.name());
        if (cursor.isEmpty()) {
            // First run: start from now; the sweep covers what happened before.
            cursors.set(chain.name(), new CursorStore.Cursor(head, blockHash(head)));
            return List.of();
        }
        long from = cursor.get().block() + 1;
        if (!cursor.get().hash().equals(blockHash(cursor.get().block()))) {
            from = Math.max(0, cursor.get().block() - REWIND_ON_REORG);
        }
        List<TransferEvent> events = new ArrayList<>();
        int range = maxRange;
        while (from <= head) {
            long to = Math.min(head, from + range - 1);
            try {
                events.addAll(logs(contracts, from, to));
            } catch (RpcException e) {
                if (!e.transport() && range > 1) {
                    range = Math.max(1, range / 2); // the provider refused the range: ask for less
                    continue;
                }
                throw e;
            }
            cursors.set(chain.name(), new CursorStore.Cursor(to, blockHash(to)));
            from = to + 1;
        }
        return events;
    }

    private List<TransferEvent> logs(Set<String> contracts, long from, long to) {
        JsonNode logs = chain.rpc().call("eth_getLogs", Map.of("fromBlock", Numeric.toHexStringWithPrefix(
                java.math.BigInteger.valueOf(from)), "toBlock", Numeric.toHexStringWithPrefix(
                java.math.BigInteger.valueOf(to)), "address", List.copyOf(contracts),
                "topics", List.of(List.of(TRANSFER, TRANSFER_SINGLE, TRANSFER_BATCH))));
        List<TransferEvent> out = new ArrayList<>();
        for (JsonNode log : logs) {
            JsonNode topics = log.path("topics");
            String topic0 = topics.path(0).asText().toLowerCase(Locale.ROOT);
            int fromIndex = topic0.equals(TRANSFER) ? 1 : 2;
            if (topics.size() <= fromIndex + 1) {
                continue;
            }
            long block = Numeric.toBigInt(log.path("blockNumber").asText("0x0")).longValueExact();
            out.add(new TransferEvent(chain.name(), log.path("address").asText().toLowerCase(Locale.ROOT),
                    address(topics.path(fromIndex).asText()), address(topics.path(fromIndex + 1).asText()), block));
        }
        return out;
    }

    private String blockHash(long block) {
        JsonNode b = chain.rpc().call("eth_getBlockByNumber", Numeric.toHexStringWithPrefix(
                java.math.BigInteger.valueOf(block)), false);
        return b == null || b.isNull() ? "" : b.path("hash").asText("");
    }

    private static String address(String topic) {
        return "0x" + topic.substring(topic.length() - 40).toLowerCase(Locale.ROOT);
    }
}
