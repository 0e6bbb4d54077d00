package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Desired against actual roles, without a bot, a node or Discord. */
class SyncPlannerTest {
    static final long GUILD = 1;
    static final long HOLDER = 10;
    static final long WHALE = 20;
    static final Gate HOLDERS = gate(1, HOLDER, "holders");
    static final Gate HOLDERS_TOO = gate(2, HOLDER, "other holders");
    static final Gate WHALES = gate(3, WHALE, "whales");

    static Gate gate(long id, long role, String name) {
        return new Gate(id, GUILD, role, name, new Rule.Native("anvil", BigDecimal.ONE));
    }

    static MemberWallets member(long id) {
        return new MemberWallets(GUILD, id, List.of("0x00000000000000000000000000000000000000" + (10 + id)));
    }

    static Evaluation verdict(Truth t) {
        return new Evaluation(t, List.of());
    }

    static SyncPlan plan(MemberWallets m, Map<Gate, Evaluation> verdicts, Set<Long> has, Set<Long> untouchable) {
        return SyncPlanner.plan(
                List.of(m),
                Map.of(m, verdicts),
                new SyncPlanner.ActualRoles(Map.of(m.memberId(), has), Set.of()),
                untouchable);
    }

    @Test
    void aYesGivesTheRoleAndANoTakesIt() {
        MemberWallets m = member(1);
        SyncPlan p =
                plan(m, Map.of(HOLDERS, verdict(Truth.TRUE), WHALES, verdict(Truth.FALSE)), Set.of(WHALE), Set.of());
        assertThat(p.changes())
                .extracting(SyncPlan.Change::roleId, SyncPlan.Change::add)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(HOLDER, true),
                        org.assertj.core.groups.Tuple.tuple(WHALE, false));
        assertThat(p.changes().get(0).reason()).contains("wallet 0x0000…0011");
    }

    @Test
    void unknownNeverRemovesARoleAndIsCounted() {
        MemberWallets m = member(2);
        SyncPlan p = plan(m, Map.of(HOLDERS, verdict(Truth.UNKNOWN)), Set.of(HOLDER), Set.of());
        assertThat(p.changes()).isEmpty();
        assertThat(p.unknown()).isEqualTo(1);
    }

    @Test
    void anyGateSayingYesKeepsASharedRoleEvenWhenAnotherSaysNo() {
        MemberWallets m = member(3);
        SyncPlan p = plan(
                m, Map.of(HOLDERS, verdict(Truth.FALSE), HOLDERS_TOO, verdict(Truth.TRUE)), Set.of(HOLDER), Set.of());
        assertThat(p.changes()).isEmpty();
    }

    @Test
    void aRoleThatMustNotBeTouchedIsLeftAloneBothWays() {
        MemberWallets m = member(4);
        assertThat(plan(m, Map.of(HOLDERS, verdict(Truth.TRUE)), Set.of(), Set.of(HOLDER))
                        .changes())
                .isEmpty();
        assertThat(plan(m, Map.of(HOLDERS, verdict(Truth.FALSE)), Set.of(HOLDER), Set.of(HOLDER))
                        .changes())
                .isEmpty();
    }

    @Test
    void membersWhoseRolesCouldNotBeReadOrWhoLeftAreNotChanged() {
        MemberWallets gone = member(5);
        MemberWallets unreadable = member(6);
        SyncPlan p = SyncPlanner.plan(
                List.of(gone, unreadable),
                Map.of(gone, Map.of(HOLDERS, verdict(Truth.TRUE)), unreadable, Map.of(HOLDERS, verdict(Truth.FALSE))),
                new SyncPlanner.ActualRoles(Map.of(), Set.of(unreadable.memberId())),
                Set.of());
        assertThat(p.changes()).isEmpty();
        assertThat(p.checked()).isEqualTo(2);
        assertThat(p.unknown()).isEqualTo(1);
    }

    @Test
    void onlyRolesSomeGateManagesAreEverTouched() {
        MemberWallets m = member(7);
        SyncPlan p = plan(m, Map.of(HOLDERS, verdict(Truth.TRUE)), Set.of(HOLDER, 999L), Set.of());
        assertThat(p.changes()).isEmpty();
    }
}
