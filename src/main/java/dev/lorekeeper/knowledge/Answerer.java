package dev.lorekeeper.knowledge;

import dev.lorekeeper.llm.GeneratedText;
import dev.lorekeeper.llm.LlmCall;
import dev.lorekeeper.llm.LlmGateway;
import dev.lorekeeper.llm.PromptTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers from the docs only. Retrieval first; below the relevance threshold the answer is an honest "the docs
 * don't cover this" with the closest pages. Otherwise the model writes a cited answer from the passages (marked as
 * untrusted data), or, without a model, the best passages are quoted. Output never carries a mention, nor a link
 * other than to the docs' own hosts and the configured domains.
 */
public final class Answerer {
    static final String NOT_IN_DOCS = "NOT_IN_DOCS";
    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,2})]");
    private static final int QUOTE_CHARS = 420;

    private final Supplier<Optional<KnowledgeIndex>> index;
    private final LlmGateway llm;
    private final PromptTemplates prompts;
    private final double minSimilarity;
    private final int topK;
    private final String baseUrl;
    private final GeneratedText output;
    private final RefusalModel refusal;

    public Answerer(
            Supplier<Optional<KnowledgeIndex>> index,
            LlmGateway llm,
            PromptTemplates prompts,
            double minSimilarity,
            int topK,
            String baseUrl,
            GeneratedText output) {
        this(index, llm, prompts, minSimilarity, topK, baseUrl, output, RefusalModel.DEFAULT);
    }

    /** {@code minSimilarity} is a floor under the cosine; {@code refusal} weighs all the evidence above it. */
    public Answerer(
            Supplier<Optional<KnowledgeIndex>> index,
            LlmGateway llm,
            PromptTemplates prompts,
            double minSimilarity,
            int topK,
            String baseUrl,
            GeneratedText output,
            RefusalModel refusal) {
        this.refusal = refusal;
        this.output = output;
        this.index = index;
        this.llm = llm;
        this.prompts = prompts;
        this.minSimilarity = minSimilarity;
        this.topK = topK;
        this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    }

    static final String QUOTE_HEADER = "*Quoted from the docs (no AI summary):*";
    static final String BUDGET_HEADER =
            "*Today's AI budget is spent, so this is quoted from the docs (no AI summary):*";

    public Answer answer(String question) {
        return answer(question, LlmCall.cli("qa"));
    }

    /** An answer for {@code call}'s member: the model's tokens count against their budget. */
    public Answer answer(String question, LlmCall call) {
        Optional<KnowledgeIndex> idx = index.get();
        if (idx.isEmpty()) {
            return new Answer(
                    question,
                    "The docs are not indexed yet. A moderator can run /docs reload.",
                    false,
                    Answer.Mode.NOT_COVERED,
                    List.of());
        }
        Retrieved retrieved = idx.get().retrieve(question, topK, RetrievalMode.HYBRID);
        List<Hit> hits = retrieved.hits();
        List<Source> sources = sources(hits);
        if (!covered(retrieved)) {
            return notCovered(question, sources);
        }
        if (llm != null) {
            LlmGateway.Outcome outcome = llm.chat(
                    call,
                    prompts.get("answer-system"),
                    prompts.render("answer-user", Map.of("passages", passages(hits), "question", question)));
            if (outcome.reply().isPresent()) {
                String text = outcome.reply().get().text();
                if (text.contains(NOT_IN_DOCS)) {
                    return notCovered(question, sources);
                }
                if (leaksPrompt(text)) {
                    text = "I can't share my instructions, but I'm happy to answer questions about the docs.";
                }
                return new Answer(question, output.defuse(text), true, Answer.Mode.LLM, cited(text, sources));
            }
            return extractive(question, hits, sources, outcome.budgetSpent() ? BUDGET_HEADER : QUOTE_HEADER);
        }
        return extractive(question, hits, sources, QUOTE_HEADER);
    }

    /** Whether the docs answer the question, judged from retrieval alone (no model). */
    public boolean covered(Retrieved retrieved) {
        return covered(retrieved, minSimilarity, refusal);
    }

    /**
     * The cosine floor, then the evidence model. A handful of pages gives idf and margins no meaning (every word is
     * rare, every section a neighbour), so below {@link RefusalModel#MIN_CHUNKS} the floor decides alone.
     */
    public static boolean covered(Retrieved retrieved, double minSimilarity, RefusalModel refusal) {
        return !retrieved.hits().isEmpty()
                && retrieved.evidence().similarity() >= minSimilarity
                && (retrieved.indexSize() < RefusalModel.MIN_CHUNKS || refusal.covered(retrieved.evidence()));
    }

    private Answer notCovered(String question, List<Source> closest) {
        return new Answer(
                question,
                "The docs don't cover this. The closest pages are listed below; a moderator has "
                        + "been told the docs may need this.",
                false,
                Answer.Mode.NOT_COVERED,
                closest);
    }

    private Answer extractive(String question, List<Hit> hits, List<Source> sources, String header) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        int n = Math.min(3, hits.size());
        for (int i = 0; i < n; i++) {
            String text = hits.get(i).chunk().text().replaceAll("\\s+", " ").strip();
            if (text.length() > QUOTE_CHARS) {
                int cut = text.lastIndexOf(". ", QUOTE_CHARS);
                text = text.substring(0, cut > QUOTE_CHARS / 2 ? cut + 1 : QUOTE_CHARS) + " …";
            }
            sb.append("> ").append(text).append(" [").append(i + 1).append("]\n");
        }
        // Every retrieved section is listed, in rank order; only the best few are quoted.
        return new Answer(question, output.defuse(sb.toString().strip()), true, Answer.Mode.EXTRACTIVE, sources);
    }

    /** Passages numbered as the model cites them. */
    private static String passages(List<Hit> hits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hits.size(); i++) {
            Chunk c = hits.get(i).chunk();
            sb.append('[')
                    .append(i + 1)
                    .append("] ")
                    .append(c.title())
                    .append(" › ")
                    .append(c.heading())
                    .append('\n')
                    .append(c.text())
                    .append("\n\n");
        }
        return sb.toString().strip();
    }

    private List<Source> sources(List<Hit> hits) {
        List<Source> out = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            Chunk c = hits.get(i).chunk();
            String anchor = c.anchor().isEmpty() ? "" : "#" + c.anchor();
            String url = c.path().startsWith("http://") || c.path().startsWith("https://")
                    ? c.path() + anchor
                    : baseUrl == null
                            ? null
                            : baseUrl + c.path().replaceFirst("\\.(md|markdown|txt|html?)$", "") + anchor;
            out.add(new Source(
                    i + 1,
                    c.path(),
                    c.title(),
                    c.heading(),
                    c.headings(),
                    url,
                    hits.get(i).score()));
        }
        return out;
    }

    /** The sources the model cited, in their original numbering; all of them if it cited none. */
    private static List<Source> cited(String text, List<Source> sources) {
        List<Source> out = new ArrayList<>();
        Matcher m = CITATION.matcher(text);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n >= 1 && n <= sources.size() && !out.contains(sources.get(n - 1))) {
                out.add(sources.get(n - 1));
            }
        }
        out.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return out.isEmpty() ? sources : out;
    }

    private boolean leaksPrompt(String text) {
        String system = prompts.get("answer-system").replaceAll("\\s+", " ");
        String flat = text.replaceAll("\\s+", " ");
        for (int i = 0; i + 60 <= system.length(); i += 60) {
            if (flat.contains(system.substring(i, i + 60))) {
                return true;
            }
        }
        return false;
    }

    /** Mentions are never allowed to ping anyway; this keeps them from even looking like pings. */
}
