package dev.lorekeeper.chain;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who holds each token of an ERC-721 contract that can not list a holder's tokens itself (no Enumerable), built
 * from its Transfer logs under a cursor per contract. Answers only once the index has caught up with the chain.
 */
public final class OwnerIndex {
    static final String ZERO = "0x0000000000000000000000000000000000000000";
    /** How far behind the safe head the index may be and still answer. */
    static final long MAX_LAG_BLOCKS = 5;

    private final Database db;
    private final CursorStore cursors;
    private final String upsert;

    public OwnerIndex(Database db, CursorStore cursors) {
        this.db = db;
        this.cursors = cursors;
        this.upsert = db.dialect()
                .upsert(
                        "token_owner",
                        List.of("chain", "contract", "token_id"),
                        List.of("chain", "contract", "token_id", "owner", "block"));
    }

    public static String cursorKey(String chain, String contract) {
        return "owners:" + chain + ":" + contract.toLowerCase(Locale.ROOT);
    }

    /** Reads new logs of one contract (from its deployment on the first run) and records the new owners. */
    public void update(Chains.Chain chain, String contract, int confirmations, int maxRange) {
        TransferLogPoller poller =
                new TransferLogPoller(chain, cursors, confirmations, maxRange, cursorKey(chain.name(), contract), 0);
        poller.poll(Set.of(contract.toLowerCase(Locale.ROOT)), batch -> record(chain.name(), contract, batch));
    }

    /** Records one block range's owners; the poller moves the cursor only after this returns. */
    void record(String chain, String contract, TransferLogPoller.Batch batch) {
        List<TransferEvent> events = new ArrayList<>(batch.events());
        events.removeIf(e -> e.tokenId() == null);
        events.sort(Comparator.comparingLong(TransferEvent::block).thenComparingInt(TransferEvent::logIndex));
        long rescanned = batch.rescan() ? batch.from() : -1;
        if (events.isEmpty() && rescanned < 0) {
            return;
        }
        // Within a batch only a token's last transfer decides its row, so each row is written once.
        Map<String, TransferEvent> last = new LinkedHashMap<>();
        events.forEach(e -> last.put(e.chain() + "/" + e.contract() + "/" + e.tokenId(), e));
        List<Object[]> burns = new ArrayList<>();
        List<Object[]> owners = new ArrayList<>();
        for (TransferEvent e : last.values()) {
            if (e.to().equals(ZERO)) {
                burns.add(new Object[] {e.chain(), e.contract(), e.tokenId().toString()});
            } else {
                owners.add(new Object[] {e.chain(), e.contract(), e.tokenId().toString(), e.to(), e.block()});
            }
        }
        db.inTransaction(c -> {
            if (rescanned >= 0) {
                // A reorg rebuilds the index: everything recorded from the re-read range on goes first.
                Jdbc.update(
                        c,
                        "DELETE FROM token_owner WHERE chain = ? AND contract = ? AND block >= ?",
                        chain,
                        contract.toLowerCase(Locale.ROOT),
                        rescanned);
            }
            Jdbc.batch(c, "DELETE FROM token_owner WHERE chain = ? AND contract = ? AND token_id = ?", burns);
            Jdbc.batch(c, upsert, owners);
            return null;
        });
    }

    /** Holders per query in {@link #tokensOf(String, String, java.util.Collection, long)}. */
    static final int HOLDERS_PER_QUERY = 1000;

    /**
     * The tokens of many holders at once (a sweep's batch: one query per thousand holders instead of one each), by
     * lower-case holder, holders without tokens absent; or empty when the index is not caught up.
     */
    public Optional<Map<String, List<BigInteger>>> tokensOf(
            String chain, String contract, java.util.Collection<String> holders, long safeHead) {
        Optional<CursorStore.Cursor> cursor = cursors.get(cursorKey(chain, contract));
        if (cursor.isEmpty() || cursor.get().block() < safeHead - MAX_LAG_BLOCKS) {
            return Optional.empty();
        }
        List<String> keys =
                holders.stream().map(h -> h.toLowerCase(Locale.ROOT)).distinct().toList();
        Map<String, List<BigInteger>> out = new java.util.HashMap<>();
        db.withConnection(c -> {
            for (int i = 0; i < keys.size(); i += HOLDERS_PER_QUERY) {
                List<String> part = keys.subList(i, Math.min(keys.size(), i + HOLDERS_PER_QUERY));
                Jdbc.list(
                        c,
                        // One array parameter, not a thousand: parsed and planned once.
                        "SELECT owner, token_id FROM token_owner WHERE chain = ? AND contract = ? AND owner = ANY(?)",
                        rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new BigInteger(rs.getString(2))),
                        chain,
                        contract.toLowerCase(Locale.ROOT),
                        part.toArray(new String[0]));
            }
            return null;
        });
        out.values().forEach(ids -> ids.sort(Comparator.naturalOrder()));
        return Optional.of(out);
    }

    /** Tokens a holder owns, or empty when the index is not caught up (the caller then knows nothing). */
    public Optional<List<BigInteger>> tokensOf(String chain, String contract, String holder, long safeHead) {
        Optional<CursorStore.Cursor> cursor = cursors.get(cursorKey(chain, contract));
        if (cursor.isEmpty() || cursor.get().block() < safeHead - MAX_LAG_BLOCKS) {
            return Optional.empty();
        }
        return Optional.of(db.withConnection(c -> Jdbc.list(
                c,
                "SELECT token_id FROM token_owner WHERE chain = ? "
                        + "AND contract = ? AND owner = ? ORDER BY token_id",
                rs -> new BigInteger(rs.getString(1)),
                chain,
                contract.toLowerCase(Locale.ROOT),
                holder.toLowerCase(Locale.ROOT))));
    }
}
