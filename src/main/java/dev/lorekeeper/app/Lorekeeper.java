package dev.lorekeeper.app;

import dev.lorekeeper.app.logging.SecretMask;
import dev.lorekeeper.config.LoadedConfig;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.discord.CommandRegistrar;
import dev.lorekeeper.discord.InteractionRouter;
import dev.lorekeeper.discord.SlashCommand;
import dev.lorekeeper.knowledge.KnowledgeService;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.web.HealthRoutes;
import dev.lorekeeper.web.WebServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.hooks.EventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: the shared infrastructure, the feature modules, and what they expose started in one place.
 * Everything is closed in reverse order of opening.
 */
public final class Lorekeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lorekeeper.class);

    private final Closer closer = new Closer();
    private final Infra infra;
    private final List<FeatureModule> modules;
    private final KnowledgeService knowledge;
    private WebServer web;

    private Lorekeeper(LoadedConfig loaded) {
        SecretMask.register(loaded.secrets());
        SecretMask.register(Database.passwordsIn(loaded.config().storage().jdbcUrl()));
        log.info("starting Lorekeeper {} with config from {}", VersionInfo.version(), loaded.sourceName());
        infra = Infra.build(loaded.config(), closer);
        GatingModule gating = new GatingModule(infra);
        KnowledgeModule knowledgeModule = new KnowledgeModule(infra);
        List<FeatureModule> features = List.of(
                new VerificationModule(infra, gating.sync()),
                gating,
                knowledgeModule,
                new CharacterModule(infra, gating.catalog(), knowledgeModule.service()),
                new DashboardModule(infra, gating, knowledgeModule.service()));
        List<FeatureModule> all = new ArrayList<>(features);
        all.add(new CoreModule(
                infra,
                features.stream()
                        .map(FeatureModule::status)
                        .flatMap(Optional::stream)
                        .toList()));
        this.modules = List.copyOf(all);
        this.knowledge = knowledgeModule.service();
    }

    /** Starts every part; on failure, closes what was already started and rethrows. */
    public static Lorekeeper start(LoadedConfig config) {
        Lorekeeper bot = new Lorekeeper(config);
        try {
            bot.startModules();
        } catch (RuntimeException e) {
            bot.close();
            throw e;
        }
        return bot;
    }

    private void startModules() {
        LorekeeperConfig config = infra.config();
        modules.forEach(m -> infra.routines().start(m.routines()));
        web = closer.add(new WebServer(
                config.web(),
                all(FeatureModule::routes),
                new HealthRoutes(all(FeatureModule::checks), infra.telemetry().registry())));
        List<SlashCommand> commands = all(FeatureModule::commands);
        List<EventListener> listeners = new ArrayList<>(List.of(
                new InteractionRouter(commands, infra.telemetry().interactions()),
                new CommandRegistrar(commands, config.discord().devGuildId())));
        listeners.addAll(all(FeatureModule::listeners));
        infra.discord().start(listeners);
    }

    private <T> List<T> all(Function<FeatureModule, List<T>> part) {
        return modules.stream().flatMap(m -> part.apply(m).stream()).toList();
    }

    public KnowledgeService knowledge() {
        return knowledge;
    }

    public JDA jda() {
        return infra.discord().jda();
    }

    public int webPort() {
        return web.port();
    }

    @Override
    public void close() {
        closer.close();
    }
}
