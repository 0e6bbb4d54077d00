package dev.lorekeeper.gate;

import dev.lorekeeper.config.ConfigProblem;
import dev.lorekeeper.chain.DelegationReader;
import dev.lorekeeper.config.GateConfig;
import dev.lorekeeper.config.GuildSettingsService;
import dev.lorekeeper.config.RuleSpec;
import dev.lorekeeper.config.RuleSpecValidator;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.wallet.WalletLink;
import dev.lorekeeper.wallet.WalletLinkListener;
import dev.lorekeeper.wallet.WalletLinks;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gates per server (from the config file and from /gate add), and role sync: evaluate members, compare desired
 * with actual roles, and queue the difference in the role outbox in one transaction. Only roles that some gate
 * manages are ever touched, and a requirement that could not be read never removes a role.
 */
public final class GateService implements WalletLinkListener {
    static final int SYNC_BATCH = 200;
    static final int COLD_WALLETS = 200_000;
    /** The gates table stores names in a VARCHAR(100). */
    public static final int MAX_NAME = 100;
    private static final Logger log = LoggerFactory.getLogger(GateService.class);

    private final GateStore store;
    private final List<GateConfig> configGates;
    private final Set<String> chains;
    private final GateEvaluator evaluator;
    private final WalletLinks links;
    private final Database db;
    private final RoleOps roles;
    private final ChainHealth health;
    private final Clock clock;
    private final DelegationReader delegations;
    private final GuildSettingsService settings;
    /**
     * Cold wallet → members it counts for, so a transfer from a cold wallet re-evaluates its delegate. Bounded: an
     * entry lost to eviction only delays that member to the next sweep.
     */
    private final Set<String> reportedBadGates = ConcurrentHashMap.newKeySet();
    private final Cache<String, Set<MemberKey>> coldWallets = Caffeine.newBuilder().maximumSize(COLD_WALLETS)
            .expireAfterAccess(Duration.ofDays(2)).build();

    public GateService(GateStore store, List<GateConfig> configGates, Set<String> chains, GateEvaluator evaluator,
            WalletLinks links, Database db, RoleOps roles, ChainHealth health, Clock clock,
            DelegationReader delegations, GuildSettingsService settings) {
        this.store = store;
        this.configGates = List.copyOf(configGates);
        this.chains = Set.copyOf(chains);
        this.evaluator = evaluator;
        this.links = links;
        this.db = db;
        this.roles = roles;
        this.health = health;
        this.clock = clock;
        this.delegations = delegations;
        this.settings = settings;
    }

    /** Members whose delegated cold wallets include this address. */
    public Set<MemberKey> membersDelegatedFrom(String address) {
        Set<MemberKey> members = coldWallets.getIfPresent(address.toLowerCase(Locale.ROOT));
        return members == null ? Set.of() : Set.copyOf(members);
    }

    public List<Gate> gates(long guildId) {
        List<Gate> out = new ArrayList<>();
        for (GateConfig g : configGates) {
            if (Long.parseLong(g.guildId()) == guildId) {
                usable("config gate " + g.name(), g.rule()).ifPresent(rule -> out.add(new Gate(null, guildId,
                        Long.parseLong(g.roleId()), g.name() == null ? "gate" : g.name(), rule)));
            }
        }
        store.inGuild(guildId).forEach(s -> usable("gate #" + s.id(), s.rule()).ifPresent(rule -> out.add(
                new Gate(s.id(), s.guildId(), s.roleId(), s.name(), rule))));
        return out;
    }

    /**
     * A stored rule compiled, or empty when it no longer passes validation (stored before a bound existed): one bad
     * gate is skipped and reported, never a failure of the whole server's sync.
     */
    private Optional<Rule> usable(String label, RuleSpec spec) {
        List<ConfigProblem> problems = new RuleSpecValidator(chains).validate(spec, "rule");
        try {
            if (problems.isEmpty()) {
                return Optional.of(RuleCompiler.compile(spec));
            }
        } catch (RuntimeException e) {
            problems = List.of(new ConfigProblem("rule", e.toString()));
        }
        if (reportedBadGates.add(label + problems)) {
            log.warn("{} is skipped until it is fixed: {}", label, problems);
        }
        return Optional.empty();
    }

