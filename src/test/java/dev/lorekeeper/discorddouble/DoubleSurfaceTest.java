package dev.lorekeeper.discorddouble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestBot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.UserSnowflake;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberJoinEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberRemoveEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rest of the double's surface, driven by the bot's real JDA client: events, roles, threads, DMs. */
class DoubleSurfaceTest {
    @RegisterExtension
    static final Fixture<TestBot> bot = Fixture.of(() -> TestBot.start());

    static FakeGuild guild;
    static JDA jda;
    static final List<GenericEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        guild = bot.get().discord.guild("Surface");
        bot.get().discord.awaitBotReady(guild);
        jda = bot.get().app().jda();
        jda.addEventListener((net.dv8tion.jda.api.hooks.EventListener) events::add);
        DiscordDouble.await(() -> jda.getGuildById(guild.id()) != null, Duration.ofSeconds(10), "guild cached");
    }

    Guild jdaGuild() {
        return jda.getGuildById(guild.id());
    }

    @Test
    void messagesMentioningTheBotArriveWithTheMention() {
        FakeMember alice = guild.member("alice");
        alice.says(guild.channel("general"), "@Lorekeeper how do I mint?");
        DiscordDouble.await(
                () -> events.stream()
                        .anyMatch(e -> e instanceof MessageReceivedEvent m
                                && m.getMessage().getContentRaw().contains("how do I mint")),
                Duration.ofSeconds(10),
                "message event");
        MessageReceivedEvent e = events.stream()
                .filter(MessageReceivedEvent.class::isInstance)
                .map(MessageReceivedEvent.class::cast)
                .filter(m -> m.getMessage().getContentRaw().contains("mint"))
                .findFirst()
                .orElseThrow();
        assertThat(e.getAuthor().getName()).isEqualTo("alice");
        assertThat(e.getMessage().getMentions().isMentioned(jda.getSelfUser())).isTrue();
        assertThat(e.isFromGuild()).isTrue();
    }

    @Test
    void joinsAndLeavesAreDispatched() {
        FakeMember newcomer = guild.memberJoins("newcomer");
        DiscordDouble.await(
                () -> events.stream()
                        .anyMatch(e -> e instanceof GuildMemberJoinEvent j
                                && j.getUser().getIdLong() == newcomer.id()),
                Duration.ofSeconds(10),
                "join event");
        newcomer.leaves();
        DiscordDouble.await(
                () -> events.stream()
                        .anyMatch(e -> e instanceof GuildMemberRemoveEvent r
                                && r.getUser().getIdLong() == newcomer.id()),
                Duration.ofSeconds(10),
                "leave event");
    }

    @Test
    void rolesAreAddedAndRemovedAndTheBotsCacheFollows() {
        FakeRole holder = guild.role("Holder");
        FakeMember bob = guild.member("bob");
        DiscordDouble.await(() -> jdaGuild().getRoleById(holder.id()) != null, Duration.ofSeconds(10), "role cached");
        jdaGuild()
                .addRoleToMember(UserSnowflake.fromId(bob.id()), jdaGuild().getRoleById(holder.id()))
                .complete();
        assertThat(bot.get().discord.rolesOf(bob)).containsExactly("Holder");
        jdaGuild()
                .removeRoleFromMember(UserSnowflake.fromId(bob.id()), jdaGuild().getRoleById(holder.id()))
                .complete();
        assertThat(bot.get().discord.rolesOf(bob)).isEmpty();
        assertThat(bot.get().discord.roleChanges())
                .extracting(DiscordDouble.RoleChange::added)
                .containsSubsequence(true, false);
    }

    @Test
    void roleAboveTheBotIsRefusedByDiscord() throws Exception {
        FakeRole vip = guild.roleAboveBot("VIP");
        FakeMember carol = guild.member("carol");
        var http = java.net.http.HttpClient.newHttpClient();
        var res = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(bot.get().discord.apiBaseUrl() + "/guilds/" + guild.id()
                                        + "/members/" + carol.id() + "/roles/" + vip.id()))
                        .header("Authorization", "Bot " + bot.get().discord.token())
                        .PUT(java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.body()).contains("50013");
        assertThat(bot.get().discord.rolesOf(carol)).isEmpty();
    }

    @Test
    void channelMessagesThreadsAndDirectMessages() {
        FakeChannel general = guild.channel("general");
        Message posted = jdaGuild()
                .getTextChannelById(general.id())
                .sendMessage("Hello @everyone")
                .complete();
        assertThat(bot.get().discord.messagesIn(general))
                .extracting(FakeMessage::content)
                .contains("Hello @everyone");
        FakeMessage stored = bot.get().discord.messagesIn(general).stream()
                .filter(m -> m.content().equals("Hello @everyone"))
                .findFirst()
                .orElseThrow();
        assertThat(stored.mentionsNothing())
                .as("no mention is allowed by default")
                .isTrue();

        ThreadChannel thread = posted.createThreadChannel("Answer").complete();
        thread.sendMessage("In the thread").complete();
        FakeChannel fakeThread = bot.get().discord.channel(thread.getIdLong());
        assertThat(fakeThread.isThread()).isTrue();
        assertThat(bot.get().discord.messagesIn(fakeThread))
                .extracting(FakeMessage::content)
                .containsExactly("In the thread");

        FakeMember dora = guild.member("dora");
        jda.openPrivateChannelById(dora.id())
                .flatMap(dm -> dm.sendMessage("Psst"))
                .complete();
        assertThat(bot.get().discord.dmsTo(dora))
                .extracting(FakeMessage::content)
                .containsExactly("Psst");
    }

    @Test
    void guildScopedRegistrationWhenADevGuildIsSet() {
        try (TestBot devBot = TestBot.startWith(d -> d.guild("Dev Server"), g -> "dev-guild-id: \"" + g.id() + "\"")) {
            FakeGuild dev = devBot.discord.guilds().iterator().next();
            devBot.discord.awaitBotReady(dev);
            assertThat(devBot.discord.registeredCommands(dev).findValuesAsText("name"))
                    .contains("about", "verify");
            assertThat(devBot.discord.registeredCommands(null)).isEmpty();
        }
    }
}
