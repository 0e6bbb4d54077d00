package dev.lorekeeper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeChannel;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.StubLlm;
import dev.lorekeeper.testing.TestBot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code knowledge.questions-per-minute} per member: the question after the limit gets a polite "wait a minute"
 * for the asker alone and costs no model call, whether asked with /ask or by mentioning the bot; others still ask.
 */
class AskLimitsTest {
    static final int PER_MINUTE = 2;
    static final String TOO_QUICK = "You're asking quickly: please wait a minute and try again.";

    @TempDir
    static Path docs;

    @RegisterExtension
    @Order(1)
    static final Fixture<StubLlm> llm = Fixture.of(() -> new StubLlm());

    @RegisterExtension
    @Order(2)
    static final Fixture<TestBot> bot = Fixture.of(AskLimitsTest::startBot);

    static FakeGuild guild;

    private static TestBot startBot() throws Exception {
        SampleDocs.mintGuideAndInjection(docs);
        llm.get().always(StubLlm.Reply.text("A Warden costs 0.042 ETH [1]."));
        return TestBot.start("mention-answering: true", """
                llm:
                  base-url: %s
                  model: stub-model
                  api-key: test-key
                knowledge:
                  docs: "%s"
                  index: "%s"
                  questions-per-minute: %d
                """.formatted(
                        llm.get().baseUrl(), docs, docs.resolveSibling(docs.getFileName() + "-index"), PER_MINUTE));
    }

    @BeforeAll
    static void start() throws Exception {
        bot.get().app().knowledge().awaitReady(Duration.ofSeconds(60));
        guild = bot.get().discord.guild("Quick Askers");
        bot.get().discord.awaitBotReady(guild);
    }

    @Test
    void theQuestionAfterTheLimitIsRefusedPolitelyWithoutCallingTheModel() {
        FakeMember alice = guild.member("alice");
        for (int i = 0; i < PER_MINUTE; i++) {
            FakeMessage answer =
                    alice.runs("/ask question:how much is the mint? " + i).reply();
            assertThat(answer.embeds().get(0).path("description").asText()).contains("0.042 ETH");
        }
        int calls = llm.get().requests().size();

        FakeMessage refused = alice.runs("/ask question:and the gas?").reply();
        assertThat(refused.content()).isEqualTo(TOO_QUICK);
        assertThat(refused.ephemeral()).isTrue();
        assertThat(llm.get().requests()).hasSize(calls);

        FakeMessage other =
                guild.member("bob").runs("/ask question:how much is the mint?").reply();
        assertThat(other.embeds()).isNotEmpty();
    }

    @Test
    void mentionsCountAgainstTheSameLimit() {
        FakeChannel help = guild.channel("help");
        guild.owner()
                .slash("settings qa-channels", Map.of("channels", help.mention()))
                .reply();
        FakeMember carol = guild.member("carol");
        for (int i = 0; i < PER_MINUTE; i++) {
            carol.runs("/ask question:what does a warden cost? " + i).reply();
        }
        FakeMessage question = carol.says(help, "@Lorekeeper and what does the mint cost?");
        DiscordDouble.await(
                () -> bot.get().discord.channel(question.id()) != null,
                Duration.ofSeconds(10),
                "a thread on the question");
        bot.get().discord.awaitMessageIn(bot.get().discord.channel(question.id()), TOO_QUICK);
    }
}
