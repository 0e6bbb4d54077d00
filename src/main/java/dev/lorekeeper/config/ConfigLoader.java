package dev.lorekeeper.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Loads YAML plus {@code ${ENV}} values into {@link LorekeeperConfig}, reporting every problem at once. */
public final class ConfigLoader {
    // A key given twice is a mistake (the second would silently win): report it.
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private final Map<String, String> env;
    private final List<ConfigCheck> featureChecks;

    public ConfigLoader(Map<String, String> env) {
        this(env, List.of());
    }

    /** With the features' own checks, run after binding along with this package's. */
    public ConfigLoader(Map<String, String> env, List<ConfigCheck> featureChecks) {
        this.env = env;
        this.featureChecks = List.copyOf(featureChecks);
    }

    /** Loads a file; a missing or unreadable file is a ConfigException with one clear message. */
    public LoadedConfig load(Path file) {
        return inspect(file).orThrow();
    }

    /** Uses only the environment and defaults: the bot runs with nothing but DISCORD_TOKEN set. */
    public LoadedConfig defaultsOnly() {
        return inspectDefaults().orThrow();
    }

    public LoadedConfig parse(String yaml, Path source) {
        return inspect(yaml, source).orThrow();
    }

    /** Every problem of a file, without throwing: what {@code config check} reports. */
    public ConfigReport inspect(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return ConfigReport.unreadable(
                    file,
                    "config file " + file + " does not exist (copy "
                            + "config/lorekeeper.example.yaml and pass it with --config)");
        } catch (IOException e) {
            return ConfigReport.unreadable(file, "config file " + file + " cannot be read: " + e.getMessage());
        }
        return inspect(text, file);
    }

    public ConfigReport inspectDefaults() {
        return inspect("discord:\n  token: ${DISCORD_TOKEN:-}\n", null);
    }

    public ConfigReport inspect(String yaml, Path source) {
        JsonNode root;
        try {
            root = readTree(yaml, source);
        } catch (ConfigException e) {
            return ConfigReport.unreadable(source, e.getMessage());
        }
        ConfigBinder binder = new ConfigBinder(new EnvInterpolator(env));
        LorekeeperConfig config =
                binder.bindRoot(root.isMissingNode() ? YAML.createObjectNode() : root, LorekeeperConfig.class);
        List<ConfigProblem> problems = new ArrayList<>(binder.problems());
        List<ConfigProblem> warnings = List.of();
        if (config != null) {
            problems.addAll(new ConfigValidator().validate(config));
            featureChecks.forEach(check -> problems.addAll(check.check(config)));
            warnings = ConfigWarnings.of(config);
        }
        return new ConfigReport(config, source, binder.secrets(), problems, warnings);
    }

    private static JsonNode readTree(String yaml, Path source) {
        try {
            JsonNode node = YAML.readTree(yaml);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ConfigException((source == null ? "config" : source.toString()) + " is not valid YAML" + where
                    + ": " + e.getOriginalMessage());
        }
    }
}
