package dev.lorekeeper.gate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lorekeeper.config.ConfigProblem;
import dev.lorekeeper.config.GateConfig;
import dev.lorekeeper.config.RuleSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gates of every server, from the config file and from /gate add, with their rules validated and compiled.
 * Compiled gates are kept for a few seconds: the watcher asks for them every poll, and a gate added by another
 * process shows up within that time (this process's own changes at once).
 */
public final class GateCatalog {
    /** The gates table stores names in a VARCHAR(100). */
    public static final int MAX_NAME = 100;

    private static final Duration FRESH_FOR = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(GateCatalog.class);

    private final GateStore store;
    private final List<GateConfig> configGates;
    private final Set<String> chains;
    private final Cache<Long, List<Gate>> compiled = Caffeine.newBuilder()
            .expireAfterWrite(FRESH_FOR)
            .maximumSize(100_000)
            .build();
    private final Cache<String, Set<Long>> guilds =
            Caffeine.newBuilder().expireAfterWrite(FRESH_FOR).build();
    private final Set<String> reportedBadGates = ConcurrentHashMap.newKeySet();

    public GateCatalog(GateStore store, List<GateConfig> configGates, Set<String> chains) {
        this.store = store;
        this.configGates = List.copyOf(configGates);
        this.chains = Set.copyOf(chains);
    }

    public List<Gate> gates(long guildId) {
        return compiled.get(guildId, this::load);
    }

    public Set<Long> guildsWithGates() {
        return guilds.get("all", k -> {
            Set<Long> out = new LinkedHashSet<>();
            configGates.forEach(g -> out.add(Long.parseLong(g.guildId())));
            store.all().forEach(s -> out.add(s.guildId()));
            return Set.copyOf(out);
        });
    }

    /**
     * Every contract some gate reads, per chain (for the chain watcher). Read from the store each time, never from
     * the cache: a gate another process added a moment ago must be watched from the next poll on, or its first
     * transfers would fall behind the log cursor.
     */
    public Map<String, Set<String>> watchedContracts() {
        Map<String, Set<String>> out = new HashMap<>();
        Set<Long> guildIds = new LinkedHashSet<>();
        configGates.forEach(g -> guildIds.add(Long.parseLong(g.guildId())));
        store.all().forEach(s -> guildIds.add(s.guildId()));
        for (long guild : guildIds) {
            for (Gate g : load(guild)) {
                for (Rule.Requirement r : g.rule().requirements()) {
                    r.tokenContract()
                            .ifPresent(c -> out.computeIfAbsent(r.chain(), k -> new LinkedHashSet<>())
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
        if (out.isEmpty() && RuleJson.write(rule).length() > RuleJson.MAX_STORED) {
            out.add("rule: is longer than " + RuleJson.MAX_STORED + " characters once stored; split it into "
                    + "several gates");
        }
        return out;
    }

    /** Adds a gate after checking its rule and name. */
    public long add(long guildId, long roleId, String name, RuleSpec rule, long actorId) {
        List<String> problems = problems(rule, name);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        long id = store.add(guildId, roleId, name, rule, actorId);
        forget(guildId);
        return id;
    }

    /** Changes a gate after checking its rule and name, as {@link #add} does; false when there is no such gate. */
    public boolean update(long guildId, long id, long roleId, String name, RuleSpec rule, long actorId) {
        List<String> problems = problems(rule, name);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        boolean changed = store.update(guildId, id, roleId, name, rule, actorId);
        forget(guildId);
        return changed;
    }

    /** A stored gate as written (its rule before compilation), for editing. */
    public Optional<StoredGate> stored(long guildId, long id) {
        return store.inGuild(guildId).stream().filter(g -> g.id() == id).findFirst();
    }

    public boolean remove(long guildId, long id, long actorId) {
        boolean removed = store.remove(guildId, id, actorId);
        forget(guildId);
        return removed;
    }

    public Set<String> chains() {
        return chains;
    }

    private void forget(long guildId) {
        compiled.invalidate(guildId);
        guilds.invalidateAll();
    }

    private List<Gate> load(long guildId) {
        List<Gate> out = new ArrayList<>();
        for (GateConfig g : configGates) {
            if (Long.parseLong(g.guildId()) == guildId) {
                usable("config gate " + g.name(), g.rule())
                        .ifPresent(rule -> out.add(new Gate(
                                null,
                                guildId,
                                Long.parseLong(g.roleId()),
                                g.name() == null ? "gate" : g.name(),
                                rule)));
            }
        }
        store.inGuild(guildId)
                .forEach(s -> usable("gate #" + s.id(), s.rule())
                        .ifPresent(rule -> out.add(new Gate(s.id(), s.guildId(), s.roleId(), s.name(), rule))));
        return List.copyOf(out);
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
}
