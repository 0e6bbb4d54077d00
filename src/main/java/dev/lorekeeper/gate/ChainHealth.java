package dev.lorekeeper.gate;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches evaluations for unreadable chains: after repeated failures the audit channel gets one alert (not one per
 * member), and one all-clear when reads work again.
 */
public final class ChainHealth {
    private final RoleOps roles;
    private final int failuresBeforeAlert;
    private final Map<Long, Integer> failures = new ConcurrentHashMap<>();
    private final Set<Long> alerted = ConcurrentHashMap.newKeySet();

    public ChainHealth(RoleOps roles, int failuresBeforeAlert) {
        this.roles = roles;
        this.failuresBeforeAlert = failuresBeforeAlert;
    }

    void observe(long guildId, Collection<Map<Gate, Evaluation>> verdicts) {
        boolean failed = verdicts.stream()
                .flatMap(m -> m.values().stream())
                .flatMap(e -> e.requirements().stream())
                .anyMatch(r -> r.truth() == Truth.UNKNOWN && r.detail().contains("read failed"));
        boolean anyRead = verdicts.stream()
                .flatMap(m -> m.values().stream())
                .anyMatch(e -> !e.requirements().isEmpty());
        if (!anyRead) {
            return;
        }
        if (failed) {
            int n = failures.merge(guildId, 1, Integer::sum);
            if (n >= failuresBeforeAlert && alerted.add(guildId)) {
                roles.audit(
                        guildId,
                        "⚠️ I can't read the chain right now (RPC errors). Roles are kept exactly as "
                                + "they are until reads work again; nobody loses a role because of this.");
            }
        } else {
            failures.remove(guildId);
            if (alerted.remove(guildId)) {
                roles.audit(guildId, "✅ Chain reads work again; roles are following holdings again.");
            }
        }
    }
}
