package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.store.Jdbc;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member who verifies during a server-wide resync must not wait hours behind it: with the pace at 2 changes per 10
 * seconds and a backlog of bulk changes queued, an interactive change queued after the first window is the next one
 * Discord sees, and each change is still applied exactly once. Nor must a member wait behind another server whose
 * Discord answers slowly.
 */
class OutboxPriorityTest {
    static final int BULK = 3;
    static final int PER_TEN_SECONDS = 2;
    static final Duration SLOW_ANSWER = Duration.ofSeconds(2);

    static final String JDBC = TestDatabases.postgresqlUrl();

    @RegisterExtension
    @Order(1)
    static final Fixture<TestBot> bot = Fixture.of(
            () -> TestBot.startOn(JDBC, "gating:\n  role-changes-per-ten-seconds: " + PER_TEN_SECONDS + "\n"));

    @RegisterExtension
    @Order(2)
    static final Fixture<Database> db = Fixture.of(() -> Database.open(JDBC, "postgres", "", 2));

    @Test
    void anInteractiveChangeIsSentBeforeTheRemainingBulkChanges() {
        {
            TestBot bot = OutboxPriorityTest.bot.get();
            Database db = OutboxPriorityTest.db.get();
            FakeGuild guild = bot.discord.guild("Backlog Club");
            bot.discord.awaitBotReady(guild);
            FakeRole holder = guild.role("Holder");
            List<FakeMember> bulk = new ArrayList<>();
            for (int i = 0; i < BULK; i++) {
                bulk.add(guild.member("resynced" + i));
            }
            FakeMember verified = guild.member("verified");

            db.inTransaction(c -> {
                for (FakeMember m : bulk) {
                    RoleOutbox.enqueue(c, guild.id(), m.id(), holder.id(), true, "resync", SyncKind.RESYNC, now());
                }
                return null;
            });
            DiscordDouble.await(
                    () -> changesIn(bot, guild).size() >= PER_TEN_SECONDS,
                    Duration.ofSeconds(15),
                    "the first window's bulk changes applied");
            assertThat(changesIn(bot, guild)).as("the pace holds the rest back").hasSize(PER_TEN_SECONDS);
            db.inTransaction(c -> RoleOutbox.enqueue(
                    c, guild.id(), verified.id(), holder.id(), true, "verified", SyncKind.INTERACTIVE, now()));

            DiscordDouble.await(
                    () -> changesIn(bot, guild).size() == BULK + 1, Duration.ofSeconds(45), "every change applied");
            List<Long> order = changesIn(bot, guild);
            assertThat(order.indexOf(verified.id()))
                    .as("the interactive change opens the next window, ahead of %d bulk ones", BULK - PER_TEN_SECONDS)
                    .isEqualTo(PER_TEN_SECONDS);
            assertThat(order).as("each change once").doesNotHaveDuplicates();
            DiscordDouble.await(
                    () -> new RoleOutbox(db, Clock.systemUTC()).pendingCount() == 0,
                    Duration.ofSeconds(5),
                    "the outbox drained");
            List<String> outcomes = db.withConnection(c -> Jdbc.list(
                    c, "SELECT outcome FROM role_outbox WHERE guild_id = ?", rs -> rs.getString(1), guild.id()));
            assertThat(outcomes).hasSize(BULK + 1).containsOnly("applied");
        }
    }

    @Test
    void aServerWhoseDiscordAnswersSlowlyDoesNotHoldBackAnotherServersChange() {
        TestBot bot = OutboxPriorityTest.bot.get();
        FakeGuild slow = bot.discord.guild("Slow Club");
        FakeGuild quick = bot.discord.guild("Quick Club");
        bot.discord.awaitBotReady(slow);
        bot.discord.awaitBotReady(quick);
        bot.discord.answerSlowly("PUT", "/guilds/" + slow.id() + "/members/\\d+/roles/\\d+", SLOW_ANSWER);
        FakeRole slowRole = slow.role("Holder");
        FakeMember first = slow.member("slow0");
        FakeMember second = slow.member("slow1");
        FakeMember verified = quick.member("verified");
        db.get().inTransaction(c -> {
            for (FakeMember m : List.of(first, second)) {
                RoleOutbox.enqueue(c, slow.id(), m.id(), slowRole.id(), true, "resync", SyncKind.RESYNC, now());
            }
            return null;
        });
        DiscordDouble.await(
                () -> changesIn(bot, slow).size() == 1,
                Duration.ofSeconds(15),
                "Discord applied the slow server's first change and holds its answer");
        db.get()
                .inTransaction(c -> RoleOutbox.enqueue(
                        c,
                        quick.id(),
                        verified.id(),
                        quick.role("Holder").id(),
                        true,
                        "verified",
                        SyncKind.INTERACTIVE,
                        now()));

        DiscordDouble.await(
                () -> changesIn(bot, slow).size() == 2 && changesIn(bot, quick).size() == 1,
                Duration.ofSeconds(30),
                "every change applied");
        long quickAt = atNanos(bot, quick, verified);
        assertThat(quickAt)
                .as("the other server's change went out while the slow server waited for its answer")
                .isLessThan(atNanos(bot, slow, second));
    }

    private static long atNanos(TestBot bot, FakeGuild guild, FakeMember member) {
        return bot.discord.roleChanges().stream()
                .filter(c -> c.guildId() == guild.id() && c.userId() == member.id())
                .mapToLong(DiscordDouble.RoleChange::atNanos)
                .findFirst()
                .orElseThrow();
    }

    private static java.time.Instant now() {
        return Clock.systemUTC().instant();
    }

    /** The members whose role changed in this server, in the order Discord saw the changes. */
    private static List<Long> changesIn(TestBot bot, FakeGuild guild) {
        return bot.discord.roleChanges().stream()
                .filter(c -> c.guildId() == guild.id())
                .map(DiscordDouble.RoleChange::userId)
                .toList();
    }
}
