package dev.lorekeeper.gate;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The persisted queue of role changes. Enqueueing supersedes any pending opposite change for the same role. A change
 * is marked sent before its request goes out, so that after a crash (or a lost answer) the worker knows it may
 * already be applied.
 */
public final class RoleOutbox {
    private static final String COLUMNS =
            "SELECT id, guild_id, member_id, role_id, add_role, reason, attempts, " + "sent_at FROM role_outbox ";

    private final Database db;
    private final Clock clock;

    public RoleOutbox(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Enqueues in the caller's transaction; returns false when the same change is already pending. */
    public static boolean enqueue(
            Connection c, long guildId, long memberId, long roleId, boolean add, String reason, Instant now)
            throws SQLException {
        List<Pending> pending = Jdbc.list(
                c,
                "SELECT id, add_role FROM role_outbox WHERE guild_id = ? "
                        + "AND member_id = ? AND role_id = ? AND done_at IS NULL",
                rs -> new Pending(rs.getLong(1), rs.getBoolean(2)),
                guildId,
                memberId,
                roleId);
        if (pending.stream().anyMatch(p -> p.add() == add)) {
            return false;
        }
        for (Pending opposite : pending) {
            finish(c, opposite.id(), now, "superseded");
        }
        Jdbc.update(
                c,
                "INSERT INTO role_outbox (guild_id, member_id, role_id, add_role, reason, created_at, attempts, "
                        + "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
                guildId,
                memberId,
                roleId,
                add,
                cut(reason, 500),
                now,
                now);
        return true;
    }

    private record Pending(long id, boolean add) {}

    /** Members per pending-changes query in {@link #enqueueAll}. */
    static final int MEMBERS_PER_QUERY = 1000;

    /**
     * {@link #enqueue} for a sweep's batch of one server, in the caller's transaction: the pending changes of all
     * its members are read in one query per thousand members and the new rows written as one JDBC batch, instead of
     * two statements per change. Returns the changes queued (those not already pending).
     */
    public static List<SyncPlan.Change> enqueueAll(
            Connection c, long guildId, List<SyncPlan.Change> changes, Instant now) throws SQLException {
        List<Long> members =
                changes.stream().map(SyncPlan.Change::memberId).distinct().toList();
        java.util.Map<String, List<Pending>> pending = new java.util.HashMap<>();
        for (int i = 0; i < members.size(); i += MEMBERS_PER_QUERY) {
            List<Long> part = members.subList(i, Math.min(members.size(), i + MEMBERS_PER_QUERY));
            // "done_at IS NULL" is checked here, not in SQL: with it there PostgreSQL walks the pending index (every
            // pending change of every server, 100,000 after a new gate) instead of these members' rows.
            Jdbc.list(
                    c,
                    "SELECT id, member_id, role_id, add_role, done_at FROM role_outbox WHERE guild_id = ? "
                            + "AND member_id = ANY(?)",
                    rs -> rs.getTimestamp(5) != null
                            || pending.computeIfAbsent(
                                            rs.getLong(2) + "/" + rs.getLong(3), k -> new java.util.ArrayList<>())
                                    .add(new Pending(rs.getLong(1), rs.getBoolean(4))),
                    guildId,
                    part.toArray(new Long[0]));
        }
        List<SyncPlan.Change> queued = new java.util.ArrayList<>();
        List<Object[]> superseded = new java.util.ArrayList<>();
        List<Object[]> rows = new java.util.ArrayList<>();
        for (SyncPlan.Change p : changes) {
            List<Pending> same = pending.getOrDefault(p.memberId() + "/" + p.roleId(), List.of());
            if (same.stream().anyMatch(x -> x.add() == p.add())) {
                continue;
            }
            same.forEach(opposite -> superseded.add(new Object[] {now, "superseded", opposite.id()}));
            rows.add(new Object[] {guildId, p.memberId(), p.roleId(), p.add(), cut(p.reason(), 500), now, now});
            queued.add(p);
        }
        Jdbc.batch(c, "UPDATE role_outbox SET done_at = ?, outcome = ? WHERE id = ? AND done_at IS NULL", superseded);
        Jdbc.batch(
                c,
                "INSERT INTO role_outbox (guild_id, member_id, role_id, add_role, reason, created_at, attempts, "
                        + "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
                rows);
        return queued;
    }

    /** Pending changes that are due, oldest first. */
    public List<RoleChange> due(int limit) {
        return due(limit, 1, List.of(0));
    }

    /** Pending changes of the servers on these shards (Discord: shard = (guild id >> 22) mod total). */
    public List<RoleChange> due(int limit, int shardTotal, List<Integer> shards) {
        String shardFilter = shardTotal <= 1
                ? ""
                : " AND MOD(guild_id / 4194304, " + shardTotal + ") IN ("
                        + shards.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        return db.withConnection(c -> Jdbc.list(
                c,
                COLUMNS + "WHERE done_at IS NULL AND next_attempt_at <= ?" + shardFilter + " ORDER BY id FETCH FIRST "
                        + limit + " ROWS ONLY",
                RoleOutbox::change,
                clock.instant()));
    }

    /**
     * Records that the change's request is about to go out; committed before it does. False when the change is no
     * longer pending (superseded meanwhile): then nothing must be sent.
     */
    public boolean markSent(long id) {
        return db.withConnection(c -> Jdbc.update(
                        c,
                        "UPDATE role_outbox SET sent_at = ? WHERE id = ? " + "AND done_at IS NULL",
                        clock.instant(),
                        id))
                == 1;
    }

    public void done(long id, String outcome) {
        db.withConnection(c -> {
            finish(c, id, clock.instant(), outcome);
            return null;
        });
    }

    public void retryAfter(long id, Duration wait, String outcome) {
        db.withConnection(c -> Jdbc.update(
                c,
                "UPDATE role_outbox SET attempts = attempts + 1, next_attempt_at = ?, "
                        + "outcome = ? WHERE id = ? AND done_at IS NULL",
                clock.instant().plus(wait),
                cut(outcome, 200),
                id));
    }

    public long pendingCount() {
        return db.withConnection(
                c -> Jdbc.first(c, "SELECT COUNT(*) FROM role_outbox WHERE done_at IS NULL", rs -> rs.getLong(1))
                        .orElse(0L));
    }

    /** Seconds since the oldest pending change was queued (0 when none is pending). */
    public double oldestPendingSeconds() {
        Instant now = clock.instant();
        return db.withConnection(c -> Jdbc.first(
                        c, "SELECT MIN(created_at) FROM role_outbox WHERE done_at IS NULL", rs -> rs.getTimestamp(1))
                .map(t -> Math.max(0, (now.toEpochMilli() - t.getTime()) / 1000.0))
                .orElse(0.0));
    }

    private static void finish(Connection c, long id, Instant now, String outcome) throws SQLException {
        Jdbc.update(
                c,
                "UPDATE role_outbox SET done_at = ?, outcome = ? WHERE id = ? AND done_at IS NULL",
                now,
                cut(outcome, 200),
                id);
    }

    private static RoleChange change(ResultSet rs) throws SQLException {
        Timestamp sent = rs.getTimestamp(8);
        return new RoleChange(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getBoolean(5),
                rs.getString(6),
                rs.getInt(7),
                sent != null);
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
