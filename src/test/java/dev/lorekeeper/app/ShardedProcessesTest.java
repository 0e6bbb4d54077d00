package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.ConfigLoader;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.gate.RoleOutbox;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.BotProcess;
import dev.lorekeeper.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two bot processes with different shard ranges on one PostgreSQL: each server's interactions reach the process
 * that runs its shard, and each process drains only its own servers' role changes.
 */
class ShardedProcessesTest {
    static Lorekeeper start(DiscordDouble discord, String jdbcUrl, String shardIds) throws Exception {
        int port = BotProcess.freePort();
        return Lorekeeper.start(new ConfigLoader(Map.of()).parse("""
                discord:
                  token: %s
                  api-base-url: %s
                  gateway-url: %s
                  shards: { total: 2, ids: "%s" }
                storage:
                  jdbc-url: "%s"
                  username: postgres
                web:
                  bind: 127.0.0.1
                  port: %d
                knowledge:
                  docs: target/no-docs-in-this-test
                """.formatted(discord.token(), discord.apiBaseUrl(), discord.gatewayUrl(), shardIds, jdbcUrl, port),
                null));
    }

    static FakeGuild guildOnShard(DiscordDouble discord, int shard) {
        while (true) {
            FakeGuild g = discord.guild("Shard " + shard + " server");
            if ((g.id() >> 22) % 2 == shard) {
                return g;
            }
        }
    }

    @Test
    void eachProcessServesItsOwnShards() throws Exception {
        String jdbc = TestDatabases.postgresqlUrl();
        try (DiscordDouble discord = DiscordDouble.startSharded(2)) {
            FakeGuild zero = guildOnShard(discord, 0);
            FakeGuild one = guildOnShard(discord, 1);
            Lorekeeper a = start(discord, jdbc, "0");
            Lorekeeper b = start(discord, jdbc, "1");
            try {
                DiscordDouble.await(() -> discord.connectedSessions() == 2, Duration.ofSeconds(30), "two shards up");
                discord.awaitBotReady(zero);
                discord.awaitBotReady(one);
                assertThat(zero.member("z").runs("/about").reply().content()).contains("Shard 0 server");
                assertThat(one.member("o").runs("/about").reply().content()).contains("Shard 1 server");

                FakeRole r0 = zero.role("Holder");
                FakeRole r1 = one.role("Holder");
                FakeMember m0 = zero.member("m0");
                FakeMember m1 = one.member("m1");
                b.close();
                try (Database db = Database.open(jdbc, "postgres", "", 2)) {
                    db.inTransaction(c -> {
                        RoleOutbox.enqueue(c, zero.id(), m0.id(), r0.id(), true, "test", Instant.now());
                        RoleOutbox.enqueue(c, one.id(), m1.id(), r1.id(), true, "test", Instant.now());
                        return null;
                    });
                    DiscordDouble.await(() -> discord.rolesOf(m0).equals(List.of("Holder")), Duration.ofSeconds(15),
                            "shard 0's change applied by process A");
                    assertThat(discord.rolesOf(m1)).as("shard 1's change waits for its process").isEmpty();
                    // the role lands in Discord a moment before the change is marked done
                    DiscordDouble.await(() -> new RoleOutbox(db).pendingCount() == 1, Duration.ofSeconds(5),
                            "only shard 1's change pending");
                    b = start(discord, jdbc, "1");
                    DiscordDouble.await(() -> discord.rolesOf(m1).equals(List.of("Holder")), Duration.ofSeconds(30),
                            "shard 1's change applied once its process is back");
                }
            } finally {
                a.close();
                b.close();
            }
        }
    }
}
