package dev.lorekeeper.character;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lorekeeper.chain.TokenMetadata;
import dev.lorekeeper.llm.GeneratedText;
import dev.lorekeeper.llm.LlmCall;
import dev.lorekeeper.llm.LlmGateway;
import dev.lorekeeper.llm.PromptTemplates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Personas, quests, talk and memory summaries: from the model when one is configured and the member's and server's
 * budgets allow, otherwise (or when the model fails) from the offline narrator. A model's JSON is validated; an
 * invalid reply is retried once with its problems listed, then the offline narrator takes over. Whoever wrote it,
 * every text leaves here with its links and mentions defused, since token metadata and members' words flow into it.
 */
public final class Narrator {
    private static final Logger log = LoggerFactory.getLogger(Narrator.class);
    public static final String BUDGET_NOTICE =
            "Today's storytelling budget is spent, so the offline narrator " + "tells this one.";

    private final LlmGateway llm;
    private final PromptTemplates prompts;
    private final OfflineNarrator offline;
    private final GeneratedText output;
    private final QuestPlanParser questParser = new QuestPlanParser();

    public Narrator(LlmGateway llm, PromptTemplates prompts, OfflineNarrator offline, GeneratedText output) {
        this.llm = llm;
        this.prompts = prompts;
        this.offline = offline;
        this.output = output;
    }

    /** A result, whether a model wrote it, and a notice for the member (or null). */
    public record Narrated<T>(T value, boolean byModel, String notice) {}

    /** What a new quest is grounded in. */
    public record QuestContext(
            GameCharacter character,
            int questNumber,
            String memories,
            String lore,
            List<String> recentTitles,
            List<String> recentHooks) {}

    public Narrated<Persona> persona(TokenRef token, TokenMetadata meta, LlmCall call) {
        Persona fallback = offline.persona(token, meta);
        String traits = meta.attributes().isEmpty()
                ? "(none)"
                : String.join(
                        "\n", fallback.traits().stream().map(t -> "- " + t).toList());
        return modelOr(
                call,
                () -> fallback,
                feedback -> prompts.render(
                                "persona",
                                Map.of(
                                        "name",
                                        OfflineNarrator.truncate(fallback.name(), 200),
                                        "description",
                                        meta.description() == null
                                                ? ""
                                                : OfflineNarrator.truncate(meta.description(), 1000),
                                        "traits",
                                        OfflineNarrator.truncate(traits, 2000)))
                        + feedback,
                reply -> parsePersona(reply, fallback),
                p -> p.map(output::defuse));
    }

    public Narrated<QuestPlan> quest(QuestContext q, LlmCall call) {
        GameCharacter c = q.character();
        List<String> avoid = new ArrayList<>();
        q.recentTitles().forEach(t -> avoid.add("- title: " + t));
        q.recentHooks().forEach(h -> avoid.add("- hook: " + h));
        return modelOr(
                call,
                () -> offline.quest(c, q.questNumber(), q.recentTitles(), q.recentHooks()),
                feedback -> prompts.render(
                        "quest",
                        withPersona(
                                c,
                                "inventory",
                                c.inventory().isEmpty() ? "(empty)" : String.join(", ", c.inventory()),
                                "memories",
                                q.memories().isBlank() ? "(none yet)" : q.memories(),
                                "lore",
                                q.lore().isBlank() ? "(no docs)" : q.lore(),
                                "avoid",
                                avoid.isEmpty() ? "(none)" : String.join("\n", avoid),
                                "feedback",
                                feedback)),
                reply -> {
                    QuestPlanParser.Parsed p = questParser.parse(reply);
                    if (p.valid()
                            && (q.recentTitles().contains(p.plan().title())
                                    || q.recentHooks().contains(p.plan().hook()))) {
                        return new Checked<>(null, List.of("title or hook repeats a recent quest"));
                    }
                    return new Checked<>(p.plan(), p.problems());
                },
                plan -> plan.map(output::defuse));
    }

