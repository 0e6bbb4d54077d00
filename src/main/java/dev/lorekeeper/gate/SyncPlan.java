package dev.lorekeeper.gate;

import java.util.List;

/** A sync's decisions before anything is queued: members checked, members kept as they are, and the changes. */
public record SyncPlan(int checked, int unknown, List<Change> changes) {
    public SyncPlan {
        changes = List.copyOf(changes);
    }

    /** One role change a sync decided on, and why. */
    public record Change(long memberId, long roleId, boolean add, String reason) {}
}
