package dev.lorekeeper.app;

import dev.lorekeeper.character.OfflineNarrator;
import dev.lorekeeper.config.ConfigProblem;
import dev.lorekeeper.config.LlmConfig;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.llm.PromptTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the bot needs besides well-formed values, checked the same way by {@code run} (which refuses to start) and
 * {@code config check} (which lists it): the token, a prompts folder whose templates parse, and an offline narrator
 * that loads.
 */
final class StartChecks {
    private StartChecks() {}

    static List<ConfigProblem> errors(LorekeeperConfig c) {
        List<ConfigProblem> out = new ArrayList<>();
        if (c.discord().token().isEmpty()) {
            out.add(new ConfigProblem(
                    "discord.token",
                    "is empty: set the DISCORD_TOKEN environment variable to your "
                            + "bot's token (Discord Developer Portal > your application > Bot > Reset Token)"));
        }
        Path prompts = Path.of(c.llm().prompts());
        if (!c.llm().prompts().equals(LlmConfig.DEFAULT_PROMPTS) && !Files.isDirectory(prompts)) {
            out.add(new ConfigProblem(
                    "llm.prompts",
                    "folder " + prompts + " does not exist (create it with your "
                            + "templates, or remove the key to use the built-in ones)"));
        }
        PromptTemplates templates = new PromptTemplates(prompts);
        templates.problems().stream()
                .filter(PromptTemplates.Problem::error)
                .forEach(p -> out.add(new ConfigProblem(p.file(), p.message())));
        try {
            new OfflineNarrator(templates.file("offline-narrator.yaml"));
        } catch (RuntimeException e) {
            out.add(new ConfigProblem(
                    prompts.resolve("offline-narrator.yaml").toString(),
                    e.getMessage().replaceFirst("^prompts/offline-narrator\\.yaml:? ?", "")));
        }
        return out;
    }

    static List<ConfigProblem> warnings(LorekeeperConfig c) {
        List<ConfigProblem> out = new ArrayList<>();
        new PromptTemplates(Path.of(c.llm().prompts()))
                .problems().stream()
                        .filter(p -> !p.error())
                        .forEach(p -> out.add(new ConfigProblem(p.file(), p.message())));
        return out;
    }

    /**
     * Only {@code config check} insists on the docs folder: {@code run} starts without it (so the docs can arrive
     * after the bot) and /ask says they are missing.
     */
    static List<ConfigProblem> docs(LorekeeperConfig c) {
        if (!c.guildDefaults().features().qa()
                || Files.isDirectory(Path.of(c.knowledge().docs()))) {
            return List.of();
        }
        return List.of(new ConfigProblem(
                "knowledge.docs",
                "folder " + c.knowledge().docs() + " does not exist: "
                        + "create it with your Markdown docs, point knowledge.docs at them, or set "
                        + "guild-defaults.features.qa: false"));
    }
}
