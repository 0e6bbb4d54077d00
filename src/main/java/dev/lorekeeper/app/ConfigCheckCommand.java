package dev.lorekeeper.app;

import dev.lorekeeper.config.ConfigException;
import dev.lorekeeper.config.LoadedConfig;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.store.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lorekeeper config check}: validates a config and prints a summary; exit 1 when it has problems. */
@Command(name = "check", description = "Validate a config file and print a summary", mixinStandardHelpOptions = true)
public final class ConfigCheckCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LoadedConfig loaded;
        try {
            loaded = config.loadOrThrow();
        } catch (ConfigException e) {
            boolean fileLevel = e.problems().size() == 1 && e.problems().get(0).path().isEmpty();
            spec.commandLine().getErr().println(ConfigOption.describe(e));
            return fileLevel ? 2 : 1;
        }
        LorekeeperConfig c = loaded.config();
        out.println("config OK: " + loaded.sourceName());
        out.println("  discord: token " + (c.discord().token().isEmpty() ? "NOT SET (set DISCORD_TOKEN)" : "set")
                + ", commands " + (c.discord().devGuildId() == null ? "global" : "in dev guild "
                + c.discord().devGuildId()) + (c.discord().apiBaseUrl() == null ? "" : ", custom API URL"));
        out.println("  storage: " + (c.storage().jdbcUrl().startsWith("jdbc:postgresql:") ? "PostgreSQL " : "H2 ")
                + Database.redact(c.storage().jdbcUrl()));
        out.println("  web: " + c.web().bind() + ":" + c.web().port() + ", public URL " + c.web().publicUrl()
                + "; /readyz and /metrics on " + c.web().adminBind() + ":" + c.web().adminPort()
                + (c.web().adminToken().isEmpty() ? "" : " and, with the admin token, the public port")
                + (c.web().trustedProxies().isEmpty() ? "; no trusted proxies"
                : "; trusted proxies " + c.web().trustedProxies()));
        out.println("  llm: " + (c.llmConfigured() ? c.llm().model() + " at " + c.llm().baseUrl()
                : "not configured (offline answers and narrator)"));
        out.println("  chains: " + (c.chains().isEmpty() ? "none" : String.join(", ", c.chains().keySet())));
        out.println("  knowledge: docs in " + c.knowledge().docs());
        out.flush();
        return 0;
    }
}
