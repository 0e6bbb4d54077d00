package dev.lorekeeper.app;

import dev.lorekeeper.app.logging.SecretMask;
import dev.lorekeeper.config.Feature;
import dev.lorekeeper.config.FeatureStatusSource;
import dev.lorekeeper.config.GuildSettingsService;
import dev.lorekeeper.config.LoadedConfig;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.discord.AboutCommand;
import dev.lorekeeper.discord.CommandRegistrar;
import dev.lorekeeper.discord.DiscordBot;
import dev.lorekeeper.discord.InteractionObserver;
import dev.lorekeeper.discord.InteractionRouter;
import dev.lorekeeper.discord.SettingsCommand;
import dev.lorekeeper.discord.SlashCommand;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.JdbcGuildSettingsStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running bot: every part built by constructor, in this one place, and closed in reverse order. */
public final class Lorekeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lorekeeper.class);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final DiscordBot discord;

    private Lorekeeper(LoadedConfig loaded) {
        SecretMask.register(loaded.secrets());
        LorekeeperConfig config = loaded.config();
        log.info("starting Lorekeeper {} with config from {}", VersionInfo.version(), loaded.sourceName());

        Database db = Database.open(config.storage().jdbcUrl(), config.storage().username(),
                config.storage().password(), config.storage().poolSize(),
                config.storage().connectTimeout().toMillis());
        closeables.add(db);
        GuildSettingsService settings = new GuildSettingsService(config.guildDefaults(), new JdbcGuildSettingsStore(db));

        List<FeatureStatusSource> features = Arrays.stream(Feature.values())
                .map(f -> FeatureStatusSource.switchable(f, FeatureStatusSource.notInBuild(f))).toList();
        List<SlashCommand> commands = List.of(
                new AboutCommand(features, settings, VersionInfo.version()),
                new SettingsCommand(settings));

        InteractionRouter router = new InteractionRouter(commands, InteractionObserver.NONE);
        discord = new DiscordBot(config.discord(),
                List.of(router, new CommandRegistrar(commands, config.discord().devGuildId())), 8);
        closeables.add(0, discord);
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
