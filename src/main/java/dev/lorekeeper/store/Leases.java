package dev.lorekeeper.store;

import java.sql.SQLException;
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
        Instant until = now.plus(ttl);
        try {
            return db.withConnection(c -> {
                boolean taken = Jdbc.update(
                                c,
                                "UPDATE job_lease SET owner = ?, expires_at = ? WHERE name = ? "
                                        + "AND (owner = ? OR expires_at < ?)",
                                owner,
                                until,
                                name,
                                owner,
                                now)
                        == 1;
                if (!taken) {
                    try {
                        taken = Jdbc.update(
                                        c,
                                        "INSERT INTO job_lease (name, owner, expires_at) VALUES (?, ?, ?)",
                                        name,
                                        owner,
                                        until)
                                == 1;
                    } catch (SQLException duplicate) {
                        return false; // someone else holds it
                    }
                }
                if (taken) {
                    held.add(name);
                }
                return taken;
            });
        } catch (StoreException e) {
            return false; // without the database nobody can prove they hold it
        }
    }

    /** Gives the lease up (on shutdown), so another process need not wait for it to expire. */
    public void release(String name) {
        try {
            db.withConnection(c -> Jdbc.update(c, "DELETE FROM job_lease WHERE name = ? AND owner = ?", name, owner));
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
