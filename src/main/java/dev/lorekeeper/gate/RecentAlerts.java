package dev.lorekeeper.gate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Role operations that also remember the alerts posted to each server's audit channel (chain reads failing and
 * working again, a role above the bot's), so the dashboard's overview can show them next to the health lines. Per
 * process and in memory: a restart forgets them, and a process that posted none shows none.
 */
public final class RecentAlerts implements RoleOps {
    /** How many alerts a server keeps. */
    public static final int KEPT = 10;

    /** An alert as posted, with when. */
    public record Alert(Instant at, String text) {}

    private final RoleOps delegate;
    private final Clock clock;
    private final Map<Long, Deque<Alert>> byGuild = new ConcurrentHashMap<>();

    public RecentAlerts(RoleOps delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    /** The server's alerts, newest first. */
    public List<Alert> of(long guildId) {
        Deque<Alert> q = byGuild.get(guildId);
        if (q == null) {
            return List.of();
        }
        synchronized (q) {
            return List.copyOf(q);
        }
    }

    @Override
    public void audit(long guildId, String line) {
        delegate.audit(guildId, line);
        // The warnings and all-clears; the per-member "received"/"lost" lines and sync summaries are routine.
        if (line.startsWith("⚠️") || line.startsWith("✅")) {
            Deque<Alert> q = byGuild.computeIfAbsent(guildId, g -> new ArrayDeque<>());
            synchronized (q) {
                q.addFirst(new Alert(clock.instant(), line));
                while (q.size() > KEPT) {
                    q.removeLast();
                }
            }
        }
    }

    @Override
    public Optional<Set<Long>> rolesOf(long guildId, long memberId) {
        return delegate.rolesOf(guildId, memberId);
    }

    @Override
    public Optional<Set<Long>> rolesFromDiscord(long guildId, long memberId) {
        return delegate.rolesFromDiscord(guildId, memberId);
    }

    @Override
    public boolean canSee(long guildId) {
        return delegate.canSee(guildId);
    }

    @Override
    public Optional<String> refusal(long guildId, long roleId) {
        return delegate.refusal(guildId, roleId);
    }

    @Override
    public Outcome apply(long guildId, long memberId, long roleId, boolean add) {
        return delegate.apply(guildId, memberId, roleId, add);
    }

    @Override
    public String roleName(long guildId, long roleId) {
        return delegate.roleName(guildId, roleId);
    }
}
