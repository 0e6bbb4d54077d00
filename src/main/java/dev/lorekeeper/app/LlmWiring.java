package dev.lorekeeper.app;

import dev.lorekeeper.config.LlmConfig;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.llm.AllowedLinks;
import dev.lorekeeper.llm.GeneratedText;
import dev.lorekeeper.llm.LlmGateway;
import dev.lorekeeper.llm.LlmUsage;
import dev.lorekeeper.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** The model, its budgets and the rules for what generated text may link to, from config; shared by bot and CLI. */
final class LlmWiring {
    private LlmWiring() {}

    static LlmUsage usage(LlmConfig l, Database db, Clock clock) {
        return new LlmUsage(
                db,
                new LlmUsage.Budgets(l.dailyTokensPerMember(), l.dailyTokensPerGuild(), l.dailyTokensTotal()),
                new LlmUsage.Prices(l.usdPerMillionInput(), l.usdPerMillionOutput()),
                clock);
    }

    /** The gateway, or null when no model is configured; {@code usage} may be null (nothing budgeted). */
    static LlmGateway gateway(LorekeeperConfig config, LlmUsage usage, MeterRegistry metrics) {
        LlmConfig l = config.llm();
        return config.llmConfigured()
                ? LlmGateway.openAiCompatible(
                        new LlmGateway.Settings(
                                l.baseUrl(),
                                l.model(),
                                l.apiKey(),
                                l.timeout(),
                                l.maxConcurrent(),
                                l.maxOutputTokens()),
                        usage,
                        metrics)
                : null;
    }

    /** Links may go to the docs' base URL, the pages they were loaded from, and llm.allowed-link-domains. */
    static GeneratedText output(LorekeeperConfig config) {
        return new GeneratedText(AllowedLinks.of(
                config.knowledge().baseUrl(),
                config.knowledge().pages(),
                config.llm().allowedLinkDomains()));
    }
}
