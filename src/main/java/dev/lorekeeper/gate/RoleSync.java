package dev.lorekeeper.gate;

import dev.lorekeeper.chain.ChainReader;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.wallet.WalletLink;
import dev.lorekeeper.wallet.WalletLinkListener;
import dev.lorekeeper.wallet.WalletLinks;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Role sync: evaluate members against their server's gates, read their roles, plan the difference and queue it in
 * the role outbox in one transaction. Only roles some gate manages are ever touched, and a requirement that could
 * not be read never removes a role.
 */
public final class RoleSync implements WalletLinkListener {
    /**
     * Members evaluated together: their chain reads share Multicall3 batches and their wallets and recorded roles
     * are read in one query each.
     */
    static final int BATCH = 1000;

    /** Above this many members a sync reads all their roles up front in one bulk read (a sweep). */
    static final int BULK_ROLES_FROM = 1000;

    /** Batches read at the same time: the node answers several requests at once, on a small machine too. */
    static final int BATCHES_AHEAD = 2;

    private static final Logger log = LoggerFactory.getLogger(RoleSync.class);

    private final GateCatalog catalog;
    private final GateEvaluator evaluator;
    private final ColdWallets coldWallets;
    private final WalletLinks links;
    private final Database db;
    private final RoleOps roles;
    private final ChainHealth health;
    private final PaceEstimate pace;
    private final Clock clock;
    private final Executor ahead;

    /**
     * {@code ahead} reads the next batch's wallets while the current batch waits for the chain; it must not be an
     * executor whose threads run syncs themselves (a sync would wait for work queued behind it).
     */
    public RoleSync(
            GateCatalog catalog,
            GateEvaluator evaluator,
            ColdWallets coldWallets,
            WalletLinks links,
            Database db,
            RoleOps roles,
            ChainHealth health,
            PaceEstimate pace,
            Clock clock,
            Executor ahead) {
        this.catalog = catalog;
        this.evaluator = evaluator;
        this.coldWallets = coldWallets;
        this.links = links;
        this.db = db;
        this.roles = roles;
        this.health = health;
        this.pace = pace;
        this.clock = clock;
        this.ahead = ahead;
    }

    /** What a sync did, and the names of roles it queued to add (shown to a member who just verified). */
    public record Outcome(SyncReport report, List<String> addedRoleNames) {}

    /** The outbox's pace, for plans and estimates shown to moderators. */
    public PaceEstimate pace() {
        return pace;
    }

    /** A member's verdict for each gate, with numbers, without changing anything. */
    public Map<Gate, Evaluation> test(long guildId, long memberId) {
        return test(
                guildId,
                memberId,
                links.of(guildId, memberId).stream().map(WalletLink::address).toList());
    }

    /**
     * One wallet's verdict for each gate, as if a member had linked only it (cold wallets delegated to it count when
     * the server counts delegations), without changing anything.
     */
    public Map<Gate, Evaluation> testWallet(long guildId, String address) {
        return test(guildId, 0, List.of(address));
    }

    private Map<Gate, Evaluation> test(long guildId, long memberId, List<String> addresses) {
        List<Gate> gates = catalog.gates(guildId);
        MemberWallets m = coldWallets
                .withDelegations(guildId, List.of(new MemberWallets(guildId, memberId, addresses)), gates)
                .get(0);
        return evaluator.evaluate(List.of(m), gates).get(m);
    }

    @Override
    public List<String> walletsChanged(long guildId, long memberId) {
        return sync(guildId, List.of(memberId), SyncKind.INTERACTIVE, n -> {}).addedRoleNames();
    }

    public Outcome memberJoined(long guildId, long memberId) {
        return sync(guildId, List.of(memberId), SyncKind.INTERACTIVE, n -> {});
    }

    /**
     * The periodic sweep: every server with gates, each on its own, so that one failing server (a bad gate, a
     * Discord error) is reported and skipped instead of ending the sweep for all the servers after it.
     */
    public void sweepAll() {
        for (long guild : catalog.guildsWithGates()) {
            try {
                SyncReport r = sync(guild, sweepableMembers(guild), SyncKind.SWEEP, n -> {})
                        .report();
                swept.put(guild, new Sweep(clock.instant(), r.checked(), null));
            } catch (RuntimeException e) {
                log.warn("sweep of guild {} failed, continuing with the next: {}", guild, e.toString());
                swept.put(guild, new Sweep(clock.instant(), 0, e.getClass().getSimpleName()));
            }
        }
    }

    /** How a server's last sweep in this process ended: when, members checked, and the error if it failed. */
    public record Sweep(Instant finishedAt, int checked, String failure) {}

    private final Map<Long, Sweep> swept = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The server's last sweep run by this process (the sweep runs on the process holding its lease), or empty when
     * this process has not swept it since it started.
     */
    public Optional<Sweep> lastSweep(long guildId) {
        return Optional.ofNullable(swept.get(guildId));
    }

    /** Every member who has a wallet here or ever had a gated role from us. */
    public List<Long> sweepableMembers(long guildId) {
        Set<Long> members = new LinkedHashSet<>();
        links.inGuild(guildId).forEach(l -> members.add(l.memberId()));
        members.addAll(OutboxHistory.members(db, guildId));
        return new ArrayList<>(members);
    }

