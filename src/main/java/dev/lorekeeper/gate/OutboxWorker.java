package dev.lorekeeper.gate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the role outbox at a pace that keeps under Discord's limits: at most N changes per 10 seconds per server.
 * Each change is checked against the member's current roles first, so a change already in place (for instance
 * after a restart) is not applied twice. A role the bot may not manage gives moderators one clear message.
 */
public final class OutboxWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final RoleOutbox outbox;
    private final RoleOps roles;
    private final int perWindow;
    private final Clock clock;
    private final int shardTotal;
    private final List<Integer> shards;
    private final Map<Long, Deque<Instant>> recent = new ConcurrentHashMap<>();
    private final Set<Long> forbiddenReported = ConcurrentHashMap.newKeySet();

    /** The worker drains only servers on this process's shards ({@code shards} of {@code shardTotal}). */
    public OutboxWorker(RoleOutbox outbox, RoleOps roles, int perWindow, Clock clock, int shardTotal,
            List<Integer> shards) {
        this.outbox = outbox;
        this.roles = roles;
        this.perWindow = perWindow;
        this.clock = clock;
        this.shardTotal = shardTotal;
        this.shards = List.copyOf(shards);
    }

    /** One pass over the due changes; scheduled every few hundred milliseconds. */
    @Override
    public void run() {
        try {
            List<RoleChange> due = outbox.due(clock.instant(), 500, shardTotal, shards);
            for (RoleChange c : due) {
                if (roles.canSee(c.guildId()) && allowed(c.guildId())) {
                    try {
                        apply(c);
                    } catch (RuntimeException e) {
                        outbox.retryLater(c.id(), clock.instant().plus(backoff(c.attempts())), "will retry: "
                                + e.getMessage());
                    } finally {
                        finished(c.guildId());
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("role outbox pass failed: {}", e.toString());
        }
    }

    private boolean allowed(long guildId) {
        Deque<Instant> times = recent.computeIfAbsent(guildId, g -> new ArrayDeque<>());
        Instant now = clock.instant();
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
                times.removeFirst();
            }
            if (times.size() >= perWindow) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    /**
     * Moves the change's time stamp from when it was allowed to when Discord had answered: Discord counts a change
     * when the request reaches it, so a window measured from before the request could let one more in at its edge.
     */
    private void finished(long guildId) {
        Deque<Instant> times = recent.get(guildId);
        synchronized (times) {
            times.pollLast();
            times.addLast(clock.instant());
        }
    }

    private void apply(RoleChange c) {
        Optional<Set<Long>> current = roles.rolesOf(c.guildId(), c.memberId());
        if (current.isEmpty()) {
            outbox.done(c.id(), clock.instant(), "member not in server");
            return;
        }
        if (current.get().contains(c.roleId()) == c.add()) {
            outbox.done(c.id(), clock.instant(), "already in place");
            return;
        }
        RoleOps.Outcome outcome = roles.apply(c.guildId(), c.memberId(), c.roleId(), c.add());
        switch (outcome) {
            case APPLIED -> {
                outbox.done(c.id(), clock.instant(), "applied");
                roles.audit(c.guildId(), (c.add() ? "➕ <@" + c.memberId() + "> received " : "➖ <@" + c.memberId()
                        + "> lost ") + "<@&" + c.roleId() + "> — rule: " + c.reason());
            }
            case MEMBER_GONE -> outbox.done(c.id(), clock.instant(), "member not in server");
            case FORBIDDEN -> {
                outbox.done(c.id(), clock.instant(), "forbidden: role above the bot's highest role");
                if (forbiddenReported.add(c.roleId())) {
                    roles.audit(c.guildId(), "⚠️ I can't give or take <@&" + c.roleId() + ">: it sits above my "
                            + "highest role (or is managed by an integration). In Server Settings → Roles, drag the "
                            + "Lorekeeper role above it, then run /gate resync.");
                }
            }
            default -> outbox.retryLater(c.id(), clock.instant().plus(backoff(c.attempts())), "will retry");
        }
    }

    static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(300, 1L << Math.min(8, attempts)));
    }
}
