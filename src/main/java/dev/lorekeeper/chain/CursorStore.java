package dev.lorekeeper.chain;

import dev.lorekeeper.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The chain watcher's persisted position per chain: block number and hash (to notice reorgs). */
public final class CursorStore {
    private final Database db;
    private final String upsert;

    public CursorStore(Database db) {
        this.db = db;
        this.upsert = db.dialect().upsert("chain_cursor", List.of("chain"),
                List.of("chain", "block_number", "block_hash", "updated_at"));
    }

    /** A position: the last block fully processed. */
    public record Cursor(long block, String hash) {
    }

    public Optional<Cursor> get(String chain) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT block_number, block_hash FROM chain_cursor WHERE chain = ?")) {
                ps.setString(1, chain);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Cursor(rs.getLong(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    public void set(String chain, Cursor cursor) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                ps.setString(1, chain);
                ps.setLong(2, cursor.block());
                ps.setString(3, cursor.hash());
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                return ps.executeUpdate();
            }
        });
    }
}
