package dev.lorekeeper.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeInteraction;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestBot;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Discord's errors and failures reach the bot, and members still get their answers. */
class ResilienceTest {
    @RegisterExtension
    static final Fixture<TestBot> bot = Fixture.of(() -> TestBot.start());

    static FakeGuild guild;

    @BeforeAll
    static void start() {
        guild = bot.get().discord.guild("Resilience");
        bot.get().discord.awaitBotReady(guild);
    }

    @Test
    void replyRejectedAsMalformedIsResentAsPlainText() {
        bot.get().discord.failWith("PATCH", "/webhooks/.*/messages/@original", 1, 400, 50035, "Invalid Form Body");
        FakeInteraction about = guild.member("mallory").runs("/about");
        assertThat(about.awaitText("Wallet verification").content()).contains("Docs Q&A");
        DiscordDouble.await(
                () -> bot.get().discord.requests("PATCH", "/webhooks/.*/messages/@original").stream()
                        .anyMatch(r -> r.status() == 200),
                Duration.ofSeconds(5),
                "the plain-text edit is recorded");
        assertThat(bot.get().discord.requests("PATCH", "/webhooks/.*/messages/@original"))
                .extracting("status")
                .contains(400, 200);
    }

    @Test
    void overLongContentRejectedByDiscordStillReachesTheMember() {
        bot.get()
                .discord
                .failWithInvalidForm(
                        "PATCH",
                        "/webhooks/.*/messages/@original",
                        "content",
                        "BASE_TYPE_MAX_LENGTH",
                        "Must be 2000 or fewer in length.");
        FakeInteraction about = guild.member("longwinded").runs("/about");
        assertThat(about.awaitText("Wallet verification").content()).contains("Lorekeeper");
    }

    @Test
    void invalidComponentLayoutRejectedByDiscordFallsBackToTextWithoutComponents() {
        bot.get()
                .discord
                .failWithInvalidForm(
                        "PATCH",
                        "/webhooks/.*/messages/@original",
                        "components",
                        "BASE_TYPE_BAD_LENGTH",
                        "Must be between 1 and 5 in length.");
        FakeInteraction verify = guild.member("clicker").runs("/verify");
        var reply = verify.awaitText("Link your wallet");
        assertThat(reply.components()).isEmpty();
        assertThat(reply.content())
                .contains("verify page", "Open verify page: " + bot.get().webUrl() + "/verify/");
    }

    @Test
    void duplicatedInteractionIsAnsweredOnceAndTheBotCarriesOn() {
        FakeMember member = guild.member("dup");
        FakeInteraction first = member.runs("/about");
        first.reply();
        bot.get().discord.redeliver(first);
        DiscordDouble.await(
                () -> bot.get()
                                .discord
                                .requests("POST", "/interactions/" + first.id() + "/.*/callback")
                                .size()
                        == 2,
                Duration.ofSeconds(10),
                "second callback attempt recorded");
        assertThat(bot.get().discord.requests("POST", "/interactions/" + first.id() + "/.*/callback"))
                .extracting("status")
                .containsExactly(204, 400);
        assertThat(first.messages()).hasSize(1);
        assertThat(member.runs("/about").reply().content()).contains("Lorekeeper");
    }

    @Test
    void rateLimitedCallbackIsRetriedWithinTheWindow() {
        bot.get().discord.rateLimit("POST", "/interactions/.*/callback", 1, 1);
        FakeInteraction about = guild.member("patient").runs("/about");
        assertThat(about.reply().content()).contains("Lorekeeper");
        assertThat(bot.get().discord.requests("POST", "/interactions/" + about.id() + "/.*/callback"))
                .extracting("status")
                .containsExactly(429, 204);
    }

    @Test
    void droppedGatewayResumesAndNoInteractionIsLost() {
        FakeMember member = guild.member("roamer");
        int resumes = bot.get().discord.resumeCount();
        bot.get().discord.dropGatewayConnections();
        FakeInteraction whileDown = member.runs("/about");
        DiscordDouble.await(() -> bot.get().discord.resumeCount() > resumes, Duration.ofSeconds(20), "RESUME");
        FakeInteraction afterResume = member.runs("/about");
        assertThat(whileDown.reply().content()).contains("Lorekeeper");
        assertThat(afterResume.reply().content()).contains("Lorekeeper");
        assertThat(bot.get().discord.identifyCount())
                .as("resumed, not re-identified")
                .isEqualTo(1);
    }
}