    public Set<Long> guildsWithGates() {
        Set<Long> out = new LinkedHashSet<>();
        configGates.forEach(g -> out.add(Long.parseLong(g.guildId())));
        store.all().forEach(s -> out.add(s.guildId()));
        return out;
    }

    /** Every contract some gate reads, per chain (for the chain watcher). */
    public Map<String, Set<String>> watchedContracts() {
        Map<String, Set<String>> out = new HashMap<>();
        for (long guild : guildsWithGates()) {
            for (Gate g : gates(guild)) {
                for (Rule.Requirement r : g.rule().requirements()) {
                    contractOf(r).ifPresent(c -> out.computeIfAbsent(r.chain(), k -> new LinkedHashSet<>())
                            .add(c.toLowerCase(Locale.ROOT)));
                }
            }
        }
        return out;
    }

    /** ERC-721 contracts whose rules need holders' token lists (traits, large ranges): owner index candidates. */
    public Map<String, Set<String>> contractsNeedingTokenLists() {
        Map<String, Set<String>> out = new HashMap<>();
        for (long guild : guildsWithGates()) {
            for (Gate g : gates(guild)) {
                for (Rule.Requirement r : g.rule().requirements()) {
                    if (r instanceof Rule.Erc721 e && e.needsTokenList()) {
                        out.computeIfAbsent(e.chain(), k -> new LinkedHashSet<>())
                                .add(e.contract().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return out;
    }

    /** Every problem with a new gate's rule and name, each naming its field; empty when it can be added. */
    public List<String> problems(RuleSpec rule, String name) {
        List<String> out = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            out.add("name: must be 1 to " + MAX_NAME + " characters (it has " + (name == null ? 0 : name.length())
                    + ")");
        }
        new RuleSpecValidator(chains).validate(rule, "rule").forEach(p -> out.add(p.toString()));
        if (out.isEmpty() && GateStore.toJson(rule).length() > GateStore.MAX_RULE_JSON) {
            out.add("rule: is longer than " + GateStore.MAX_RULE_JSON + " characters once stored; split it into "
                    + "several gates");
        }
        return out;
    }

    /** Adds a gate after checking its rule and name; the message lists every problem. */
    public long addGate(long guildId, long roleId, String name, RuleSpec rule, long actorId) {
        List<String> problems = problems(rule, name);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return store.add(guildId, roleId, name, rule, actorId);
    }

    public boolean removeGate(long guildId, long id, long actorId) {
        return store.remove(guildId, id, actorId);
    }

    /** A member's verdict for each gate, with numbers, without changing anything. */
    public Map<Gate, Evaluation> test(long guildId, long memberId) {
        MemberWallets m = new MemberWallets(guildId, memberId, addresses(guildId, memberId));
        return evaluator.evaluate(List.of(m), gates(guildId)).get(m);
    }

    @Override
    public List<String> walletsChanged(long guildId, long memberId) {
        return sync(guildId, List.of(memberId), n -> { }).addedRoleNames();
    }

    public SyncOutcome memberJoined(long guildId, long memberId) {
        return sync(guildId, List.of(memberId), n -> { });
    }

    /**
     * The periodic sweep: every server with gates, each on its own, so that one failing server (a bad gate, a
     * Discord error) is reported and skipped instead of ending the sweep for all the servers after it.
     */
    public void sweepAll() {
        for (long guild : guildsWithGates()) {
            try {
                sync(guild, sweepableMembers(guild), n -> { });
            } catch (RuntimeException e) {
                log.warn("sweep of guild {} failed, continuing with the next: {}", guild, e.toString());
            }
        }
    }

    /** Every member who has a wallet here or ever had a gated role from us. */
    public List<Long> sweepableMembers(long guildId) {
        Set<Long> members = new LinkedHashSet<>();
        links.inGuild(guildId).forEach(l -> members.add(l.memberId()));
        members.addAll(OutboxHistory.members(db, guildId));
        return new ArrayList<>(members);
    }

    /** Re-evaluates members in batches; {@code progress} hears the running totals after each batch. */
    public SyncOutcome sync(long guildId, List<Long> memberIds, Consumer<SyncReport> progress) {
        List<Gate> gates = gates(guildId);
        if (gates.isEmpty()) {
            return new SyncOutcome(new SyncReport(memberIds.size(), 0, 0, 0), List.of());
        }
        SyncReport total = SyncReport.empty();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < memberIds.size(); i += SYNC_BATCH) {
            List<Long> batch = memberIds.subList(i, Math.min(memberIds.size(), i + SYNC_BATCH));
            SyncOutcome o = syncBatch(guildId, batch, gates);
            total = total.plus(o.report());
            added.addAll(o.addedRoleNames());
            progress.accept(total);
        }
        return new SyncOutcome(total, added);
    }

    private SyncOutcome syncBatch(long guildId, List<Long> memberIds, List<Gate> gates) {
        Plan plan = plan(guildId, memberIds, gates);
        Instant now = clock.instant();
        List<PlannedChange> queued = db.inTransaction(c -> {
            List<PlannedChange> q = new ArrayList<>();
            for (PlannedChange p : plan.changes()) {
                if (RoleOutbox.enqueue(c, guildId, p.memberId(), p.roleId(), p.add(), p.reason(), now)) {
                    q.add(p);
                }
            }
            return q;
        });
        List<String> addedNames = queued.stream().filter(PlannedChange::add)
                .map(p -> roles.roleName(guildId, p.roleId())).toList();
        int adds = (int) queued.stream().filter(PlannedChange::add).count();
        return new SyncOutcome(new SyncReport(plan.checked(), adds, queued.size() - adds, plan.unknown()),
                addedNames);
    }

    /** What a sync would change, without changing anything (also behind {@code lorekeeper sweep --dry-run}). */
    public Plan plan(long guildId, List<Long> memberIds) {
        return plan(guildId, memberIds, gates(guildId));
    }

    private Plan plan(long guildId, List<Long> memberIds, List<Gate> gates) {
        Map<Long, List<String>> wallets = new HashMap<>();
        for (WalletLink l : links.inGuild(guildId)) {
            wallets.computeIfAbsent(l.memberId(), k -> new ArrayList<>()).add(l.address());
        }
        List<MemberWallets> members = withDelegations(guildId, memberIds.stream()
                .map(id -> new MemberWallets(guildId, id, wallets.getOrDefault(id, List.of()))).toList(), gates);
        // Roles that must not be touched now are left out of the plan, in both directions.
        Set<Long> untouchable = new HashSet<>();
        gates.stream().map(Gate::roleId).distinct().filter(r -> roles.refusal(guildId, r).isPresent())
                .forEach(untouchable::add);
        Map<MemberWallets, Map<Gate, Evaluation>> verdicts = evaluator.evaluate(members, gates);
        health.observe(guildId, verdicts.values());
        List<PlannedChange> changes = new ArrayList<>();
        int unknown = 0;
        for (MemberWallets m : members) {
            Optional<Set<Long>> actual;
            try {
                actual = roles.rolesOf(guildId, m.memberId());
            } catch (RuntimeException e) {
                unknown++; // the member's roles could not be read: change nothing for them this time
                continue;
            }
            if (actual.isEmpty()) {
                continue;
            }
            Map<Long, Desire> desired = desired(verdicts.get(m));
            if (desired.values().stream().anyMatch(d -> d.truth() == Truth.UNKNOWN)) {
                unknown++;
            }
            for (Map.Entry<Long, Desire> e : desired.entrySet()) {
                if (untouchable.contains(e.getKey())) {
                    continue;
                }
                boolean has = actual.get().contains(e.getKey());
                Truth want = e.getValue().truth();
                if (want == Truth.TRUE && !has || want == Truth.FALSE && has) {
                    changes.add(new PlannedChange(m.memberId(), e.getKey(), want == Truth.TRUE,
                            e.getValue().reason() + wallet(m)));
                }
            }
        }
        return new Plan(members.size(), unknown, changes);
    }

    /** Adds delegated cold wallets when the server counts them (delegate.xyz v2). */
    private List<MemberWallets> withDelegations(long guildId, List<MemberWallets> members, List<Gate> gates) {
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
            incoming.byHot().forEach((h, list) -> byHot.computeIfAbsent(h.toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).addAll(list));
            incoming.unknown().forEach(h -> unreadChainsByHot.computeIfAbsent(h.toLowerCase(Locale.ROOT),
                    k -> new HashSet<>()).add(chain));
        }
        List<MemberWallets> out = new ArrayList<>();
        for (MemberWallets m : members) {
            List<DelegationReader.Delegation> delegated = new ArrayList<>();
            Set<String> unread = new HashSet<>();
            for (String a : m.addresses()) {
                delegated.addAll(byHot.getOrDefault(a.toLowerCase(Locale.ROOT), List.of()));
                unread.addAll(unreadChainsByHot.getOrDefault(a.toLowerCase(Locale.ROOT), Set.of()));
            }
            delegated.forEach(d -> coldWallets.get(d.from(), k -> ConcurrentHashMap.newKeySet())
                    .add(new MemberKey(guildId, m.memberId())));
            out.add(new MemberWallets(guildId, m.memberId(), m.addresses(), delegated, unread));
        }
        return out;
    }

    /** A member in a server. */
    public record MemberKey(long guildId, long memberId) {
    }

    /** A role is wanted if any of its gates says yes; kept as it is if none says yes and one is unknown. */
    private static Map<Long, Desire> desired(Map<Gate, Evaluation> verdicts) {
        Map<Long, Desire> out = new LinkedHashMap<>();
        verdicts.forEach((g, e) -> out.merge(g.roleId(), new Desire(e.truth(), g.name()),
                (a, b) -> a.truth() == Truth.TRUE ? a : b.truth() == Truth.TRUE ? b
                        : a.truth() == Truth.UNKNOWN ? a : b));
        return out;
    }

    private static String wallet(MemberWallets m) {
        return m.addresses().isEmpty() ? " — no linked wallet" : " — wallet " + WalletLink.shorten(m.addresses().get(0))
                + (m.addresses().size() > 1 ? " +" + (m.addresses().size() - 1) : "");
    }

    private List<String> addresses(long guildId, long memberId) {
        return links.of(guildId, memberId).stream().map(WalletLink::address).toList();
    }

    private static Optional<String> contractOf(Rule.Requirement r) {
        if (r instanceof Rule.Erc721 e) {
            return Optional.of(e.contract());
        }
        if (r instanceof Rule.Erc1155 e) {
            return Optional.of(e.contract());
        }
        if (r instanceof Rule.Erc20 e) {
            return Optional.of(e.contract());
        }
        return Optional.empty();
    }

    private record Desire(Truth truth, String reason) {
    }

    /** One role change a sync decided on, and why. */
    public record PlannedChange(long memberId, long roleId, boolean add, String reason) {
    }

    /** A sync's decisions before anything is queued. */
    public record Plan(int checked, int unknown, List<PlannedChange> changes) {
    }

    /** A sync's report, and the names of roles it queued to add (shown to a member who just verified). */
    public record SyncOutcome(SyncReport report, List<String> addedRoleNames) {
    }
}
