package dev.lorekeeper.chain;

import dev.lorekeeper.store.Hashes;
import dev.lorekeeper.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Fetched metadata bodies in the database, so a restart or a failing gateway does not lose them. */
public final class MetadataStore {
    private final Database db;
    private final String upsert;

    public MetadataStore(Database db) {
        this.db = db;
        this.upsert = db.dialect().upsert("token_metadata", List.of("uri_hash"),
                List.of("uri_hash", "body", "fetched_at"));
    }

    /** A stored body and when it was fetched. */
    public record Stored(String body, Instant fetchedAt) {
    }

    public Optional<Stored> get(String uri) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT body, fetched_at FROM token_metadata WHERE uri_hash = ?")) {
                ps.setString(1, hash(uri));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Stored(rs.getString(1), rs.getTimestamp(2).toInstant()))
                            : Optional.empty();
                }
            }
        });
    }

    public void put(String uri, String body, Instant fetchedAt) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                ps.setString(1, hash(uri));
                ps.setString(2, body);
                ps.setTimestamp(3, Timestamp.from(fetchedAt));
                return ps.executeUpdate();
            }
        });
    }

    static String hash(String uri) {
        return Hashes.sha256Hex(uri);
    }
}
