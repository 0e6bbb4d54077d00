package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.TestDatabases;
import dev.lorekeeper.wallet.WalletLink;
import dev.lorekeeper.wallet.WalletLinks;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batch reads and writes a sweep makes (wallets of a thousand members, their recorded roles, their queued
 * changes) give what the one-by-one calls give, on H2 and PostgreSQL.
 */
class SweepBatchStorageTest {
    static Stream<TestDatabases.Kind> kinds() {
        return TestDatabases.both();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void queuingABatchSkipsWhatIsPendingAndSupersedesTheOpposite(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            Instant now = Instant.parse("2026-11-30T00:00:00Z");
            db.inTransaction(c -> RoleOutbox.enqueue(c, 1, 10, 100, true, "already pending", SyncKind.SWEEP, now));
            db.inTransaction(c -> RoleOutbox.enqueue(c, 1, 11, 100, false, "opposite pending", SyncKind.SWEEP, now));
            List<SyncPlan.Change> changes = List.of(
                    new SyncPlan.Change(10, 100, true, "same as pending"),
                    new SyncPlan.Change(11, 100, true, "replaces the removal"),
                    new SyncPlan.Change(12, 100, true, "new"));

            List<SyncPlan.Change> queued =
                    db.inTransaction(c -> RoleOutbox.enqueueAll(c, 1, changes, SyncKind.SWEEP, now));

            assertThat(queued).extracting(SyncPlan.Change::memberId).containsExactly(11L, 12L);
            List<RoleChange> due = new RoleOutbox(db, Clock.systemUTC()).due(10);
            assertThat(due)
                    .extracting(RoleChange::memberId, RoleChange::add)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(10L, true),
                            org.assertj.core.groups.Tuple.tuple(11L, true),
                            org.assertj.core.groups.Tuple.tuple(12L, true));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void walletsAndRecordedRolesOfManyMembersMatchTheirOneByOneReads(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            WalletLinks links = new WalletLinks(db, Clock.systemUTC());
            RoleOutbox outbox = new RoleOutbox(db, Clock.systemUTC());
            Instant now = Instant.now();
            List<Long> members = new ArrayList<>();
            for (long m = 1; m <= 1_200; m++) {
                members.add(m);
                long member = m;
                db.inTransaction(c -> links.link(c, 7, member, String.format("0x%040x", member), "eoa"));
            }
            db.inTransaction(c -> RoleOutbox.enqueue(c, 7, 5, 100, true, "holds", SyncKind.SWEEP, now));
            db.inTransaction(c -> RoleOutbox.enqueue(c, 7, 1_100, 100, true, "holds", SyncKind.SWEEP, now));
            outbox.due(10).forEach(ch -> outbox.done(ch.id(), "applied"));

            Map<Long, List<String>> batch = links.ofMembers(7, members).stream()
                    .collect(Collectors.groupingBy(
                            WalletLink::memberId, Collectors.mapping(WalletLink::address, Collectors.toList())));
            assertThat(batch).hasSize(1_200);
            assertThat(batch.get(1_150L))
                    .containsExactlyElementsOf(
                            links.of(7, 1_150).stream().map(WalletLink::address).toList());

            RecordedRoles recorded = new RecordedRoles(db);
            RoleOps.Roles roles = recorded.rolesOf(7, members);
            assertThat(roles.current()).hasSize(1_200);
            assertThat(roles.current().get(5L)).isEqualTo(Set.of(100L));
            assertThat(roles.current().get(1_100L))
                    .isEqualTo(recorded.rolesOf(7, 1_100).orElseThrow())
                    .isEqualTo(Set.of(100L));
            assertThat(roles.current().get(6L)).isEmpty();
        }
    }
}
