package dev.lorekeeper.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.FeatureSwitches;
import dev.lorekeeper.config.GuildDefaults;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.gate.RoleOps;
import dev.lorekeeper.settings.GuildSettingsService;
import dev.lorekeeper.store.JdbcGuildSettingsStore;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.testing.TestDatabases;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sweep reads its members' roles from the server's member list, streamed once over the gateway, rather than one
 * request per member; the bot keeps no member list of its own.
 */
class MemberListRolesTest {
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
    void aSweepReadsTheRolesOfHundredsOfMembersWithOneMemberListRequest() {
        FakeGuild guild = bot.discord.guild("Crowded");
        guild.populate(600);
        bot.discord.awaitBotReady(guild);
        FakeRole holder = guild.role("Holder");
        FakeMember alice = guild.member("alice", holder);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ids.add(guild.populatedId(i));
        }
        ids.add(alice.id());
        long gone = 42L;
        ids.add(gone);
        JdaRoleOps roles = new JdaRoleOps(
                id -> bot.app().jda().getGuildById(id),
                new GuildSettingsService(
                        new GuildDefaults(null, List.of(), null, new FeatureSwitches(true, true, false, false), false),
                        new JdbcGuildSettingsStore(TestDatabases.h2(), Clock.systemUTC())));
        int requestsBefore = bot.discord.memberChunkRequests();

        RoleOps.Roles read = roles.rolesOf(guild.id(), ids);

        assertThat(bot.discord.memberChunkRequests() - requestsBefore).isEqualTo(1);
        assertThat(read.unreadable()).isEmpty();
        assertThat(read.current()).hasSize(601).doesNotContainKey(gone);
        assertThat(read.current().get(alice.id())).isEqualTo(Set.of(holder.id()));
        assertThat(read.current().get(guild.populatedId(7))).isEmpty();
        assertThat(bot.app().jda().getGuildById(guild.id()).getMemberCache().size())
                .as("members read for a sweep are not kept")
                .isLessThanOrEqualTo(1);
    }
}
