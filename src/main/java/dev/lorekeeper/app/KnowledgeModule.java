package dev.lorekeeper.app;

import dev.lorekeeper.config.Feature;
import dev.lorekeeper.config.KnowledgeConfig;
import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.discord.AskCommand;
import dev.lorekeeper.discord.DocsCommand;
import dev.lorekeeper.discord.QaMessageListener;
import dev.lorekeeper.discord.SlashCommand;
import dev.lorekeeper.knowledge.Answerer;
import dev.lorekeeper.knowledge.BgeEmbedder;
import dev.lorekeeper.knowledge.Chunker;
import dev.lorekeeper.knowledge.Conversations;
import dev.lorekeeper.knowledge.FollowUpRewriter;
import dev.lorekeeper.knowledge.IndexStore;
import dev.lorekeeper.knowledge.KnowledgeService;
import dev.lorekeeper.knowledge.LiveIndex;
import dev.lorekeeper.knowledge.QaReports;
import dev.lorekeeper.knowledge.QuestionLog;
import dev.lorekeeper.settings.FeatureStatus;
import dev.lorekeeper.settings.FeatureStatusSource;
import dev.lorekeeper.web.HealthRoutes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.hooks.EventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Docs Q&A: /ask, /docs, answers to mentions and in threads, and the docs index kept fresh. */
final class KnowledgeModule implements FeatureModule {
    private static final Logger log = LoggerFactory.getLogger(KnowledgeModule.class);

    private final Infra infra;
    private final KnowledgeService knowledge;

    KnowledgeModule(Infra infra) {
        this.infra = infra;
        KnowledgeConfig k = infra.config().knowledge();
        LiveIndex index = new LiveIndex(
                Path.of(k.docs()),
                k.pages(),
                new IndexStore(
                        Path.of(k.index()),
                        new BgeEmbedder(),
                        new Chunker(350, 50),
                        infra.telemetry().registry()));
        LlmParts llm = infra.llm();
        this.knowledge = new KnowledgeService(
                index,
                new Answerer(
                        index::current,
                        llm.gateway(),
                        llm.prompts(),
                        k.minRelevance(),
                        k.topK(),
                        k.baseUrl(),
                        llm.output()),
                new FollowUpRewriter(llm.gateway(), llm.prompts()),
                new QuestionLog(infra.db(), infra.clock()),
                new Conversations(infra.db(), infra.clock()),
                k.questionsPerMinute(),
                Duration.ofMinutes(10),
                infra.telemetry().registry());
        if (knowledge.docsExist()) {
            knowledge.reload(infra.work());
        } else {
            log.warn("no docs folder at {}: /ask will say so (set knowledge.docs)", k.docs());
        }
    }

    KnowledgeService service() {
        return knowledge;
    }

    @Override
    public String name() {
        return "knowledge";
    }

    @Override
    public List<SlashCommand> commands() {
        return List.of(
                new AskCommand(knowledge, infra.settings(), infra.replies()),
                new DocsCommand(knowledge, new QaReports(infra.db(), infra.clock()), infra.settings(), infra.work()));
    }

    @Override
    public List<EventListener> listeners() {
        return List.of(new QaMessageListener(
                knowledge, infra.settings(), infra.config().discord().mentionAnswering(), infra.replies()));
    }

    @Override
    public List<Routine> routines() {
        Duration refresh = infra.config().knowledge().refreshInterval();
        return knowledge.docsExist()
                ? List.of(Routine.local("docs refresh", refresh, refresh, () -> knowledge.reload(infra.work())))
                : List.of();
    }

    @Override
    public List<HealthRoutes.Check> checks() {
        return List.of(new HealthRoutes.Check(
                "index",
                () -> !knowledge.docsExist()
                        ? new HealthRoutes.Status(true, "no docs configured")
                        : knowledge.index().isPresent()
                                ? HealthRoutes.Status.ok()
                                : HealthRoutes.Status.notReady("loading")));
    }

    @Override
    public Optional<FeatureStatusSource> status() {
        LorekeeperConfig config = infra.config();
        return Optional.of(FeatureStatusSource.switchable(
                Feature.QA,
                s -> !knowledge.docsExist()
                        ? FeatureStatus.inactive(
                                Feature.QA,
                                "no docs folder at " + config.knowledge().docs())
                        : knowledge.index().isEmpty()
                                ? FeatureStatus.inactive(Feature.QA, "the docs are being indexed")
                                : FeatureStatus.active(
                                        Feature.QA,
                                        "/ask answers from "
                                                + knowledge.index().get().size()
                                                + " doc sections"
                                                + (config.llmConfigured()
                                                        ? " with "
                                                                + config.llm().model()
                                                        : " by quoting them (no LLM configured)"))));
    }
}
