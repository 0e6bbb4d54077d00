package dev.lorekeeper.gate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lorekeeper.chain.DelegationReader;
import dev.lorekeeper.settings.GuildSettingsService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cold wallets delegated to members' verified wallets (delegate.xyz v2), where the server counts them, and the
 * reverse map that lets a transfer from a cold wallet re-evaluate the member it counts for. The reverse map is
 * bounded: an entry lost to eviction only delays that member to the next sweep.
 */
public final class ColdWallets {
    static final int REMEMBERED = 200_000;

    private final DelegationReader delegations;
    private final GuildSettingsService settings;
    private final Cache<String, Set<MemberKey>> byColdWallet = Caffeine.newBuilder()
            .maximumSize(REMEMBERED)
            .expireAfterAccess(Duration.ofDays(2))
            .build();

    public ColdWallets(DelegationReader delegations, GuildSettingsService settings) {
        this.delegations = delegations;
        this.settings = settings;
    }

    /** Members whose delegated cold wallets include this address. */
    public Set<MemberKey> membersDelegatedFrom(String address) {
        Set<MemberKey> members = byColdWallet.getIfPresent(address.toLowerCase(Locale.ROOT));
        return members == null ? Set.of() : Set.copyOf(members);
    }

    /**
     * The members with their delegated cold wallets on the gates' chains; where the registry could not be read, the
     * member is marked incomplete on that chain (their verdicts there become unknown, never "no").
     */
    List<MemberWallets> withDelegations(long guildId, List<MemberWallets> members, List<Gate> gates) {
        if (!settings.of(guildId).delegation()) {
            return members;
        }
        Set<String> gateChains = new LinkedHashSet<>();
        gates.forEach(g -> g.rule().requirements().forEach(r -> gateChains.add(r.chain())));
        List<String> hot = members.stream().flatMap(m -> m.addresses().stream()).toList();
        Map<String, List<DelegationReader.Delegation>> byHot = new HashMap<>();
        Map<String, Set<String>> unreadChainsByHot = new HashMap<>();
        for (String chain : gateChains) {
            DelegationReader.Incoming incoming = delegations.incoming(chain, hot);
            incoming.byHot()
                    .forEach((h, list) -> byHot.computeIfAbsent(h.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .addAll(list));
            incoming.unknown()
                    .forEach(h -> unreadChainsByHot
                            .computeIfAbsent(h.toLowerCase(Locale.ROOT), k -> new HashSet<>())
                            .add(chain));
        }
        List<MemberWallets> out = new ArrayList<>();
        for (MemberWallets m : members) {
            List<DelegationReader.Delegation> delegated = new ArrayList<>();
            Set<String> unread = new HashSet<>();
            for (String a : m.addresses()) {
                delegated.addAll(byHot.getOrDefault(a.toLowerCase(Locale.ROOT), List.of()));
                unread.addAll(unreadChainsByHot.getOrDefault(a.toLowerCase(Locale.ROOT), Set.of()));
            }
            out.add(new MemberWallets(guildId, m.memberId(), m.addresses(), delegated, unread));
        }
        return out;
    }

    /** Remembers which cold wallets count for whom, after a real sync (a dry run changes nothing). */
    void remember(List<MemberWallets> members) {
        for (MemberWallets m : members) {
            m.delegated()
                    .forEach(d -> byColdWallet
                            .get(d.from(), k -> ConcurrentHashMap.newKeySet())
                            .add(new MemberKey(m.guildId(), m.memberId())));
        }
    }
}
