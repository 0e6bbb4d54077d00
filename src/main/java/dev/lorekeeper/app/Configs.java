package dev.lorekeeper.app;

import dev.lorekeeper.config.ConfigLoader;
import dev.lorekeeper.gate.GateRulesCheck;
import java.util.List;
import java.util.Map;

/** The config loader with every feature's checks: the one that `run` and `config check` use. */
public final class Configs {
    private Configs() {}

    public static ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(env, List.of(new GateRulesCheck()));
    }
}
