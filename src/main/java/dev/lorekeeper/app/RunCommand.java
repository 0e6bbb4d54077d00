package dev.lorekeeper.app;

import dev.lorekeeper.config.LoadedConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code lorekeeper run}: starts the bot and keeps it running until SIGTERM or Ctrl-C. */
@Command(name = "run", description = "Run the bot (the default when no subcommand is given)",
        mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption config = new ConfigOption();

    @Override
    public Integer call() throws InterruptedException {
        LoadedConfig loaded = config.load();
        if (loaded.config().discord().token().isEmpty()) {
            throw new CliFailure(2, "error: discord.token is empty. Set the DISCORD_TOKEN environment variable to "
                    + "your bot's token (Discord Developer Portal > your application > Bot > Reset Token).");
        }
        Lorekeeper bot = Lorekeeper.start(loaded);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            bot.close();
            stopped.countDown();
        }, "lorekeeper-shutdown"));
        stopped.await();
        return 0;
    }
}
