package dev.lorekeeper.app;

import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.llm.GeneratedText;
import dev.lorekeeper.llm.LlmGateway;
import dev.lorekeeper.llm.LlmUsage;
import dev.lorekeeper.llm.PromptTemplates;
import dev.lorekeeper.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;

/** The model (null when none is configured), its budgets, its prompts and the rules for what its text may link to. */
record LlmParts(LlmUsage usage, LlmGateway gateway, PromptTemplates prompts, GeneratedText output) {
    static LlmParts build(LorekeeperConfig config, Database db, Clock clock, MeterRegistry metrics) {
        LlmUsage usage = LlmWiring.usage(config.llm(), db, clock);
        return new LlmParts(
                usage,
                LlmWiring.gateway(config, usage, metrics),
                new PromptTemplates(Path.of(config.llm().prompts())),
                LlmWiring.output(config));
    }
}
