package dev.lorekeeper.app;

import dev.lorekeeper.app.logging.SecretMask;
import dev.lorekeeper.chain.ChainReader;
import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.config.Feature;
import dev.lorekeeper.config.FeatureStatus;
import dev.lorekeeper.config.FeatureStatusSource;
import dev.lorekeeper.config.GuildSettingsService;
import dev.lorekeeper.config.LoadedConfig;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.chain.CursorStore;
import dev.lorekeeper.discord.AboutCommand;
import dev.lorekeeper.discord.AskCommand;
import dev.lorekeeper.discord.CharacterCommand;
import dev.lorekeeper.discord.QuestCommand;
import dev.lorekeeper.discord.ReplyWorkers;
import dev.lorekeeper.discord.StatsCommand;
import dev.lorekeeper.llm.LlmUsage;
import dev.lorekeeper.web.MetadataRoutes;
import dev.lorekeeper.discord.DocsCommand;
import dev.lorekeeper.knowledge.QaReports;
import dev.lorekeeper.knowledge.Answerer;
import dev.lorekeeper.knowledge.BgeEmbedder;
import dev.lorekeeper.knowledge.Chunker;
import dev.lorekeeper.knowledge.Conversations;
import dev.lorekeeper.knowledge.FollowUpRewriter;
import dev.lorekeeper.knowledge.IndexStore;
import dev.lorekeeper.knowledge.KnowledgeService;
import dev.lorekeeper.knowledge.QuestionLog;
import dev.lorekeeper.llm.GeneratedText;
import dev.lorekeeper.llm.LlmGateway;
import dev.lorekeeper.llm.PromptTemplates;
import java.nio.file.Path;
import dev.lorekeeper.discord.GateCommand;
import dev.lorekeeper.discord.JdaRoleOps;
import dev.lorekeeper.discord.MemberJoinRoleSync;
import dev.lorekeeper.discord.QaMessageListener;
import dev.lorekeeper.gate.ChainWatcher;
import dev.lorekeeper.gate.GateService;
import dev.lorekeeper.gate.OutboxWorker;
import dev.lorekeeper.gate.OwnerIndexer;
import dev.lorekeeper.gate.RoleOutbox;
import dev.lorekeeper.discord.CommandRegistrar;
import dev.lorekeeper.discord.DiscordBot;
import dev.lorekeeper.discord.InteractionRouter;
import dev.lorekeeper.discord.SettingsCommand;
import dev.lorekeeper.discord.SlashCommand;
import dev.lorekeeper.discord.VerifyCommand;
import dev.lorekeeper.discord.WalletsCommand;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Leases;
import dev.lorekeeper.store.JdbcGuildSettingsStore;
import dev.lorekeeper.wallet.ChainContractSignatureChecker;
import dev.lorekeeper.wallet.SiweVerifier;
import dev.lorekeeper.wallet.VerificationService;
import dev.lorekeeper.wallet.VerifySessions;
import dev.lorekeeper.wallet.VerifySettings;
import dev.lorekeeper.wallet.WalletLinkListener;
import dev.lorekeeper.wallet.WalletLinks;
import dev.lorekeeper.web.HealthRoutes;
import dev.lorekeeper.web.VerifyRoutes;
import dev.lorekeeper.web.WebServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.time.Instant;
import dev.lorekeeper.gate.RecordedRoles;
import net.dv8tion.jda.api.JDA;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running bot: every part built by constructor, in this one place, and closed in reverse order. */
public final class Lorekeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lorekeeper.class);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final DiscordBot discord;
    private final WebServer web;
    private final KnowledgeService knowledgeService;

    private Lorekeeper(LoadedConfig loaded) {
        SecretMask.register(loaded.secrets());
        SecretMask.register(Database.passwordsIn(loaded.config().storage().jdbcUrl()));
        LorekeeperConfig config = loaded.config();
        log.info("starting Lorekeeper {} with config from {}", VersionInfo.version(), loaded.sourceName());

        Telemetry telemetry = new Telemetry();
        closeables.add(0, telemetry);
        Database db = Database.open(config.storage().jdbcUrl(), config.storage().username(),
                config.storage().password(), config.storage().poolSize(),
                config.storage().connectTimeout().toMillis());
        closeables.add(0, db);
        // Released after the routines stop (closeables close in reverse order), so nothing re-takes them.
        Leases leases = new Leases(db, Clock.systemUTC());
        closeables.add(0, leases::releaseAll);
        GuildSettingsService settings = new GuildSettingsService(config.guildDefaults(), new JdbcGuildSettingsStore(db));
        Chains chains = GateWiring.chains(config, telemetry.rpc());
        GateWiring.ChainParts chainParts = GateWiring.chainParts(config, db, chains);
        RoutineScheduler routines = new RoutineScheduler(3, leases, telemetry.registry(), Clock.systemUTC());
        closeables.add(0, routines);
        ExecutorService work = Executors.newFixedThreadPool(2, daemon("lorekeeper-sync-"));
        closeables.add(0, work::shutdownNow);

        AtomicReference<DiscordBot> botRef = new AtomicReference<>();
        JdaRoleOps roleOps = new JdaRoleOps(id -> botRef.get() == null ? null : botRef.get().guild(id), settings,
                config.discord().shards()::owns, new RecordedRoles(db));
        GateService gates = gating(config, db, chainParts, roleOps, routines, settings);
        // Role changes of a server are applied by the process that runs its shard.
        RoleOutbox roleOutbox = new RoleOutbox(db);
        OutboxWorker outbox = new OutboxWorker(roleOutbox, roleOps,
                config.gating().roleChangesPerTenSeconds(), Clock.systemUTC(), config.discord().shards().total(),
                config.discord().shards().idList());
        routines.start(Routine.local("role outbox", Duration.ofSeconds(1), Duration.ofMillis(250), outbox));
        VerificationService verification = verification(config, db, chains, gates);
        routines.start(Routine.local("purge verify sessions", Duration.ofMinutes(5), Duration.ofMinutes(5),
                verification::purgeExpired));

        telemetry.gauge("lorekeeper.role.outbox.depth", "Role changes waiting", roleOutbox::pendingCount);
        telemetry.gauge("lorekeeper.role.outbox.oldest.seconds", "Age of the oldest waiting role change",
                () -> roleOutbox.oldestPendingSeconds(Instant.now()));

        LlmUsage usage = LlmWiring.usage(config.llm(), db);
        LlmGateway llm = LlmWiring.gateway(config, usage);
        GeneratedText output = LlmWiring.output(config);
        PromptTemplates prompts = new PromptTemplates(Path.of("prompts"));
        KnowledgeService knowledge = knowledge(config, db, work, llm, prompts, output);
        // Holder checks wait for the chain on their own threads, so that a slow RPC can be given up in time.
        ExecutorService chainReads = Executors.newCachedThreadPool(daemon("lorekeeper-holder-"));
        closeables.add(0, chainReads::shutdownNow);
        CharacterWiring.Characters play = CharacterWiring.build(config, db, chainParts, llm, prompts, output, gates,
                settings, knowledge, work, chainReads);
        web = new WebServer(config.web(), List.of(
                new VerifyRoutes(verification, config.verification().requestsPerIpPerMinute()),
                new MetadataRoutes(play.living(), id -> chains.byId(id).map(Chains.Chain::name))),
                new HealthRoutes(List.of(
                        new HealthRoutes.Check("database", () -> db.withConnection(c -> c.isValid(2))
                                ? HealthRoutes.Status.ok() : HealthRoutes.Status.notReady("unreachable")),
                        new HealthRoutes.Check("gateway", () -> botRef.get() != null && botRef.get().connected()
                                ? HealthRoutes.Status.ok() : HealthRoutes.Status.notReady("connecting")),
                        new HealthRoutes.Check("index", () -> !knowledge.docsExist()
                                ? new HealthRoutes.Status(true, "no docs configured")
                                : knowledge.index().isPresent() ? HealthRoutes.Status.ok()
                                : HealthRoutes.Status.notReady("loading")),
                        new HealthRoutes.Check("routines", routines::health)),
                        telemetry.registry()));
        closeables.add(0, web);
        if (knowledge.docsExist()) {
            long refresh = config.knowledge().refreshInterval().toMillis();
            routines.start(Routine.local("docs refresh", Duration.ofMillis(refresh), Duration.ofMillis(refresh),
                    () -> knowledge.reload(work)));
        }

        List<FeatureStatusSource> features = List.of(
                FeatureStatusSource.switchable(Feature.VERIFICATION, s -> FeatureStatus.active(Feature.VERIFICATION,
                        "members link wallets with /verify on " + verification.settings().domain()
                                + (chains.isEmpty() ? " (contract wallets need a chain under chains:)" : ""))),
                FeatureStatusSource.switchable(Feature.GATING, s -> chains.isEmpty()
                        ? FeatureStatus.inactive(Feature.GATING, "no chains are configured (add one under chains:)")
                        : FeatureStatus.active(Feature.GATING, gates.gates(s.guildId()).size() + " gate(s); roles "
                                + "follow transfers within " + config.gating().pollInterval().toSeconds()
                                + " s, with a full check every " + config.gating().sweepInterval().toHours() + " h")),
                FeatureStatusSource.switchable(Feature.QA, s -> !knowledge.docsExist()
                        ? FeatureStatus.inactive(Feature.QA, "no docs folder at " + config.knowledge().docs())
                        : knowledge.index().isEmpty() ? FeatureStatus.inactive(Feature.QA, "the docs are being indexed")
                        : FeatureStatus.active(Feature.QA, "/ask answers from " + knowledge.index().get().size()
                                + " doc sections" + (config.llmConfigured() ? " with " + config.llm().model()
                                : " by quoting them (no LLM configured)"))),
                FeatureStatusSource.switchable(Feature.CHARACTERS, s -> {
                    int n = play.collections().of(s.guildId()).size();
                    return n == 0 ? FeatureStatus.inactive(Feature.CHARACTERS, "no playable collection (add a gate "
                            + "on an NFT, or characters.collections in the config)")
                            : FeatureStatus.active(Feature.CHARACTERS, n + " playable collection(s); stories by "
                            + (config.llmConfigured() ? config.llm().model() + ", offline narrator as fallback"
                            : "the offline narrator (no LLM configured)"));
                }));
        ReplyWorkers replies = new ReplyWorkers(config.llm().workThreads(), config.llm().workQueue());
        closeables.add(0, replies);
        List<SlashCommand> commands = List.of(
                new AboutCommand(features, settings, VersionInfo.version()),
                new SettingsCommand(settings),
                new VerifyCommand(verification, settings),
                new WalletsCommand(verification, settings),
                new GateCommand(gates, config.chains().keySet(), work),
                new AskCommand(knowledge, settings, replies),
                new DocsCommand(knowledge, new QaReports(db), settings, work),
                new CharacterCommand(play.characters(), settings, replies),
                new QuestCommand(play.quests(), play.characters(), settings, replies),
                new StatsCommand(usage, settings, config.llmConfigured()));

        InteractionRouter router = new InteractionRouter(commands, telemetry.interactions());
        discord = new DiscordBot(config.discord(), List.of(router,
                new CommandRegistrar(commands, config.discord().devGuildId()), new MemberJoinRoleSync(gates, work),
                new QaMessageListener(knowledge, settings, config.discord().mentionAnswering(), replies)), 8);
        closeables.add(0, discord);
        botRef.set(discord);
        this.knowledgeService = knowledge;
    }


    private static GateService gating(LorekeeperConfig config, Database db, GateWiring.ChainParts parts,
            JdaRoleOps roleOps, RoutineScheduler routines, GuildSettingsService settings) {
        var g = config.gating();
        Chains chains = parts.chains();
        ChainReader reader = parts.reader();
        WalletLinks links = new WalletLinks(db);
        GateService gates = GateWiring.service(config, db, parts, roleOps, settings);
        if (!chains.isEmpty()) {
            ChainWatcher watcher = new ChainWatcher(chains, new CursorStore(db), gates, reader, links,
                    g.confirmations(), g.logBlockRange());
            // Jobs that must run once across processes hold a lease; another process takes over within one lease.
            Duration lease = g.pollInterval().multipliedBy(5).plusSeconds(10);
            routines.start(Routine.leased("chain-watcher", lease, g.pollInterval(), g.pollInterval(), watcher));
            OwnerIndexer indexer = new OwnerIndexer(gates, chains, reader, parts.ownerIndex(), g.confirmations(),
                    g.logBlockRange());
            routines.start(Routine.leased("owner-index", lease, Duration.ofMillis(500), g.pollInterval(), indexer));
            routines.start(Routine.leased("sweep", g.sweepInterval().plusMinutes(5),
                    Duration.ofMillis(Math.min(60_000, g.sweepInterval().toMillis())), g.sweepInterval(),
                    gates::sweepAll));
        }
        return gates;
    }

    private static KnowledgeService knowledge(LorekeeperConfig config, Database db,
            ExecutorService work, LlmGateway llm, PromptTemplates prompts, GeneratedText output) {
        var k = config.knowledge();
        KnowledgeService service = new KnowledgeService(Path.of(k.docs()), k.pages(), new IndexStore(
                Path.of(k.index()), new BgeEmbedder(), new Chunker(350, 50)), new QuestionLog(db),
                new Conversations(db), k.questionsPerMinute(), Duration.ofMinutes(10));
        service.answerWith(new Answerer(service::index, llm, prompts, k.minRelevance(), k.topK(), k.baseUrl(),
                output),
                new FollowUpRewriter(llm, prompts));
        if (service.docsExist()) {
            service.reload(work);
        } else {
            log.warn("no docs folder at {}: /ask will say so (set knowledge.docs)", k.docs());
        }
        return service;
    }

    public KnowledgeService knowledge() {
        return knowledgeService;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static VerificationService verification(LorekeeperConfig config, Database db, Chains chains,
            WalletLinkListener listener) {
        String chainName = config.verification().chain() != null ? config.verification().chain()
                : chains.all().stream().findFirst().map(Chains.Chain::name).orElse(null);
        long chainId = chainName == null ? 1L : chains.byName(chainName).orElseThrow().chainId();
        VerifySettings vs = new VerifySettings(config.web().publicUrl(), chainId, config.verification().sessionTtl(),
                config.verification().clockSkew());
        SiweVerifier verifier = new SiweVerifier(chains.isEmpty() ? null : new ChainContractSignatureChecker(chains),
                config.verification().clockSkew());
        return new VerificationService(db, new VerifySessions(db), new WalletLinks(db), verifier, vs,
                listener, Clock.systemUTC(), config.verification().attemptsPerMember());
    }

    /** Starts every part; on failure, closes what was already started and rethrows. */
    public static Lorekeeper start(LoadedConfig config) {
        Lorekeeper bot = new Lorekeeper(config);
        try {
            bot.discord.start();
        } catch (RuntimeException e) {
            bot.close();
            throw e;
        }
        return bot;
    }

    public JDA jda() {
        return discord.jda();
    }

    public int webPort() {
        return web.port();
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        closeables.clear();
    }
}