    /**
     * Re-evaluates members in batches; {@code progress} hears the running totals after each batch. A bulk sync's
     * changes queue behind interactive ones, and the audit channel gets one summary of them when it ends.
     */
    public Outcome sync(long guildId, List<Long> memberIds, SyncKind kind, Consumer<SyncReport> progress) {
        List<Gate> gates = catalog.gates(guildId);
        if (gates.isEmpty()) {
            return new Outcome(new SyncReport(memberIds.size(), 0, 0, 0), List.of());
        }
        SyncReport total = SyncReport.empty();
        List<String> added = new ArrayList<>();
        BulkAudit audit = new BulkAudit(kind);
        // A sweep reads every member's roles once (one member list from Discord) rather than batch by batch.
        CompletableFuture<RoleOps.Roles> upFront = memberIds.size() > BULK_ROLES_FROM
                ? CompletableFuture.supplyAsync(() -> roles.rolesOf(guildId, memberIds), ahead)
                : null;
        // The next batches are read (wallets, then the chain) while this one is planned and queued, so the node,
        // the database and this process work at the same time rather than in turn.
        Deque<CompletableFuture<Evaluated>> reading = new ArrayDeque<>();
        Executor readOn = memberIds.size() <= BATCH ? Runnable::run : ahead; // one batch: no thread hop for it
        ChainReader.Keep keep = kind.bulk() ? ChainReader.Keep.SHARED_ONLY : ChainReader.Keep.ALL;
        int nextFrom = 0;
        try {
            while (nextFrom < memberIds.size() || !reading.isEmpty()) {
                while (nextFrom < memberIds.size() && reading.size() < BATCHES_AHEAD) {
                    List<Long> batch = batch(memberIds, nextFrom);
                    reading.add(CompletableFuture.supplyAsync(() -> evaluated(guildId, batch, gates, keep), readOn));
                    nextFrom += BATCH;
                }
                Evaluated e = joined(reading.poll());
                coldWallets.remember(e.members());
                health.observe(guildId, e.verdicts().values());
                SyncPlanner.ActualRoles actual;
                if (upFront == null) {
                    actual = actualRoles(guildId, e.batch());
                } else {
                    RoleOps.Roles r = joined(upFront);
                    actual = new SyncPlanner.ActualRoles(r.current(), r.unreadable());
                }
                SyncPlan plan = SyncPlanner.plan(e.members(), e.verdicts(), actual, untouchable(guildId, gates));
                List<SyncPlan.Change> queued = queue(guildId, plan, kind);
                audit.count(queued);
                Outcome o = outcome(guildId, plan, queued);
                total = total.plus(o.report());
                added.addAll(o.addedRoleNames());
                progress.accept(total);
            }
        } finally {
            reading.forEach(r -> r.cancel(false));
            if (kind.bulk()) {
                audit.message(pace).ifPresent(m -> roles.audit(guildId, m));
            }
        }
        return new Outcome(total, added);
    }

    /** One batch's members with their wallets, and their verdicts for every gate. */
    private record Evaluated(
            List<Long> batch, List<MemberWallets> members, Map<MemberWallets, Map<Gate, Evaluation>> verdicts) {}

    private static List<Long> batch(List<Long> memberIds, int from) {
        return memberIds.subList(from, Math.min(memberIds.size(), from + BATCH));
    }

    private Evaluated evaluated(long guildId, List<Long> batch, List<Gate> gates, ChainReader.Keep keep) {
        List<MemberWallets> members = coldWallets.withDelegations(guildId, wallets(guildId, batch), gates);
        return new Evaluated(batch, members, evaluator.evaluate(members, gates, keep));
    }

    /** The value, or the read's own exception (a failed read must reach the caller as itself). */
    private static <T> T joined(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** What a sync would change, changing nothing (behind {@code lorekeeper sweep --dry-run}). */
    public SyncPlan plan(long guildId, List<Long> memberIds) {
        List<Gate> gates = catalog.gates(guildId);
        List<MemberWallets> members = coldWallets.withDelegations(guildId, wallets(guildId, memberIds), gates);
        return SyncPlanner.plan(
                members,
                evaluator.evaluate(members, gates),
                actualRoles(guildId, memberIds),
                untouchable(guildId, gates));
    }

    private List<SyncPlan.Change> queue(long guildId, SyncPlan plan, SyncKind kind) {
        Instant now = clock.instant();
        return plan.changes().isEmpty()
                ? List.of()
                : db.inTransaction(c -> RoleOutbox.enqueueAll(c, guildId, plan.changes(), kind, now));
    }

    private Outcome outcome(long guildId, SyncPlan plan, List<SyncPlan.Change> queued) {
        List<String> addedNames = queued.stream()
                .filter(SyncPlan.Change::add)
                .map(p -> roles.roleName(guildId, p.roleId()))
                .toList();
        int adds = addedNames.size();
        return new Outcome(new SyncReport(plan.checked(), adds, queued.size() - adds, plan.unknown()), addedNames);
    }

    private List<MemberWallets> wallets(long guildId, List<Long> memberIds) {
        // Only these members' links: reading the whole server's for every batch made a sweep quadratic.
        Map<Long, List<String>> byMember = new HashMap<>();
        for (WalletLink l : links.ofMembers(guildId, memberIds)) {
            byMember.computeIfAbsent(l.memberId(), k -> new ArrayList<>()).add(l.address());
        }
        return memberIds.stream()
                .map(id -> new MemberWallets(guildId, id, byMember.getOrDefault(id, List.of())))
                .toList();
    }

    private SyncPlanner.ActualRoles actualRoles(long guildId, List<Long> memberIds) {
        RoleOps.Roles r = roles.rolesOf(guildId, memberIds);
        return new SyncPlanner.ActualRoles(r.current(), r.unreadable());
    }

    /** Roles that must not be touched now (they gained server powers, or sit above the bot), in both directions. */
    private Set<Long> untouchable(long guildId, List<Gate> gates) {
        Set<Long> out = new HashSet<>();
        gates.stream()
                .map(Gate::roleId)
                .distinct()
                .filter(r -> roles.refusal(guildId, r).isPresent())
                .forEach(out::add);
        return out;
    }
}
