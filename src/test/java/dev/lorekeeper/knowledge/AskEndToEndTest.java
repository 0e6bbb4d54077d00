package dev.lorekeeper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeInteraction;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.StubLlm;
import dev.lorekeeper.testing.TestBot;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** /ask end to end: the real bot and JDA, the double, the in-process embedding model and a stub LLM. */
class AskEndToEndTest {
    @TempDir
    static Path docs;

    @RegisterExtension
    @Order(1)
    static final Fixture<StubLlm> llm = Fixture.of(() -> new StubLlm());

    @RegisterExtension
    @Order(2)
    static final Fixture<TestBot> bot = Fixture.of(AskEndToEndTest::startBot);

    static FakeGuild guild;

    private static TestBot startBot() throws Exception {
        SampleDocs.mintGuideAndInjection(docs);
        return TestBot.start("mention-answering: true", """
                llm:
                  base-url: %s
                  model: stub-model
                  api-key: test-key
                  timeout: 5s
                  work-threads: 2
                  work-queue: 2
                knowledge:
                  docs: "%s"
                  index: "%s"
                  base-url: https://docs.example/
                """.formatted(
                        llm.get().baseUrl(), docs, docs.resolveSibling(docs.getFileName() + "-index")));
    }

    @BeforeAll
    static void start() throws Exception {
        bot.get().app().knowledge().awaitReady(Duration.ofSeconds(60));
        guild = bot.get().discord.guild("Ask Club");
        bot.get().discord.awaitBotReady(guild);
    }

    /** The requests the model received since {@code before}: a quoted answer would pass without any. */
    static List<JsonNode> askedSince(int before) {
        List<JsonNode> all = llm.get().requests();
        return all.subList(before, all.size());
    }

    static void assertAskedOnce(int before, String question) {
        assertThat(askedSince(before))
                .as("requests the model received")
                .singleElement()
                .satisfies(r -> assertThat(r.toString()).contains(question));
    }

