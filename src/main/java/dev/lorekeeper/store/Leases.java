package dev.lorekeeper.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Leases in the shared database, so that a job runs on one process at a time. Taking or renewing a lease is one
 * conditional update (or an insert that a primary key keeps unique), so two processes can never both hold it.
 */
public final class Leases {
    private final Database db;
    private final String owner;
    private final Clock clock;
    private final java.util.Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Leases(Database db, Clock clock) {
        this(db, UUID.randomUUID().toString(), clock);
    }

    public Leases(Database db, String owner, Clock clock) {
        this.db = db;
        this.owner = owner;
        this.clock = clock;
    }

    public String owner() {
        return owner;
    }

    /** Takes or renews the lease; true when this process holds it for the next {@code ttl}. */
    public boolean acquire(String name, Duration ttl) {
        Instant now = clock.instant();
        try {
            return db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE job_lease SET owner = ?, expires_at = ? "
                        + "WHERE name = ? AND (owner = ? OR expires_at < ?)")) {
                    ps.setString(1, owner);
                    ps.setTimestamp(2, Timestamp.from(now.plus(ttl)));
                    ps.setString(3, name);
                    ps.setString(4, owner);
                    ps.setTimestamp(5, Timestamp.from(now));
                    if (ps.executeUpdate() == 1) {
                        held.add(name);
                        return true;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO job_lease (name, owner, expires_at) VALUES (?, ?, ?)")) {
                    ps.setString(1, name);
                    ps.setString(2, owner);
                    ps.setTimestamp(3, Timestamp.from(now.plus(ttl)));
                    boolean inserted = ps.executeUpdate() == 1;
                    if (inserted) {
                        held.add(name);
                    }
                    return inserted;
                } catch (SQLException duplicate) {
                    return false; // someone else holds it
                }
            });
        } catch (StoreException e) {
            return false; // without the database nobody can prove they hold it
        }
    }

    /** Gives the lease up (on shutdown), so another process need not wait for it to expire. */
    public void release(String name) {
        try {
            db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM job_lease WHERE name = ? AND owner = ?")) {
                    ps.setString(1, name);
                    ps.setString(2, owner);
                    return ps.executeUpdate();
                }
            });
        } catch (StoreException ignored) {
            // it expires on its own
        }
    }

    /** Gives up every lease this process holds: on a clean shutdown another process takes over at once. */
    public void releaseAll() {
        held.forEach(this::release);
        held.clear();
    }

    /** Runs {@code job} only while holding the lease {@code name}. */
    public Runnable guarded(String name, Duration ttl, Runnable job) {
        return () -> {
            if (acquire(name, ttl)) {
                job.run();
            }
        };
    }
}
