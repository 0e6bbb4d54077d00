package dev.lorekeeper.app;

import dev.lorekeeper.config.ConfigProblem;
import dev.lorekeeper.config.ConfigReport;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.store.Database;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lorekeeper config check}: every error (exit 1) and every warning (exit 0) of a config, including what
 * {@code run} checks before it starts, so that a config that passes here starts.
 */
@Command(
        name = "check",
        description = "Validate a config file and print a summary; exit 1 when it has errors",
        mixinStandardHelpOptions = true)
public final class ConfigCheckCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(
            names = "--online",
            description = "Also ask every RPC URL for its chain id (eth_chainId) and compare it " + "with chain-id")
    boolean online;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConfigReport report = config.inspect();
        List<ConfigProblem> errors = new ArrayList<>(report.errors());
        List<ConfigProblem> warnings = new ArrayList<>(report.warnings());
        LorekeeperConfig c = report.config();
        if (c != null) {
            errors.addAll(StartChecks.errors(c));
            errors.addAll(StartChecks.docs(c));
            warnings.addAll(StartChecks.warnings(c));
            if (online) {
                errors.addAll(OnlineChecks.chainIds(c));
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        if (!errors.isEmpty()) {
            err.println(ConfigOption.describe(errors));
        }
        if (!warnings.isEmpty()) {
            err.println("warning: " + warnings.size() + (warnings.size() == 1 ? " thing" : " things")
                    + " to look at (the bot starts with " + (warnings.size() == 1 ? "it" : "them") + "):");
            warnings.forEach(w -> err.println("  - " + w));
        }
        err.flush();
        if (!errors.isEmpty()) {
            return 1;
        }
        summary(
                spec.commandLine().getOut(),
                report.source() == null ? "built-in defaults" : report.source().toString(),
                c);
        return 0;
    }

    private static void summary(PrintWriter out, String source, LorekeeperConfig c) {
        out.println("config OK: " + source);
        out.println("  discord: commands "
                + (c.discord().devGuildId() == null
                        ? "global"
                        : "in dev guild " + c.discord().devGuildId())
                + (c.discord().apiBaseUrl() == null ? "" : ", custom API URL")
                + ", shards " + c.discord().shards().idList() + " of "
                + c.discord().shards().total());
        out.println("  storage: " + (c.storage().jdbcUrl().startsWith("jdbc:postgresql:") ? "PostgreSQL " : "H2 ")
                + Database.redact(c.storage().jdbcUrl()));
        out.println("  web: " + c.web().bind() + ":" + c.web().port() + ", public URL "
                + c.web().publicUrl()
                + "; /readyz and /metrics on " + c.web().adminBind() + ":"
                + c.web().adminPort()
                + (c.web().adminToken().isEmpty() ? "" : " and, with the admin token, the public port")
                + (c.web().trustedProxies().isEmpty()
                        ? "; no trusted proxies"
                        : "; trusted proxies " + c.web().trustedProxies()));
        out.println("  llm: "
                + (c.llmConfigured()
                        ? c.llm().model() + " at " + c.llm().baseUrl()
                        : "not configured (offline answers and narrator)")
                + "; prompts in " + c.llm().prompts());
        out.println("  chains: "
                + (c.chains().isEmpty() ? "none" : String.join(", ", c.chains().keySet())));
        out.println("  knowledge: docs in " + c.knowledge().docs() + ", index in "
                + c.knowledge().index());
        out.flush();
    }
}