    @Test
    void askAnswersWithSourcesAndFeedbackButtons() throws Exception {
        llm.get().then(StubLlm.Reply.text("A Warden costs 0.042 ETH plus gas [1]."));
        FakeMember alice = guild.member("alice");
        int before = llm.get().requests().size();
        FakeInteraction ask = alice.runs("/ask question:how much is the mint?");
        FakeMessage reply = ask.reply();
        assertAskedOnce(before, "how much is the mint?");
        assertThat(ask.awaitCallbackType()).isEqualTo(5);
        assertThat(reply.ephemeral()).isFalse();
        assertThat(reply.mentionsNothing()).isTrue();
        JsonNode embed = reply.embeds().get(0);
        assertThat(embed.path("title").asText()).isEqualTo("how much is the mint?");
        assertThat(embed.path("description").asText()).isEqualTo("A Warden costs 0.042 ETH plus gas [1].");
        assertThat(embed.at("/fields/0/name").asText()).isEqualTo("Sources");
        assertThat(embed.at("/fields/0/value").asText())
                .contains("[1] [Mint guide › Price](https://docs.example/mint#price)");
        assertThat(reply.buttons())
                .extracting(FakeMessage.Button::label)
                .containsExactly("👍 Helpful", "👎 Not helpful");

        FakeInteraction vote = alice.clicks(reply.button("Not helpful"));
        assertThat(vote.reply().ephemeral()).isTrue();
        try (Database db = Database.open(bot.get().jdbcUrl, "", "", 1)) {
            boolean helpful = db.withConnection(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT helpful FROM ask_feedback")) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            });
            assertThat(helpful).isFalse();
        }
    }

    @Test
    void whenTheLlmFailsMembersStillGetQuotedAnswers() {
        llm.get().then(StubLlm.Reply.error(500));
        int before = llm.get().requests().size();
        FakeMessage reply = guild.member("bob")
                .runs("/ask question:who can mint early allowlist?")
                .reply();
        assertAskedOnce(before, "who can mint early allowlist?");
        JsonNode embed = reply.embeds().get(0);
        assertThat(embed.path("description").asText())
                .startsWith("*Quoted from the docs")
                .contains("Allowlisted");
        assertThat(embed.at("/footer/text").asText()).contains("no AI summary");
    }

    @Test
    void injectedDocsCanNotPingAnyone() {
        llm.get().then(StubLlm.Reply.text("@everyone listen up [1]"));
        int before = llm.get().requests().size();
        FakeMessage reply = guild.member("carol")
                .runs("/ask question:any community announcements?")
                .reply();
        assertAskedOnce(before, "any community announcements?");
        assertThat(reply.text()).doesNotContain("@everyone");
        assertThat(reply.mentionsNothing()).isTrue();
    }

    @Test
    void offTopicQuestionsSayTheDocsDoNotCoverThem() {
        FakeMessage reply = guild.member("dave")
                .runs("/ask question:what is the capital of Peru?")
                .reply();
        assertThat(reply.embeds().get(0).path("description").asText()).startsWith("The docs don't cover this");
        assertThat(reply.embeds().get(0).at("/fields/0/name").asText()).isEqualTo("Closest pages");
    }

    @Test
    void followUpsInTheAnswerThreadUseTheConversation() {
        llm.get().then(StubLlm.Reply.text("Allowlisted wallets may mint two Wardens early [1]."));
        FakeMember fay = guild.member("fay");
        int before = llm.get().requests().size();
        FakeMessage answer = fay.runs("/ask question:who gets to mint early?").reply();
        dev.lorekeeper.discorddouble.DiscordDouble.await(
                () -> bot.get().discord.channel(answer.id()) != null, Duration.ofSeconds(10), "a thread on the answer");
        dev.lorekeeper.discorddouble.FakeChannel thread = bot.get().discord.channel(answer.id());
        assertThat(thread.isThread()).isTrue();
        assertThat(thread.name()).isEqualTo("who gets to mint early?");

        llm.get()
                .then(
                        StubLlm.Reply.text("How many Wardens can an allowlisted wallet mint early?"),
                        StubLlm.Reply.text("Two Wardens, one day before the public sale [1]."));
        fay.says(thread, "how many can they mint?");
        FakeMessage followUp = bot.get().discord.awaitMessageIn(thread, "Two Wardens");
        assertThat(followUp.embeds().get(0).path("title").asText())
                .isEqualTo("How many Wardens can an allowlisted wallet mint early?");
        assertThat(askedSince(before))
                .as("the answer, then the follow-up's rewrite and its answer")
                .hasSize(3);
        assertThat(llm.get().requests().get(llm.get().requests().size() - 2).toString())
                .contains("untrusted_conversation", "who gets to mint early?", "how many can they mint?");
    }

    @Test
    void mentioningTheBotInAQaChannelAnswersInANewThread() {
        dev.lorekeeper.discorddouble.FakeChannel help = guild.channel("help");
        FakeMember mod = guild.member("mod", guild.role("Mods", dev.lorekeeper.discorddouble.Perms.MANAGE_GUILD));
        mod.slash("settings qa-channels", java.util.Map.of("channels", help.mention()))
                .reply();
        llm.get().then(StubLlm.Reply.text("A Warden costs 0.042 ETH [1]."));
        int before = llm.get().requests().size();
        FakeMessage question = guild.member("gus").says(help, "@Lorekeeper what does a warden cost?");
        dev.lorekeeper.discorddouble.DiscordDouble.await(
                () -> bot.get().discord.channel(question.id()) != null,
                Duration.ofSeconds(10),
                "a thread on the question");
        FakeMessage reply = bot.get().discord.awaitMessageIn(bot.get().discord.channel(question.id()), "0.042 ETH");
        assertThat(reply.mentionsNothing()).isTrue();
        assertThat(reply.text())
                .as("the model's answer, not a quote of the docs")
                .contains("A Warden costs 0.042 ETH [1].");
        assertAskedOnce(before, "what does a warden cost?");
    }

    @Test
    void moderatorsSeeGapsStatsWithAChartAndCanReload() {
        guild.member("q1")
                .runs("/ask question:what is the airspeed of a swallow?")
                .reply();
        guild.member("q2").runs("/ask question:whats the airspeed of swallows").reply();
        llm.get().then(StubLlm.Reply.text("Wardens are minted on Ethereum [1]."));
        FakeMember hal = guild.member("hal");
        FakeMessage unhelpful =
                hal.runs("/ask question:what do I pay for a public sale warden").reply();
        hal.clicks(unhelpful.button("Not helpful")).reply();
        FakeMember mod =
                guild.member("docsmod", guild.role("DocMods", dev.lorekeeper.discorddouble.Perms.MANAGE_GUILD));
        FakeMessage gaps = mod.runs("/docs gaps").reply();
        assertThat(gaps.content())
                .contains("×2 what is the airspeed of a swallow?", "×1 what do I pay for a public sale warden  (👎 1)");
        FakeMessage stats = mod.runs("/docs stats").reply();
        assertThat(stats.content()).contains("questions", "answered from the docs", "feedback");
        JsonNode file = stats.request().path("_files").get(0);
        assertThat(file.path("filename").asText()).isEqualTo("qa-stats.png");
        assertThat(file.path("size").asLong()).isGreaterThan(1000);
        assertThat(mod.runs("/docs reload").awaitText("Docs reloaded").content())
                .contains("2 files", "0 new or changed");
    }

    @Test
    void llmAndRetrievalShowInMetrics() throws Exception {
        llm.get().then(StubLlm.Reply.text("A Warden costs 0.042 ETH [1]."));
        int before = llm.get().requests().size();
        guild.member("ivy").runs("/ask question:price of one warden in eth").reply();
        assertAskedOnce(before, "price of one warden in eth");
        String metrics = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(bot.get().adminUrl() + "/metrics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics)
                .contains(
                        "lorekeeper_llm_latency_seconds_count{outcome=\"ok\"}",
                        "lorekeeper_llm_tokens_total{direction=\"in\"}",
                        "lorekeeper_retrieval_seconds_count",
                        "cache_gets_total{cache=\"answers\",result=\"miss\"}");
    }

    @Test
    void aSlowModelDoesNotFreezeOtherCommandsAndAFloodIsToldToRetry() {
        // Every question hangs on the model; more arrive than the reply workers (2) and their queue (2) take.
        llm.get().always(StubLlm.Reply.slow("A Warden costs 0.042 ETH [1].", 3_000));
        int before = llm.get().requests().size();
        try {
            java.util.List<FakeInteraction> asks = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                asks.add(guild.member("flood" + i).runs("/ask question:what is the mint price per warden?"));
            }
            asks.forEach(a -> a.awaitCallbackType(Duration.ofSeconds(3)));
            FakeInteraction about = guild.member("patient").runs("/about");
            assertThat(about.awaitMessage(m -> true, Duration.ofSeconds(2)).content())
                    .contains("Lorekeeper");

            java.util.List<FakeMessage> replies = asks.stream()
                    .map(a -> a.awaitMessage(m -> true, Duration.ofSeconds(30)))
                    .toList();
            assertThat(replies)
                    .filteredOn(m -> m.content().contains("busy"))
                    .hasSize(6)
                    .allMatch(FakeMessage::ephemeral);
            assertThat(replies)
                    .filteredOn(m -> !m.embeds().isEmpty())
                    .hasSize(4)
                    .allMatch(
                            m -> m.embeds().get(0).path("description").asText().contains("0.042 ETH [1]."));
            // Answers are cached per question and concurrent askers share one load: one model call serves all four.
            assertAskedOnce(before, "what is the mint price per warden?");
        } finally {
            llm.get().always(StubLlm.Reply.text("NOT_IN_DOCS"));
        }
    }

    @Test
    void aboutShowsQaIsActive() {
        assertThat(guild.member("erin").runs("/about").reply().content()).contains("Docs Q&A**: enabled", "stub-model");
    }
}