    public Narrated<String> talk(
            GameCharacter c, String message, List<Memory> recalled, String memories, LlmCall call, long turn) {
        return modelOr(
                call,
                () -> offline.talk(c, message, recalled, turn),
                feedback -> prompts.render(
                        "talk",
                        withPersona(
                                c,
                                "summary",
                                c.summary().isBlank() ? "(just beginning)" : c.summary(),
                                "memories",
                                memories.isBlank() ? "(none yet)" : memories,
                                "message",
                                message,
                                "feedback",
                                feedback)),
                reply -> reply.isBlank() || reply.length() > 1500
                        ? new Checked<>(null, List.of("reply must be 1 to 1500 characters"))
                        : new Checked<>(reply.strip(), List.of()),
                output::defuse);
    }

    /** The character's persona, which every quest and talk prompt shows the model, plus that prompt's own values. */
    private static Map<String, String> withPersona(GameCharacter c, String... keysAndValues) {
        Map<String, String> values = new HashMap<>(Map.of(
                "name", c.name(),
                "level", Integer.toString(c.level()),
                "archetype", c.persona().archetype(),
                "voice", c.persona().voice(),
                "backstory", c.persona().backstory()));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    public String summarize(GameCharacter c, List<Memory> since, LlmCall call) {
        StringBuilder lines = new StringBuilder();
        since.forEach(m -> lines.append("- ").append(m.text()).append('\n'));
        return modelOr(
                        call,
                        () -> offline.summarize(c.summary(), since),
                        feedback -> prompts.render(
                                "memory-summary",
                                Map.of(
                                        "name",
                                        c.name(),
                                        "summary",
                                        c.summary().isBlank() ? "(none)" : c.summary(),
                                        "memories",
                                        lines.toString().strip(),
                                        "feedback",
                                        feedback)),
                        reply -> reply.isBlank() || reply.length() > 1200
                                ? new Checked<>(null, List.of("summary must be 1 to 1200 characters"))
                                : new Checked<>(reply.strip(), List.of()),
                        output::defuse)
                .value();
    }

    /** A parsed value, or the problems that made the reply unusable. */
    record Checked<T>(T value, List<String> problems) {}

    /**
     * The model's value when it gives a valid one, else the offline narrator's; either way made {@code safe} last
     * (after JSON parsing, so that a JSON escape can not hide a link from it).
     */
    private <T> Narrated<T> modelOr(
            LlmCall call,
            Supplier<T> offlineValue,
            Function<String, String> prompt,
            Function<String, Checked<T>> parse,
            UnaryOperator<T> safe) {
        Supplier<T> fallback = () -> safe.apply(offlineValue.get());
        if (llm == null) {
            return new Narrated<>(fallback.get(), false, null);
        }
        String system = prompts.get("narrator-system");
        String feedback = "";
        for (int attempt = 1; attempt <= 2; attempt++) {
            LlmGateway.Outcome outcome = llm.chat(call, system, prompt.apply(feedback));
            if (outcome.reply().isEmpty()) {
                return new Narrated<>(fallback.get(), false, outcome.budgetSpent() ? BUDGET_NOTICE : null);
            }
            Checked<T> checked = parse.apply(outcome.reply().get().text());
            if (checked.value() != null) {
                return new Narrated<>(safe.apply(checked.value()), true, null);
            }
            log.info("{}: the model's reply was invalid (attempt {}): {}", call.feature(), attempt, checked.problems());
            feedback = "\nYour previous reply was rejected: " + String.join("; ", checked.problems())
                    + ". Reply again in exactly the format asked for.";
        }
        return new Narrated<>(fallback.get(), false, null);
    }

    private static Checked<Persona> parsePersona(String reply, Persona base) {
        try {
            JsonNode n = QuestPlanParser.JSON.readTree(QuestPlanParser.stripFences(reply));
            List<String> problems = new ArrayList<>();
            String archetype = QuestPlanParser.text(n, "archetype", 2, 40, problems);
            String voice = QuestPlanParser.text(n, "voice", 5, 200, problems);
            String backstory = QuestPlanParser.text(n, "backstory", 10, 600, problems);
            String greeting = QuestPlanParser.text(n, "greeting", 2, 200, problems);
            return problems.isEmpty()
                    ? new Checked<>(
                            new Persona(
                                    base.name(),
                                    archetype,
                                    voice,
                                    backstory,
                                    greeting,
                                    base.traits(),
                                    base.stats(),
                                    "llm"),
                            List.of())
                    : new Checked<>(null, problems);
        } catch (java.io.IOException | RuntimeException e) {
            return new Checked<>(null, List.of("the reply is not one JSON object"));
        }
    }
}
