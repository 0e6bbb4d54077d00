package dev.lorekeeper.chain;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The chain watcher's persisted position per chain: block number and hash (to notice reorgs). */
public final class CursorStore {
    private final Database db;
    private final Clock clock;
    private final String upsert;

    public CursorStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.upsert = db.dialect()
                .upsert("chain_cursor", List.of("chain"), List.of("chain", "block_number", "block_hash", "updated_at"));
    }

    /** A position: the last block fully processed. */
    public record Cursor(long block, String hash) {}

    public Optional<Cursor> get(String chain) {
        return db.withConnection(c -> Jdbc.first(
                c,
                "SELECT block_number, block_hash FROM chain_cursor WHERE chain = ?",
                rs -> new Cursor(rs.getLong(1), rs.getString(2)),
                chain));
    }

    public void set(String chain, Cursor cursor) {
        db.withConnection(c -> Jdbc.update(c, upsert, chain, cursor.block(), cursor.hash(), clock.instant()));
    }
}
