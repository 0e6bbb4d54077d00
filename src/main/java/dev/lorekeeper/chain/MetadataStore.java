package dev.lorekeeper.chain;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Hashes;
import dev.lorekeeper.store.Jdbc;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Fetched metadata bodies in the database, so a restart or a failing gateway does not lose them. */
public final class MetadataStore {
    private final Database db;
    private final Clock clock;
    private final String upsert;

    public MetadataStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.upsert =
                db.dialect().upsert("token_metadata", List.of("uri_hash"), List.of("uri_hash", "body", "fetched_at"));
    }

    /** A stored body and when it was fetched. */
    public record Stored(String body, Instant fetchedAt) {}

    public Optional<Stored> get(String uri) {
        return db.withConnection(c -> Jdbc.first(
                c,
                "SELECT body, fetched_at FROM token_metadata WHERE uri_hash = ?",
                rs -> new Stored(rs.getString(1), Jdbc.instant(rs, 2)),
                hash(uri)));
    }

    /** Stores a body fetched just now. */
    public void put(String uri, String body) {
        db.withConnection(c -> Jdbc.update(c, upsert, hash(uri), body, clock.instant()));
    }

    static String hash(String uri) {
        return Hashes.sha256Hex(uri);
    }
}
