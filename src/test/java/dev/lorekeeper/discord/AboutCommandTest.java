package dev.lorekeeper.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeInteraction;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestBot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AboutCommandTest {
    @RegisterExtension
    static final Fixture<TestBot> bot = Fixture.of(() -> TestBot.start());

    @Test
    void registersCommandsAndAnswersAboutEndToEnd() {
        FakeGuild guild = bot.get().discord.guild("Moonbirds Club");
        bot.get().discord.awaitBotReady(guild);
        assertThat(bot.get().discord.registeredCommands(null).findValuesAsText("name"))
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
