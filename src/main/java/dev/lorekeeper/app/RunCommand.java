package dev.lorekeeper.app;

import dev.lorekeeper.config.ConfigWarnings;
import dev.lorekeeper.config.LoadedConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lorekeeper run}: starts the bot and keeps it running until SIGTERM or Ctrl-C. */
@Command(
        name = "run",
        description = "Run the bot (the default when no subcommand is given)",
        mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption config = new ConfigOption();

    @Override
    public Integer call() throws InterruptedException {
        LoadedConfig loaded = config.loadToRun();
        ConfigWarnings.of(loaded.config()).forEach(w -> log.warn("config: {} (config check lists every warning)", w));
        Lorekeeper bot = Lorekeeper.start(loaded);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("shutting down");
                            bot.close();
                            stopped.countDown();
                        },
                        "lorekeeper-shutdown"));
        stopped.await();
        return 0;
    }
}
