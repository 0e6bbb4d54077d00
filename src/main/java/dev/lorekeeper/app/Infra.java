package dev.lorekeeper.app;

import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.discord.DiscordBot;
import dev.lorekeeper.discord.ReplyWorkers;
import dev.lorekeeper.settings.GuildSettingsService;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.JdbcGuildSettingsStore;
import dev.lorekeeper.store.Leases;
import dev.lorekeeper.wallet.WalletLinks;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every feature module shares, built once: the clock, the database, leases, metrics, routines, settings, the
 * chains, the model, the executors and the Discord client (not yet connected: modules hand it their listeners).
 */
record Infra(
        LorekeeperConfig config,
        Clock clock,
        Database db,
        Telemetry telemetry,
        RoutineScheduler routines,
        GuildSettingsService settings,
        GateWiring.ChainParts chain,
        WalletLinks links,
        LlmParts llm,
        ExecutorService work,
        ExecutorService chainReads,
        ExecutorService roleChanges,
        ReplyWorkers replies,
        DiscordBot discord) {

    /** Event threads for JDA; chain and model work leaves them for {@code work}, {@code chainReads}, {@code replies}. */
    static final int EVENT_THREADS = 8;

    /** Servers whose role changes are sent at the same time; each server uses one at a time. */
    static final int ROLE_CHANGE_THREADS = 4;

    static Infra build(LorekeeperConfig config, Closer closer) {
        Clock clock = Clock.systemUTC();
        Telemetry telemetry = closer.add(new Telemetry());
        Database db = closer.add(Database.open(
                config.storage().jdbcUrl(),
                config.storage().username(),
                config.storage().password(),
                config.storage().poolSize(),
                config.storage().connectTimeout().toMillis()));
        // Released after the routines stop (closed in reverse order), so nothing re-takes them.
        Leases leases = new Leases(db, clock);
        closer.add(leases::releaseAll);
        RoutineScheduler routines = closer.add(new RoutineScheduler(3, leases, telemetry.registry(), clock));
        Chains chains = GateWiring.chains(config, telemetry.rpc());
        ExecutorService work = Executors.newFixedThreadPool(2, daemon("lorekeeper-sync-"));
        closer.add(work::shutdownNow);
        // Holder checks wait for the chain on their own threads, so that a slow RPC can be given up in time.
        ExecutorService chainReads = Executors.newCachedThreadPool(daemon("lorekeeper-holder-"));
        closer.add(chainReads::shutdownNow);
        // Role requests block until Discord answers (or its rate limit lifts): servers get threads of their own.
        ExecutorService roleChanges = Executors.newFixedThreadPool(ROLE_CHANGE_THREADS, daemon("lorekeeper-roles-"));
        closer.add(roleChanges::shutdownNow);
        ReplyWorkers replies = closer.add(
                new ReplyWorkers(config.llm().workThreads(), config.llm().workQueue()));
        DiscordBot discord = closer.add(new DiscordBot(config.discord(), EVENT_THREADS, telemetry.registry(), clock));
        return new Infra(
                config,
                clock,
                db,
                telemetry,
                routines,
                new GuildSettingsService(config.guildDefaults(), new JdbcGuildSettingsStore(db, clock)),
                GateWiring.chainParts(config, db, chains, clock),
                new WalletLinks(db, clock),
                LlmParts.build(config, db, clock, telemetry.registry()),
                work,
                chainReads,
                roleChanges,
                replies,
                discord);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
