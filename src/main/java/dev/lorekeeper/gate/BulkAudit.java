package dev.lorekeeper.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit channel's view of one bulk sync: the changes it queued, counted per role, posted as one summary instead
 * of thousands of lines that would bury the channel (and spend the bot's message rate limit).
 */
final class BulkAudit {
    /** Roles listed in one summary; a server gates far fewer, and the message must stay under Discord's limit. */
    static final int MAX_ROLES = 20;

    private final SyncKind kind;
    private final Map<Long, int[]> perRole = new LinkedHashMap<>();

    BulkAudit(SyncKind kind) {
        this.kind = kind;
    }

    void count(List<SyncPlan.Change> queued) {
        for (SyncPlan.Change c : queued) {
            perRole.computeIfAbsent(c.roleId(), r -> new int[2])[c.add() ? 0 : 1]++;
        }
    }

    /** The summary, or empty when the sync queued nothing (a quiet sweep posts nothing). */
    Optional<String> message(PaceEstimate pace) {
        if (perRole.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        perRole.entrySet().stream()
                .limit(MAX_ROLES)
                .forEach(e -> lines.add("🔁 " + pace.summary(kind, e.getKey(), e.getValue()[0], e.getValue()[1])));
        if (perRole.size() > MAX_ROLES) {
            lines.add("…and " + (perRole.size() - MAX_ROLES) + " more roles");
        }
        return Optional.of(String.join("\n", lines));
    }
}
