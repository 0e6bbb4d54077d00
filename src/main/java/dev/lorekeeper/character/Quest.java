package dev.lorekeeper.character;

import java.time.Instant;

/** A quest as stored: its plan, the step it is on, and who is playing it. */
public record Quest(
        long id,
        long characterId,
        long guildId,
        long memberId,
        QuestPlan plan,
        int step,
        Status status,
        boolean byModel,
        int xpGained,
        Instant startedAt) {
    public enum Status {
        ACTIVE,
        COMPLETED,
        ABANDONED
    }

    public QuestPlan.Step current() {
        return plan.steps().get(Math.min(step, plan.steps().size() - 1));
    }
}
