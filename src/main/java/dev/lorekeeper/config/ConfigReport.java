package dev.lorekeeper.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything a config check found: the errors (the bot refuses to start), the warnings (it starts), and the bound
 * configuration. {@code config} is null only when the file could not be read or is not YAML; with other errors it
 * holds the values that did bind (defaults for the rest), so further checks can still look at it.
 */
public record ConfigReport(
        LorekeeperConfig config,
        Path source,
        Set<String> secrets,
        List<ConfigProblem> errors,
        List<ConfigProblem> warnings) {
    public ConfigReport {
        secrets = Set.copyOf(secrets);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    static ConfigReport unreadable(Path source, String message) {
        return new ConfigReport(null, source, Set.of(), List.of(new ConfigProblem("", message)), List.of());
    }

    public boolean ok() {
        return errors.isEmpty() && config != null;
    }

    /** The usable configuration, or a ConfigException with every error. */
    public LoadedConfig orThrow() {
        if (!ok()) {
            throw new ConfigException(errors);
        }
        return new LoadedConfig(config, source, secrets);
    }
}
