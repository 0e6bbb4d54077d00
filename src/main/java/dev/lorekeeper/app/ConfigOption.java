package dev.lorekeeper.app;

import dev.lorekeeper.config.ConfigException;
import dev.lorekeeper.config.ConfigLoader;
import dev.lorekeeper.config.ConfigProblem;
import dev.lorekeeper.config.ConfigReport;
import dev.lorekeeper.config.LoadedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by every subcommand that needs the configuration. */
public final class ConfigOption {
    /** Looked for, in order, when --config is not given. */
    static final List<Path> DEFAULT_LOCATIONS = List.of(Path.of("lorekeeper.yaml"), Path.of("config/lorekeeper.yaml"));

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "Config file (default: ./lorekeeper.yaml, then ./config/lorekeeper.yaml, then built-in "
                    + "defaults with DISCORD_TOKEN from the environment)")
    Path file;

    /** Loads the config or fails with exit code 1 (the configuration is wrong) and every problem listed. */
    public LoadedConfig load() {
        try {
            return inspect().orThrow();
        } catch (ConfigException e) {
            throw new CliFailure(1, describe(e.problems()));
        }
    }

    /**
     * Loads the config for {@code run}: with the start-up checks of {@link StartChecks}, every error listed at once,
     * as {@code config check} lists them.
     */
    LoadedConfig loadToRun() {
        ConfigReport report = inspect();
        List<ConfigProblem> errors = new ArrayList<>(report.errors());
        if (report.config() != null) {
            errors.addAll(StartChecks.errors(report.config()));
        }
        if (!errors.isEmpty()) {
            throw new CliFailure(1, describe(errors));
        }
        return report.orThrow();
    }

    /** Every error and warning of the config this option picks, without throwing. */
    ConfigReport inspect() {
        return inspect(Path.of(""));
    }

    /** The config as it loads, the default locations taken relative to {@code workDir}; throws when it is wrong. */
    LoadedConfig loadOrThrow(Path workDir) {
        return inspect(workDir).orThrow();
    }

    private ConfigReport inspect(Path workDir) {
        ConfigLoader loader = Configs.loader(System.getenv());
        if (file != null) {
            return loader.inspect(file);
        }
        for (Path candidate : DEFAULT_LOCATIONS) {
            if (Files.isRegularFile(workDir.resolve(candidate))) {
                return loader.inspect(workDir.resolve(candidate));
            }
        }
        return loader.inspectDefaults();
    }

    static String describe(List<ConfigProblem> problems) {
        if (problems.size() == 1 && problems.get(0).path().isEmpty()) {
            return "error: " + problems.get(0).message();
        }
        StringBuilder sb = new StringBuilder("error: the configuration has " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + ":");
        problems.forEach(p -> sb.append("\n  - ").append(p));
        return sb.toString();
    }
}
