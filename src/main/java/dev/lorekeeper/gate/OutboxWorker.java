package dev.lorekeeper.gate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the role outbox at a pace that keeps under Discord's limits: at most N changes per 10 seconds per server,
 * each server from its own queue, interactive changes before bulk ones.
 * Each change is checked against the member's current roles first, and one already in place is done without a
 * request. Exactly once: a change whose request went out unconfirmed (the process died, or the answer was lost) is
 * checked against Discord itself rather than the cache before it is sent again. A role the bot may not manage gives
 * moderators one clear message. Servers drain side by side, each on one thread at a time: a server whose Discord
 * answers slowly, or holds the bot back with a rate limit, does not delay another server's changes.
 */
public final class OutboxWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    /** How long the member cache may trail a change this worker made (until the gateway's member update). */
    private static final Duration CACHE_LAG = Duration.ofMinutes(1);

    private final RoleOutbox outbox;
    private final RoleOps roles;
    private final ServerPace pace;
    private final Clock clock;
    private final int shardTotal;
    private final List<Integer> shards;
    private final Map<Target, Instant> changedLately = new ConcurrentHashMap<>();
    private final Set<Long> forbiddenReported = ConcurrentHashMap.newKeySet();
    private final Executor perServer;
    private final Set<Long> draining = ConcurrentHashMap.newKeySet();

    private record Target(long guildId, long memberId, long roleId) {
        static Target of(RoleChange c) {
            return new Target(c.guildId(), c.memberId(), c.roleId());
        }
    }

    /**
     * The worker drains only servers on this process's shards ({@code shards} of {@code shardTotal}), each server's
     * changes as one task on {@code perServer}.
     */
    public OutboxWorker(
            RoleOutbox outbox,
            RoleOps roles,
            int perWindow,
            Clock clock,
            int shardTotal,
            List<Integer> shards,
            Executor perServer) {
        this.outbox = outbox;
        this.roles = roles;
        this.pace = new ServerPace(perWindow, clock);
        this.clock = clock;
        this.shardTotal = shardTotal;
        this.shards = List.copyOf(shards);
        this.perServer = perServer;
    }

    /** One pass over the due changes; scheduled every few hundred milliseconds. */
    @Override
    public void run() {
        try {
            Instant stale = clock.instant().minus(CACHE_LAG);
            changedLately.values().removeIf(at -> at.isBefore(stale));
            for (long guild : outbox.guildsWithDue(shardTotal, shards)) {
                int room = pace.room(guild);
                if (room > 0 && roles.canSee(guild) && draining.add(guild)) {
                    submit(guild, room);
                }
            }
        } catch (RuntimeException e) {
            log.warn("role outbox pass failed: {}", e.toString());
        }
    }

    private void submit(long guild, int room) {
        try {
            perServer.execute(() -> {
                try {
                    drain(guild, room);
                } catch (RuntimeException e) {
                    log.warn("role outbox pass for guild {} failed: {}", guild, e.toString());
                } finally {
                    draining.remove(guild);
                }
            });
        } catch (RejectedExecutionException e) {
            draining.remove(guild); // shutting down: the changes stay queued for the next start
        }
    }

    /** Up to {@code room} of one server's changes, interactive ones first. */
    private void drain(long guild, int room) {
        for (RoleChange c : outbox.due(guild, room)) {
            if (!pace.take(guild)) {
                return;
            }
            try {
                apply(c);
            } catch (RuntimeException e) {
                outbox.retryAfter(c.id(), backoff(c.attempts()), "will retry: " + e.getMessage());
            } finally {
                pace.finished(guild);
            }
        }
    }

    private void apply(RoleChange c) {
        // The cache can not tell an unconfirmed request that Discord applied from one it never saw, nor show a change
        // made here a moment ago: those are read from Discord.
        boolean mayBeApplied = c.sent() || changedLately.containsKey(Target.of(c));
        Optional<Set<Long>> current = mayBeApplied
                ? roles.rolesFromDiscord(c.guildId(), c.memberId())
                : roles.rolesOf(c.guildId(), c.memberId());
        if (current.isEmpty()) {
            outbox.done(c.id(), "member not in server");
            return;
        }
        if (current.get().contains(c.roleId()) == c.add()) {
            outbox.done(c.id(), "already in place");
            return;
        }
        if (!outbox.markSent(c.id())) {
            return; // superseded since it was read
        }
        RoleOps.Outcome outcome = roles.apply(c.guildId(), c.memberId(), c.roleId(), c.add());
        if (outcome == RoleOps.Outcome.APPLIED) {
            changedLately.put(Target.of(c), clock.instant());
        }
        record(c, outcome);
    }

    private void record(RoleChange c, RoleOps.Outcome outcome) {
        switch (outcome) {
            case APPLIED -> {
                outbox.done(c.id(), "applied");
                // A bulk change's sync posted one summary for all of its changes when it queued them.
                if (!c.bulk()) {
                    roles.audit(
                            c.guildId(),
                            (c.add() ? "➕ <@" + c.memberId() + "> received " : "➖ <@" + c.memberId() + "> lost ")
                                    + "<@&" + c.roleId() + "> — rule: " + c.reason());
                }
            }
            case MEMBER_GONE -> outbox.done(c.id(), "member not in server");
            case FORBIDDEN -> {
                outbox.done(c.id(), "forbidden: role above the bot's highest role");
                if (forbiddenReported.add(c.roleId())) {
                    roles.audit(
                            c.guildId(),
                            "⚠️ I can't give or take <@&" + c.roleId() + ">: it sits above my "
                                    + "highest role (or is managed by an integration). In Server Settings → Roles, drag the "
                                    + "Lorekeeper role above it, then run /gate resync.");
                }
            }
            default -> outbox.retryAfter(c.id(), backoff(c.attempts()), "will retry");
        }
    }

    static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(300, 1L << Math.min(8, attempts)));
    }
}
