package dev.lorekeeper.gate;

import dev.lorekeeper.chain.DelegationReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A member's linked wallets, plus cold wallets delegated to them (delegate.xyz): a delegation for all contracts
 * counts everywhere on its chain, a contract delegation only for that contract.
 */
public record MemberWallets(
        long guildId,
        long memberId,
        List<String> addresses,
        List<DelegationReader.Delegation> delegated,
        Set<String> delegationsUnreadOn) {
    public MemberWallets {
        addresses = List.copyOf(addresses);
        delegated = List.copyOf(delegated);
        delegationsUnreadOn = Set.copyOf(delegationsUnreadOn);
    }

    public MemberWallets(long guildId, long memberId, List<String> addresses) {
        this(guildId, memberId, addresses, List.of(), Set.of());
    }

    /** Whether cold wallets may be missing on this chain because the delegation registry could not be read. */
    public boolean incompleteOn(String chain) {
        return delegationsUnreadOn.contains(chain);
    }

    /** The wallets whose holdings count for a requirement on this chain and contract (null: native coin). */
    public List<String> walletsFor(String chain, String contract) {
        if (delegated.isEmpty()) {
            return addresses;
        }
        List<String> out = new ArrayList<>(addresses);
        for (DelegationReader.Delegation d : delegated) {
            boolean applies = d.chain().equals(chain)
                    && (d.contract() == null || contract != null && d.contract().equalsIgnoreCase(contract));
            if (applies && out.stream().noneMatch(a -> a.equalsIgnoreCase(d.from()))) {
                out.add(d.from());
            }
        }
        return out;
    }
}
