package dev.lorekeeper.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lorekeeper.knowledge.Answer;
import dev.lorekeeper.knowledge.Answerer;
import dev.lorekeeper.knowledge.KnowledgeIndex;
import dev.lorekeeper.knowledge.Source;
import dev.lorekeeper.llm.LlmGateway;
import dev.lorekeeper.llm.PromptTemplates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lorekeeper ask}: answers questions from the docs, one JSON line each with --json. */
@Command(
        name = "ask",
        description = "Answer questions from a docs folder (the same way /ask does)",
        mixinStandardHelpOptions = true)
public final class AskCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    KnowledgeOptions knowledge;

    @Mixin
    ConfigOption config;

    @Option(names = "--top-k", description = "How many sources to retrieve (default: knowledge.top-k)")
    Integer topK;

    @Option(names = "--retrieval-only", description = "Skip the LLM: quote the best passages")
    boolean retrievalOnly;

    @Option(names = "--json", description = "One JSON line per question")
    boolean json;

    @Option(names = "--batch", paramLabel = "FILE", description = "One question per line")
    Path batch;

    @Parameters(arity = "0..1", paramLabel = "QUESTION")
    String question;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<String> questions = new ArrayList<>();
        if (batch != null) {
            Files.readAllLines(batch).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .forEach(questions::add);
        }
        if (question != null) {
            questions.add(question);
        }
        if (questions.isEmpty()) {
            throw new CliFailure(2, "error: give a question, or --batch FILE with one question per line");
        }
        var cfg = config.load().config();
        KnowledgeIndex index = KnowledgeOptions.ingest(
                        knowledge.folders(() -> cfg), spec.commandLine().getErr(), json)
                .index();
        LlmGateway llm = retrievalOnly ? null : LlmWiring.gateway(cfg, null, new SimpleMeterRegistry());
        PromptTemplates prompts = new PromptTemplates(Path.of(cfg.llm().prompts()));
        Answerer answerer = new Answerer(
                () -> Optional.of(index),
                llm,
                prompts,
                cfg.knowledge().minRelevance(),
                topK != null ? topK : cfg.knowledge().topK(),
                cfg.knowledge().baseUrl(),
                LlmWiring.output(cfg));
        PrintWriter out = spec.commandLine().getOut();
        for (String q : questions) {
            Answer a = answerer.answer(q);
            out.println(json ? toJson(a) : human(a));
        }
        out.flush();
        return 0;
    }

    static String toJson(Answer a) {
        ObjectNode n = JSON.createObjectNode()
                .put("question", a.question())
                .put("answer", a.text())
                .put("grounded", a.grounded());
        ArrayNode sources = n.putArray("sources");
        for (Source s : a.sources()) {
            ObjectNode o = sources.addObject().put("path", s.path()).put("heading", s.heading());
            ArrayNode h = o.putArray("headings");
            s.headings().forEach(h::add);
            o.put("url", s.url()).put("score", Math.round(s.score() * 10_000) / 10_000.0);
        }
        return n.toString();
    }

    static String human(Answer a) {
        StringBuilder sb = new StringBuilder("Q: " + a.question() + "\n" + a.text() + "\n");
        a.sources()
                .forEach(s -> sb.append("  [")
                        .append(s.number())
                        .append("] ")
                        .append(s.path())
                        .append(" › ")
                        .append(s.heading())
                        .append(s.url() == null ? "" : "  " + s.url())
                        .append('\n'));
        return sb.toString();
    }
}
