package dev.lorekeeper.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeInteraction;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.testing.TestBot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AboutCommandTest {
    static TestBot bot;

    @BeforeAll
    static void start() {
        bot = TestBot.start();
    }

    @AfterAll
    static void stop() {
        bot.close();
    }

    @Test
    void registersCommandsAndAnswersAboutEndToEnd() {
        FakeGuild guild = bot.discord.guild("Moonbirds Club");
        bot.discord.awaitBotReady(guild);
        assertThat(bot.discord.registeredCommands(null).findValuesAsText("name"))
                .contains("about", "settings");

        FakeMember alice = guild.member("alice");
        FakeInteraction about = alice.runs("/about");
        FakeMessage reply = about.reply();

        assertThat(about.awaitCallbackType()).as("deferred, then edited").isEqualTo(5);
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.content())
                .contains(
                        "Moonbirds Club",
                        "Wallet verification",
                        "Token-gated roles",
                        "Docs Q&A",
                        "Characters and quests");
        assertThat(reply.mentionsNothing())
                .as("allowed_mentions %s", reply.allowedMentions())
                .isTrue();
        assertThat(about.callbackAttempts()).isEqualTo(1);
    }
}
