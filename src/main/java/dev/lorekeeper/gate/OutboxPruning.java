package dev.lorekeeper.gate;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the role outbox bounded: a resync of a large server leaves tens of thousands of finished rows, and without
 * pruning every sweep would add more. Done rows older than the retention go (see {@link RoleOutbox#pruneDoneBefore}).
 */
public final class OutboxPruning implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OutboxPruning.class);

    private final RoleOutbox outbox;
    private final Duration retention;
    private final Clock clock;

    public OutboxPruning(RoleOutbox outbox, Duration retention, Clock clock) {
        this.outbox = outbox;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void run() {
        long pruned = outbox.pruneDoneBefore(clock.instant().minus(retention));
        if (pruned > 0) {
            log.info("pruned {} finished role changes older than {}", pruned, retention);
        }
    }
}
