package dev.lorekeeper.gate;

import dev.lorekeeper.wallet.WalletLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Desired roles against actual roles, as a pure function: the verdicts, the roles each member has now, and the
 * roles that must not be touched go in; the changes come out. A role is wanted when any of its gates says yes, and
 * kept as it is when none says yes and one is unknown, so a failed read never removes a role.
 */
final class SyncPlanner {
    private SyncPlanner() {}

    /**
     * The roles each member has now: a member absent from {@code current} is not in the server (nothing to do), one
     * in {@code unreadable} could not be read (kept as they are, counted as unknown).
     */
    record ActualRoles(Map<Long, Set<Long>> current, Set<Long> unreadable) {}

    static SyncPlan plan(
            List<MemberWallets> members,
            Map<MemberWallets, Map<Gate, Evaluation>> verdicts,
            ActualRoles actual,
            Set<Long> untouchable) {
        List<SyncPlan.Change> changes = new ArrayList<>();
        int unknown = 0;
        for (MemberWallets m : members) {
            if (actual.unreadable().contains(m.memberId())) {
                unknown++;
                continue;
            }
            Set<Long> has = actual.current().get(m.memberId());
            if (has == null) {
                continue;
            }
            Map<Long, Desire> desired = desired(verdicts.getOrDefault(m, Map.of()));
            if (desired.values().stream().anyMatch(d -> d.truth() == Truth.UNKNOWN)) {
                unknown++;
            }
            for (Map.Entry<Long, Desire> e : desired.entrySet()) {
                if (untouchable.contains(e.getKey())) {
                    continue;
                }
                boolean holds = has.contains(e.getKey());
                Truth want = e.getValue().truth();
                if (want == Truth.TRUE && !holds || want == Truth.FALSE && holds) {
                    changes.add(new SyncPlan.Change(
                            m.memberId(),
                            e.getKey(),
                            want == Truth.TRUE,
                            e.getValue().reason() + wallet(m)));
                }
            }
        }
        return new SyncPlan(members.size(), unknown, changes);
    }

    private record Desire(Truth truth, String reason) {}

    private static Map<Long, Desire> desired(Map<Gate, Evaluation> verdicts) {
        Map<Long, Desire> out = new LinkedHashMap<>();
        verdicts.forEach((g, e) -> out.merge(
                g.roleId(),
                new Desire(e.truth(), g.name()),
                (a, b) -> a.truth() == Truth.TRUE
                        ? a
                        : b.truth() == Truth.TRUE ? b : a.truth() == Truth.UNKNOWN ? a : b));
        return out;
    }

    private static String wallet(MemberWallets m) {
        return m.addresses().isEmpty()
                ? " — no linked wallet"
                : " — wallet " + WalletLink.shorten(m.addresses().get(0))
                        + (m.addresses().size() > 1 ? " +" + (m.addresses().size() - 1) : "");
    }
}
