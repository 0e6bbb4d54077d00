package dev.lorekeeper.gate;

/**
 * Why a sync runs. It decides where its changes join the role outbox and how the audit channel hears of them: a
 * member waiting on their own change must not wait behind a server-wide backlog of thousands.
 */
public enum SyncKind {
    /** One member, now: they verified, joined, were resynced alone, or a transfer of theirs was seen. */
    INTERACTIVE(0, "Change"),
    SWEEP(1, "Sweep"),
    RESYNC(1, "Resync"),
    NEW_GATE(1, "New gate");

    /** Outbox priority: lower drains first. */
    final int priority;

    private final String label;

    SyncKind(int priority, String label) {
        this.priority = priority;
        this.label = label;
    }

    /** Bulk changes queue behind interactive ones and are audited as one summary per sync. */
    public boolean bulk() {
        return priority > 0;
    }

    /** How an audit summary names the sync ("Resync of @Role: …"). */
    public String label() {
        return label;
    }
}
