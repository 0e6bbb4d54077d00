package dev.lorekeeper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lorekeeper.llm.AllowedLinks;
import dev.lorekeeper.llm.GeneratedText;
import dev.lorekeeper.llm.LlmGateway;
import dev.lorekeeper.llm.PromptTemplates;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.StubLlm;
import dev.lorekeeper.testing.TestEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Answering through langchain4j's real OpenAI client against a stub server, and every offline path. */
class AnswererTest {
    @TempDir
    static Path dir;

    @RegisterExtension
    @Order(1)
    static final Fixture<StubLlm> stub = Fixture.of(AnswererTest::startStub);

    static KnowledgeIndex index;
    static final PromptTemplates PROMPTS =
            new PromptTemplates(Path.of(System.getProperty("project.root", "."), "prompts"));

    private static StubLlm startStub() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        SampleDocs.mintGuideAndInjection(docs);
        Files.writeString(docs.resolve("contract.md"), """
                # Smart contract
                ## Address
                The Emberwake contract is 0x7a3b000000000000000000000000000000e1d9 on Ethereum, an ERC-721.
                ## Royalties
                Secondary sales pay a 5% royalty under EIP-2981.
                """);
        index = new IndexStore(dir.resolve("index"), TestEmbedder.shared(), new Chunker(350, 50))
                .ingest(docs, n -> {})
                .index();
        return new StubLlm();
    }

    static Answerer answerer(LlmGateway llm) {
        return new Answerer(() -> Optional.of(index), llm, PROMPTS, 0.6, 4, "https://docs.example/", OUTPUT);
    }

    static final GeneratedText OUTPUT =
            new GeneratedText(AllowedLinks.of("https://docs.example/", List.of(), List.of()));

    static LlmGateway gateway(Duration timeout) {
        return gateway(timeout, null);
    }

    /** Asserts the model was asked exactly once since {@code before}, about {@code question}. */
    static void assertAskedOnce(int before, String question) {
        List<JsonNode> asked =
                stub.get().requests().subList(before, stub.get().requests().size());
        assertThat(asked).as("requests the model received").singleElement().satisfies(r -> {
            JsonNode messages = r.path("messages");
            assertThat(messages.get(messages.size() - 1).path("content").asText())
                    .contains(question);
        });
    }

    static LlmGateway gateway(Duration timeout, dev.lorekeeper.llm.LlmUsage usage) {
        return LlmGateway.openAiCompatible(
                new LlmGateway.Settings(stub.get().baseUrl(), "stub-model", "test-key", timeout, 2, 512), usage);
    }

    @Test
    void modelAnswersFromMarkedPassagesAndCitesThem() {
        stub.get().then(StubLlm.Reply.text("A Warden costs 0.042 ETH plus gas [1]."));
        int before = stub.get().requests().size();
        Answer a = answerer(gateway(Duration.ofSeconds(5))).answer("how much is mint??");
        assertAskedOnce(before, "how much is mint??");
        assertThat(a.mode()).isEqualTo(Answer.Mode.LLM);
        assertThat(a.grounded()).isTrue();
        assertThat(a.text()).isEqualTo("A Warden costs 0.042 ETH plus gas [1].");
        assertThat(a.sources()).hasSize(1);
        assertThat(a.sources().get(0).path()).isEqualTo("mint.md");
        assertThat(a.sources().get(0).heading()).isEqualTo("Price");
        assertThat(a.sources().get(0).url()).isEqualTo("https://docs.example/mint#price");
        String prompt = stub.get().lastUserPrompt();
        assertThat(prompt)
                .contains(
                        "<untrusted_passages>",
                        "</untrusted_passages>",
                        "<untrusted_question>",
                        "how much is mint??",
                        "[1] Mint guide › Price",
                        "0.042 ETH");
        assertThat(stub.get().lastSystemPrompt()).contains("Answer ONLY from the numbered passages", "untrusted data");
        assertThat(stub.get()
                        .requests()
                        .get(stub.get().requests().size() - 1)
                        .path("model")
                        .asText())
                .isEqualTo("stub-model");
    }

    @Test
    void modelSayingNotInDocsBecomesAnHonestRefusal() {
        stub.get().then(StubLlm.Reply.text("NOT_IN_DOCS"));
        int before = stub.get().requests().size();
        Answer a = answerer(gateway(Duration.ofSeconds(5))).answer("what royalty do secondary sales pay?");
        assertAskedOnce(before, "what royalty do secondary sales pay?");
        assertThat(a.mode()).isEqualTo(Answer.Mode.NOT_COVERED);
        assertThat(a.grounded()).isFalse();
        assertThat(a.text()).startsWith("The docs don't cover this");
        assertThat(a.sources()).isNotEmpty();
    }

    @Test
    void passagesRetrievalWouldAnswerFromAreRefusedWhenTheModelSaysTheyDoNotAnswer() {
        RefusalModel alwaysCovered = new RefusalModel(new double[] {0, 0, 0, 0}, 0);
        Answerer answerer = new Answerer(
                () -> Optional.of(index),
                gateway(Duration.ofSeconds(5)),
                PROMPTS,
                0,
                4,
                "https://docs.example/",
                OUTPUT,
                alwaysCovered);
        String question = "can i get a refund on my mint?";
        assertThat(answerer.covered(index.retrieve(question, 4, RetrievalMode.HYBRID)))
                .isTrue();
        int before = stub.get().requests().size();
        stub.get()
                .then(StubLlm.Reply.text(
                        "The passages give the mint price but say nothing about refunds. NOT_IN_DOCS"));
        Answer a = answerer.answer(question);
        assertThat(stub.get().requests()).hasSize(before + 1);
        assertThat(a.mode()).isEqualTo(Answer.Mode.NOT_COVERED);
        assertThat(a.grounded()).isFalse();
        assertThat(a.text()).startsWith("The docs don't cover this").doesNotContain("NOT_IN_DOCS");
        assertThat(a.sources()).isNotEmpty();
        assertThat(a.sources().get(0).path()).isEqualTo("mint.md");
    }

    @Test
    void withoutAModelEveryRetrievedSectionIsListedThoughFewerAreQuoted() {
        Answerer answerer = new Answerer(
                () -> Optional.of(index),
                null,
                PROMPTS,
                0,
                5,
                null,
                OUTPUT,
                new RefusalModel(new double[] {0, 0, 0, 0}, 0));
        Answer a = answerer.answer("how much is the mint and who is on the allowlist");
        assertThat(a.mode()).isEqualTo(Answer.Mode.EXTRACTIVE);
        assertThat(a.sources()).hasSize(5);
        assertThat(a.sources().stream().map(s -> s.path() + "#" + s.headings()).distinct())
                .hasSize(5);
        assertThat(a.text().split("\n> ")).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void offTopicQuestionsAreNotCoveredWithoutAskingTheModel() {
        int before = stub.get().requests().size();
        Answer a = answerer(gateway(Duration.ofSeconds(5))).answer("what is the capital of Peru?");
        assertThat(a.mode()).isEqualTo(Answer.Mode.NOT_COVERED);
        assertThat(stub.get().requests()).hasSize(before);
    }

    @Test
    void aSpentBudgetQuotesTheDocsWithANoticeAndCallsNothing() {
        try (dev.lorekeeper.store.Database db = dev.lorekeeper.testing.TestDatabases.h2()) {
            dev.lorekeeper.llm.LlmUsage usage = new dev.lorekeeper.llm.LlmUsage(
                    db,
                    new dev.lorekeeper.llm.LlmUsage.Budgets(5_000, 0, 0),
                    new dev.lorekeeper.llm.LlmUsage.Prices(0, 0),
                    java.time.Clock.systemUTC());
            dev.lorekeeper.llm.LlmCall member = dev.lorekeeper.llm.LlmCall.of("qa", 1, 2);
            assertThat(usage.reserve(member, 4_900)).isPresent();
            int before = stub.get().requests().size();
            Answer a = answerer(gateway(Duration.ofSeconds(5), usage)).answer("what is the contract address?", member);
            assertThat(a.mode()).isEqualTo(Answer.Mode.EXTRACTIVE);
            assertThat(a.text()).startsWith("*Today's AI budget is spent").contains("0x7a3b");
            assertThat(stub.get().requests()).hasSize(before);
        }
    }

    @Test
    void aModelAnswerLinksOnlyToTheDocs() {
        stub.get()
                .then(StubLlm.Reply.text("Mint on [the official site](<https://evil.example/mint>), see "
                        + "https://docs.example/mint#price or ｈｔｔｐｓ：／／evil。example/claim [1]."));
        int before = stub.get().requests().size();
        Answer a = answerer(gateway(Duration.ofSeconds(5))).answer("how much is the mint?");
        assertAskedOnce(before, "how much is the mint?");
        assertThat(a.mode()).isEqualTo(Answer.Mode.LLM);
        assertThat(a.text())
                .isEqualTo("Mint on the official site (evil[.]example), see "
                        + "https://docs.example/mint#price or evil[.]example [1].");
    }

    @Test
    void serverErrorsAndTimeoutsFallBackToQuotedPassages() {
        stub.get().then(StubLlm.Reply.error(500));
        int before = stub.get().requests().size();
        Answer failed = answerer(gateway(Duration.ofSeconds(5))).answer("what is the contract address?");
        assertAskedOnce(before, "what is the contract address?");
        assertThat(failed.mode()).isEqualTo(Answer.Mode.EXTRACTIVE);
        assertThat(failed.text()).startsWith("*Quoted from the docs").contains("0x7a3b");
        stub.get().then(StubLlm.Reply.slow("too late", 3000));
        int beforeSlow = stub.get().requests().size();
        Answer slow = answerer(gateway(Duration.ofMillis(500))).answer("what is the contract address?");
        assertAskedOnce(beforeSlow, "what is the contract address?");
        assertThat(slow.mode()).isEqualTo(Answer.Mode.EXTRACTIVE);
        assertThat(slow.grounded()).isTrue();
    }

    @Test
    void withoutAModelTheBestPassagesAreQuotedWithCitations() {
        Answer a = answerer(null).answer("is it erc721 or 1155");
        assertThat(a.mode()).isEqualTo(Answer.Mode.EXTRACTIVE);
        assertThat(a.text()).contains("ERC-721", "[1]");
        assertThat(a.sources().get(0).path()).isEqualTo("contract.md");
    }

    @Test
    void injectedDocumentsCanNotPingOrLeakThePrompt() {
        stub.get().then(StubLlm.Reply.text("Sure! @everyone " + PROMPTS.get("answer-system")));
        int before = stub.get().requests().size();
        Answer a = answerer(gateway(Duration.ofSeconds(5))).answer("any community announcement?");
        assertAskedOnce(before, "any community announcement?");
        assertThat(a.text())
                .doesNotContain("Answer ONLY from the numbered passages")
                .doesNotContain("@everyone");
        stub.get().then(StubLlm.Reply.text("Attention @everyone and @here: mint now <@&123456789012345678> [1]"));
        int beforeB = stub.get().requests().size();
        Answer b = answerer(gateway(Duration.ofSeconds(5))).answer("any community announcement?");
        assertAskedOnce(beforeB, "any community announcement?");
        assertThat(b.text()).doesNotContain("@everyone").doesNotContain("@here").doesNotContain("<@&1");
        Answer offline = answerer(null).answer("any community announcement?");
        assertThat(offline.text()).doesNotContain("@everyone");
    }

    @Test
    void webPagesAreSourcesCitedByTheirOwnUrl() throws Exception {
        com.sun.net.httpserver.HttpServer site =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/help/bridge.html", ex -> {
            byte[] body = ("<html><head><title>Bridge</title></head><body><nav>menu</nav><main><h1>Bridging</h1>"
                            + "<h2>Bridge fees</h2><p>Bridging a Warden to Base costs a flat 0.001 ETH fee.</p></main></body>"
                            + "</html>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        site.start();
        try {
            String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/help/bridge.html";
            Path docs = Files.createDirectories(dir.resolve("docs3"));
            Files.writeString(docs.resolve("a.md"), "# A\n## One\nAlpha text about wallets.\n");
            KnowledgeIndex withPages = new IndexStore(
                            dir.resolve("index3"), TestEmbedder.shared(), new Chunker(350, 50))
                    .ingest(docs, List.of(url, "http://127.0.0.1:1/down.html"), n -> {})
                    .index();
            Answer a = new Answerer(() -> Optional.of(withPages), null, PROMPTS, 0.6, 3, null, OUTPUT)
                    .answer("how much does bridging to base cost");
            assertThat(a.sources().get(0).path()).isEqualTo(url);
            assertThat(a.sources().get(0).url()).isEqualTo(url + "#bridge-fees");
            assertThat(a.text()).contains("0.001 ETH").doesNotContain("menu");
        } finally {
            site.stop(0);
        }
    }

    @Test
    void reingestingReusesUnchangedFilesAndDropsDeletedOnes() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs2"));
        Files.writeString(docs.resolve("a.md"), "# A\n## One\nAlpha text.\n");
        Files.writeString(docs.resolve("b.md"), "# B\n## Two\nBeta text.\n");
        AtomicInteger embedded = new AtomicInteger();
        Embedder counting = new Embedder() {
            @Override
            public String name() {
                return TestEmbedder.shared().name();
            }

            @Override
            public List<float[]> embedDocuments(List<String> texts) {
                embedded.addAndGet(texts.size());
                return TestEmbedder.shared().embedDocuments(texts);
            }

            @Override
            public float[] embedQuery(String text) {
                return TestEmbedder.shared().embedQuery(text);
            }
        };
        IndexStore store = new IndexStore(dir.resolve("index2"), counting, new Chunker(350, 50));
        assertThat(store.ingest(docs, n -> {}).report().embedded()).isEqualTo(2);
        Files.writeString(docs.resolve("b.md"), "# B\n## Two\nBeta text, changed.\n");
        Files.writeString(docs.resolve("c.md"), "# C\n## Three\nGamma text.\n");
        IndexStore.IngestReport second = store.ingest(docs, n -> {}).report();
        assertThat(second.embedded()).isEqualTo(2);
        assertThat(second.unchanged()).isEqualTo(1);
        Files.delete(docs.resolve("a.md"));
        IndexStore.Ingested third = store.ingest(docs, n -> {});
        assertThat(third.report().embedded()).isZero();
        assertThat(third.report().removed()).isEqualTo(1);
        assertThat(third.index().chunks()).extracting(Chunk::path).containsExactlyInAnyOrder("b.md", "c.md");
        assertThat(embedded.get()).isEqualTo(4);
        assertThat(store.load()).isPresent();
    }
}
