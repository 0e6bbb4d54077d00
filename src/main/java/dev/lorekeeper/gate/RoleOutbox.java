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
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The persisted queue of role changes. Enqueueing supersedes any pending opposite change for the same role. A change
 * is marked sent before its request goes out, so that after a crash (or a lost answer) the worker knows it may
 * already be applied.
 */
public final class RoleOutbox {
    private static final String COLUMNS =
            "SELECT id, guild_id, member_id, role_id, add_role, reason, attempts, sent_at, priority FROM role_outbox ";
    /** Rows deleted per statement when pruning, so one prune never holds a long lock over a large table. */
    static final int PRUNE_CHUNK = 5_000;

    private final Database db;
    private final Clock clock;

    public RoleOutbox(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Enqueues in the caller's transaction; returns false when the same change is already pending. An interactive
     * change that finds the same change pending as bulk moves it to the front instead (and returns true: from now on it
     * is this sync's change).
     */
    public static boolean enqueue(
            Connection c,
            long guildId,
            long memberId,
            long roleId,
            boolean add,
            String reason,
            SyncKind kind,
            Instant now)
            throws SQLException {
        List<Pending> pending = Jdbc.list(
                c,
                "SELECT id, add_role, priority FROM role_outbox WHERE guild_id = ? "
                        + "AND member_id = ? AND role_id = ? AND done_at IS NULL",
                rs -> new Pending(rs.getLong(1), rs.getBoolean(2), rs.getInt(3)),
                guildId,
                memberId,
                roleId);
        Optional<Pending> same = pending.stream().filter(p -> p.add() == add).findFirst();
        if (same.isPresent()) {
            // Already queued: an interactive sync moves a bulk copy to the front (and then counts it as its own).
            return Jdbc.update(
                            c,
                            "UPDATE role_outbox SET priority = ? WHERE id = ? AND priority > ?",
                            kind.priority,
                            same.get().id(),
                            kind.priority)
                    == 1;
        }
        for (Pending opposite : pending) {
            finish(c, opposite.id(), now, "superseded");
        }
        Jdbc.update(
                c,
                "INSERT INTO role_outbox (guild_id, member_id, role_id, add_role, reason, created_at, attempts, "
                        + "next_attempt_at, priority) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
                guildId,
                memberId,
                roleId,
                add,
                cut(reason, 500),
                now,
                now,
                kind.priority);
        return true;
    }

    private record Pending(long id, boolean add, int priority) {}

    /** Members per pending-changes query in {@link #enqueueAll}. */
    static final int MEMBERS_PER_QUERY = 1000;

    /**
     * {@link #enqueue} for a sweep's batch of one server, in the caller's transaction: the pending changes of all
     * its members are read in one query per thousand members and the new rows written as one JDBC batch, instead of
     * two statements per change. Returns the changes queued (those not already pending).
     */
    public static List<SyncPlan.Change> enqueueAll(
            Connection c, long guildId, List<SyncPlan.Change> changes, SyncKind kind, Instant now) throws SQLException {
        List<Long> members =
                changes.stream().map(SyncPlan.Change::memberId).distinct().toList();
        java.util.Map<String, List<Pending>> pending = new java.util.HashMap<>();
        for (int i = 0; i < members.size(); i += MEMBERS_PER_QUERY) {
            List<Long> part = members.subList(i, Math.min(members.size(), i + MEMBERS_PER_QUERY));
            // "done_at IS NULL" is checked here, not in SQL: with it there PostgreSQL walks the pending index (every
            // pending change of every server, 100,000 after a new gate) instead of these members' rows.
            Jdbc.list(
                    c,
                    "SELECT id, member_id, role_id, add_role, done_at, priority FROM role_outbox WHERE guild_id = ? "
                            + "AND member_id = ANY(?)",
                    rs -> rs.getTimestamp(5) != null
                            || pending.computeIfAbsent(
                                            rs.getLong(2) + "/" + rs.getLong(3), k -> new java.util.ArrayList<>())
                                    .add(new Pending(rs.getLong(1), rs.getBoolean(4), rs.getInt(6))),
                    guildId,
                    part.toArray(new Long[0]));
        }
        List<SyncPlan.Change> queued = new java.util.ArrayList<>();
        List<Object[]> superseded = new java.util.ArrayList<>();
        List<Object[]> rows = new java.util.ArrayList<>();
        List<Object[]> promoted = new java.util.ArrayList<>();
        for (SyncPlan.Change p : changes) {
            List<Pending> same = pending.getOrDefault(p.memberId() + "/" + p.roleId(), List.of());
            Optional<Pending> queuedAlready =
                    same.stream().filter(x -> x.add() == p.add()).findFirst();
            if (queuedAlready.isPresent()) {
                // As in enqueue: an interactive sync moves a bulk copy to the front and counts it as its own.
                if (queuedAlready.get().priority() > kind.priority) {
                    promoted.add(
                            new Object[] {kind.priority, queuedAlready.get().id(), kind.priority});
                    queued.add(p);
                }
                continue;
            }
            same.forEach(opposite -> superseded.add(new Object[] {now, "superseded", opposite.id()}));
            rows.add(new Object[] {
                guildId, p.memberId(), p.roleId(), p.add(), cut(p.reason(), 500), now, now, kind.priority
            });
            queued.add(p);
        }
        Jdbc.batch(c, "UPDATE role_outbox SET done_at = ?, outcome = ? WHERE id = ? AND done_at IS NULL", superseded);
        Jdbc.batch(c, "UPDATE role_outbox SET priority = ? WHERE id = ? AND priority > ?", promoted);
        Jdbc.batch(
                c,
                "INSERT INTO role_outbox (guild_id, member_id, role_id, add_role, reason, created_at, attempts, "
                        + "next_attempt_at, priority) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
                rows);
        return queued;
    }

    /** Pending changes of every server that are due: interactive ones first, then bulk ones, each oldest first. */
    public List<RoleChange> due(int limit) {
        return db.withConnection(c -> Jdbc.list(
                c,
                COLUMNS + "WHERE done_at IS NULL AND next_attempt_at <= ? ORDER BY priority, id FETCH FIRST " + limit
                        + " ROWS ONLY",
                RoleOutbox::change,
                clock.instant()));
    }

    /**
     * The servers on these shards that have a change due. The worker then reads each server's own queue, so one
     * server's backlog of thousands never hides another server's changes behind a global limit.
     */
    public List<Long> guildsWithDue(int shardTotal, List<Integer> shards) {
        return db.withConnection(c -> Jdbc.list(
                c,
                "SELECT DISTINCT guild_id FROM role_outbox WHERE done_at IS NULL AND next_attempt_at <= ?"
                        + shardFilter(shardTotal, shards),
                rs -> rs.getLong(1),
                clock.instant()));
    }

    /** One server's due changes: interactive ones first, then bulk ones, each oldest first. */
    public List<RoleChange> due(long guildId, int limit) {
        return db.withConnection(c -> Jdbc.list(
                c,
                COLUMNS + "WHERE guild_id = ? AND done_at IS NULL AND next_attempt_at <= ? "
                        + "ORDER BY priority, id FETCH FIRST " + limit + " ROWS ONLY",
                RoleOutbox::change,
                guildId,
                clock.instant()));
    }

    private static String shardFilter(int shardTotal, List<Integer> shards) {
        return shardTotal <= 1
                ? ""
                : " AND MOD(guild_id / 4194304, " + shardTotal + ") IN ("
                        + shards.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
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

    /**
     * Deletes done changes finished before {@code cutoff}, in chunks; returns how many went. The newest applied change
     * of each member and role stays whatever its age: it is the record of who holds a role from Lorekeeper, which the
     * sweep (members who since unlinked every wallet) and planning for other shards' servers read. So the table is
     * bounded by the community's size, not by its history. Pending and sent-but-unconfirmed rows are never touched.
     */
    public long pruneDoneBefore(Instant cutoff) {
        return pruneDoneBefore(cutoff, PRUNE_CHUNK);
    }

    long pruneDoneBefore(Instant cutoff, int chunk) {
        long total = 0;
        while (true) {
            int deleted = db.withConnection(c -> Jdbc.update(
                    c,
                    "DELETE FROM role_outbox WHERE id IN (SELECT o.id FROM role_outbox o WHERE o.done_at < ? AND ("
                            + "o.outcome IS NULL OR o.outcome NOT IN ('applied', 'already in place') OR EXISTS ("
                            + "SELECT 1 FROM role_outbox n WHERE n.guild_id = o.guild_id AND n.member_id = o.member_id "
                            + "AND n.role_id = o.role_id AND n.id > o.id "
                            + "AND n.outcome IN ('applied', 'already in place'))) FETCH FIRST " + chunk
                            + " ROWS ONLY)",
                    cutoff));
            total += deleted;
            if (deleted < chunk) {
                return total;
            }
        }
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
                sent != null,
                rs.getInt(9) > 0);
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
