package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import dev.lorekeeper.testing.MutableClock;
import dev.lorekeeper.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The outbox stays bounded: finished changes older than the retention are deleted, on H2 and PostgreSQL alike, while
 * what the rest of gating reads from it survives: pending and sent-but-unconfirmed changes (exactly once), and the
 * last applied change of each member and role (who holds a role from Lorekeeper).
 */
class OutboxPruningTest {
    static final long GUILD = 1;
    static final long ROLE = 100;
    static final long OTHER_ROLE = 200;
    static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    static final Duration RETENTION = Duration.ofDays(7);

    static Stream<TestDatabases.Kind> kinds() {
        return TestDatabases.both();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void doneRowsPastTheRetentionGoAndWhatGatingStillReadsStays(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(T0);
            RoleOutbox outbox = new RoleOutbox(db, clock);
            Steps s = new Steps(db, outbox, clock);

            long holds = s.finished(10, ROLE, true, "applied");
            long addThenRemoved = s.finished(11, ROLE, true, "applied");
            clock.advance(Duration.ofHours(1));
            long removed = s.finished(11, ROLE, false, "applied");
            long left = s.finished(12, ROLE, true, "member not in server");
            long superseded = s.queue(13, OTHER_ROLE, true);
            long pendingRemove = s.queue(13, OTHER_ROLE, false); // supersedes the add
            long unconfirmed = s.queue(14, ROLE, true);
            assertThat(outbox.markSent(unconfirmed)).isTrue();
            clock.advance(Duration.ofDays(7));
            long recent = s.finished(15, ROLE, true, "forbidden: role above the bot's highest role");
            clock.advance(Duration.ofHours(2));

            Map<Long, Optional<Set<Long>>> recorded = s.recordedRoles(10, 11, 12, 13, 14, 15);
            new OutboxPruning(outbox, RETENTION, clock).run();

            assertThat(s.ids())
                    .containsExactlyInAnyOrder(holds, removed, pendingRemove, unconfirmed, recent)
                    .doesNotContain(addThenRemoved, left, superseded);
            assertThat(s.recordedRoles(10, 11, 12, 13, 14, 15))
                    .as("the roles Lorekeeper last applied read the same after pruning")
                    .isEqualTo(recorded);
            assertThat(OutboxHistory.members(db, GUILD))
                    .as("the sweep still finds members holding a role from us, and the pending ones")
                    .containsExactlyInAnyOrder(10L, 14L, 15L);
            assertThat(outbox.pendingCount()).isEqualTo(2);
            assertThat(outbox.due(GUILD, 10)).extracting(RoleChange::id).containsExactly(pendingRemove, unconfirmed);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aLargeBacklogIsPrunedInChunksUntilNoneIsLeft(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            MutableClock clock = new MutableClock(T0);
            RoleOutbox outbox = new RoleOutbox(db, clock);
            Steps s = new Steps(db, outbox, clock);
            for (long member = 1; member <= 7; member++) {
                s.finished(member, ROLE, true, "member not in server");
            }
            clock.advance(RETENTION.plusMinutes(1));
            assertThat(outbox.pruneDoneBefore(clock.instant().minus(RETENTION), 2))
                    .isEqualTo(7);
            assertThat(s.ids()).isEmpty();
            assertThat(outbox.pruneDoneBefore(clock.instant(), 2)).isZero();
        }
    }

    /** Queues and finishes changes through the outbox itself, at the clock's time. */
    record Steps(Database db, RoleOutbox outbox, MutableClock clock) {
        long queue(long member, long role, boolean add) {
            db.inTransaction(c ->
                    RoleOutbox.enqueue(c, GUILD, member, role, add, "test", SyncKind.INTERACTIVE, clock.instant()));
            return outbox.due(GUILD, 1000).stream()
                    .filter(c -> c.memberId() == member && c.roleId() == role && c.add() == add)
                    .findFirst()
                    .orElseThrow()
                    .id();
        }

        long finished(long member, long role, boolean add, String outcome) {
            long id = queue(member, role, add);
            outbox.done(id, outcome);
            return id;
        }

        List<Long> ids() {
            return db.withConnection(c -> Jdbc.list(c, "SELECT id FROM role_outbox", rs -> rs.getLong(1)));
        }

        Map<Long, Optional<Set<Long>>> recordedRoles(long... members) {
            RecordedRoles roles = new RecordedRoles(db);
            Map<Long, Optional<Set<Long>>> out = new LinkedHashMap<>();
            for (long m : members) {
                out.put(m, roles.rolesOf(GUILD, m));
            }
            return out;
        }
    }
}
