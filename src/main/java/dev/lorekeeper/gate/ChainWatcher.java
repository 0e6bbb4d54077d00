package dev.lorekeeper.gate;

import dev.lorekeeper.FailureLog;
import dev.lorekeeper.chain.ChainReader;
import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.chain.CursorStore;
import dev.lorekeeper.chain.RpcException;
import dev.lorekeeper.chain.TransferEvent;
import dev.lorekeeper.chain.TransferLogPoller;
import dev.lorekeeper.wallet.WalletLink;
import dev.lorekeeper.wallet.WalletLinks;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Transfer logs of every gated contract: the cached reads of the affected holders are dropped and their
 * owners' roles re-evaluated, so a sale takes the role within one poll interval.
 */
public final class ChainWatcher implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ChainWatcher.class);

    private final Chains chains;
    private final CursorStore cursors;
    private final GateCatalog catalog;
    private final RoleSync sync;
    private final ColdWallets coldWallets;
    private final ChainReader reader;
    private final WalletLinks links;
    private final int confirmations;
    private final int maxRange;
    private final FailureLog failures = new FailureLog(log, Clock.systemUTC(), FailureLog.SUMMARY_EVERY);

    public ChainWatcher(
            Chains chains,
            CursorStore cursors,
            GateCatalog catalog,
            RoleSync sync,
            ColdWallets coldWallets,
            ChainReader reader,
            WalletLinks links,
            int confirmations,
            int maxRange) {
        this.chains = chains;
        this.cursors = cursors;
        this.catalog = catalog;
        this.sync = sync;
        this.coldWallets = coldWallets;
        this.reader = reader;
        this.links = links;
        this.confirmations = confirmations;
        this.maxRange = maxRange;
    }

    @Override
    public void run() {
        catalog.watchedContracts()
                .keySet()
                .forEach(chainName -> chains.byName(chainName).ifPresent(chain -> {
                    String what = "watching chain " + chainName;
                    try {
                        new TransferLogPoller(chain, cursors, confirmations, maxRange)
                                .poll(
                                        () -> catalog.watchedContracts().getOrDefault(chainName, Set.of()),
                                        batch -> handle(batch.events()));
                        failures.succeeded(what);
                    } catch (RpcException e) {
                        failures.failed(what, e.getMessage());
                    } catch (RuntimeException e) {
                        failures.failed(what, e.toString(), e);
                    }
                }));
    }

    void handle(List<TransferEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, Set<String>> holdersByContract = new HashMap<>();
        for (TransferEvent e : events) {
            Set<String> h = holdersByContract.computeIfAbsent(e.chain() + "|" + e.contract(), k -> new HashSet<>());
            h.add(e.from());
            h.add(e.to());
        }
        Map<Long, Set<Long>> membersByGuild = new HashMap<>();
        holdersByContract.forEach((key, holders) -> {
            String[] parts = key.split("\\|", 2);
            reader.invalidate(parts[0], parts[1], holders);
            for (String holder : holders) {
                for (WalletLink l : links.ofAddress(holder)) {
                    membersByGuild
                            .computeIfAbsent(l.guildId(), g -> new LinkedHashSet<>())
                            .add(l.memberId());
                }
                for (MemberKey k : coldWallets.membersDelegatedFrom(holder)) {
                    membersByGuild
                            .computeIfAbsent(k.guildId(), g -> new LinkedHashSet<>())
                            .add(k.memberId());
                }
            }
        });
        // One server whose sync fails (a bad gate, Discord unreachable there) must not stop the others; the sweep
        // re-checks it later. Only a failure before this point (the database) leaves the cursor where it was.
        membersByGuild.forEach((guild, members) -> {
            try {
                sync.sync(guild, List.copyOf(members), SyncKind.INTERACTIVE, n -> {});
            } catch (RuntimeException e) {
                log.warn(
                        "re-evaluating {} members of guild {} after transfers failed: {}",
                        members.size(),
                        guild,
                        e.toString());
            }
        });
        log.info(
                "{} transfer events re-evaluated {} members",
                events.size(),
                membersByGuild.values().stream().mapToInt(Set::size).sum());
    }
}
