package dev.lorekeeper.config;

import java.nio.file.Path;
import java.util.Set;

/** A validated configuration, where it came from, and the secret values that must be masked in output. */
public record LoadedConfig(LorekeeperConfig config, Path source, Set<String> secrets) {
    public LoadedConfig {
        secrets = Set.copyOf(secrets);
    }

    public String sourceName() {
        return source == null ? "built-in defaults" : source.toString();
    }
}
