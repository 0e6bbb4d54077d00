package dev.lorekeeper.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeInteraction;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestBot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reply longer than Discord's 2000 characters arrives whole, as several messages that each fit. */
class RepliesTest {
    static final int GATES = 8;
    // Gates need a configured chain; nothing here reads it.
    @RegisterExtension
    static final Fixture<TestBot> bot = Fixture.of(() -> TestBot.start("""
            chains:
              quiet:
                chain-id: 31337
                rpc-urls: [ "http://127.0.0.1:9" ]
            gating:
              poll-interval: 1h
            """));

    @Test
    void aReplyOverTheLimitArrivesAsSeveralMessagesNoneOverIt() {
        FakeGuild guild = bot.get().discord.guild("Long Lists");
        bot.get().discord.awaitBotReady(guild);
        FakeMember owner = guild.owner();
        String ids = IntStream.rangeClosed(1, 100).mapToObj(Integer::toString).collect(Collectors.joining(","));
        for (int i = 1; i <= GATES; i++) {
            assertThat(owner.slash(
                                    "gate add",
                                    Map.of(
                                            "role",
                                            guild.role("Tier " + i),
                                            "type",
                                            "erc1155",
                                            "chain",
                                            "quiet",
                                            "contract",
                                            "0x" + "%040x".formatted(i),
                                            "ids",
                                            ids,
                                            "name",
                                            "tier" + i))
                            .reply()
                            .content())
                    .contains("Added gate #");
        }

        FakeInteraction list = owner.runs("/gate list");
        list.reply();
        DiscordDouble.await(
                () -> list.messages().stream()
                                .mapToInt(m -> m.content().length())
                                .sum()
                        > GATES * 400,
                Duration.ofSeconds(10),
                "the whole list arrives");
        List<FakeMessage> parts = list.messages();
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts).allSatisfy(m -> {
            assertThat(m.content().length()).isLessThanOrEqualTo(2000);
            assertThat(m.ephemeral()).isTrue();
        });
        String whole = parts.stream().map(FakeMessage::content).collect(Collectors.joining("\n"));
        for (int i = 1; i <= GATES; i++) {
            assertThat(whole).contains("tier" + i + " → ");
        }
        // Split at line ends: every gate's line arrives in one piece.
        assertThat(whole.lines().filter(l -> !l.isBlank()))
                .allMatch(l -> l.startsWith("**Gates**")
                        || l.startsWith("• ")
                                && l.contains("ids [1, 2, 3")
                                && l.strip().endsWith("100];"));
        assertThat(bot.get().discord.requests().stream().filter(r -> r.status() == 400))
                .isEmpty();
    }
}
