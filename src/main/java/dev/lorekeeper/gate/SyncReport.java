package dev.lorekeeper.gate;

/** What a sync decided: members checked, role changes queued, members kept as they are because a read failed. */
public record SyncReport(int checked, int added, int removed, int unknown) {
    public SyncReport plus(SyncReport o) {
        return new SyncReport(checked + o.checked, added + o.added, removed + o.removed, unknown + o.unknown);
    }

    public static SyncReport empty() {
        return new SyncReport(0, 0, 0, 0);
    }
}
