package dev.lorekeeper.app;

import dev.lorekeeper.config.ConfigException;
import dev.lorekeeper.config.ConfigLoader;
import dev.lorekeeper.config.LoadedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by every subcommand that needs the configuration. */
public final class ConfigOption {
    /** Looked for, in order, when --config is not given. */
    static final List<Path> DEFAULT_LOCATIONS = List.of(Path.of("lorekeeper.yaml"), Path.of("config/lorekeeper.yaml"));

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config file (default: ./lorekeeper.yaml, then ./config/lorekeeper.yaml, then built-in "
                    + "defaults with DISCORD_TOKEN from the environment)")
    Path file;

    /** Loads the config or fails with exit code 2 and every problem listed. */
    public LoadedConfig load() {
        try {
            return loadOrThrow();
        } catch (ConfigException e) {
            throw new CliFailure(2, describe(e));
        }
    }

    LoadedConfig loadOrThrow() {
        return loadOrThrow(Path.of(""));
    }

    /** As {@link #loadOrThrow()}, with the default locations taken relative to {@code workDir}. */
    LoadedConfig loadOrThrow(Path workDir) {
        ConfigLoader loader = Configs.loader(System.getenv());
        if (file != null) {
            return loader.load(file);
        }
        for (Path candidate : DEFAULT_LOCATIONS) {
            if (Files.isRegularFile(workDir.resolve(candidate))) {
                return loader.load(workDir.resolve(candidate));
            }
        }
        return loader.defaultsOnly();
    }

    static String describe(ConfigException e) {
        if (e.problems().size() == 1 && e.problems().get(0).path().isEmpty()) {
            return "error: " + e.problems().get(0).message();
        }
        StringBuilder sb = new StringBuilder("error: the configuration has " + e.problems().size() + " problem"
                + (e.problems().size() == 1 ? "" : "s") + ":");
        e.problems().forEach(p -> sb.append("\n  - ").append(p));
        return sb.toString();
    }
}
