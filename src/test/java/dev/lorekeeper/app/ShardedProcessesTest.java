package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.gate.RoleOutbox;
import dev.lorekeeper.gate.SyncKind;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.BotProcess;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.TestContracts;
import dev.lorekeeper.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;

/**
 * Two bot processes with different shard ranges on one PostgreSQL: each server's interactions reach the process
 * that runs its shard, and each process drains only its own servers' role changes; the chain watcher runs on one of
 * them, and when that one is killed the other takes it over.
 */
class ShardedProcessesTest {
    @TempDir
    Path dir;

    static Lorekeeper start(DiscordDouble discord, String jdbcUrl, String shardIds) throws Exception {
        return start(discord, jdbcUrl, shardIds, "");
    }

    static Lorekeeper start(DiscordDouble discord, String jdbcUrl, String shardIds, String extraYaml) throws Exception {
        return Lorekeeper.start(Configs.loader(Map.of()).parse(yaml(discord, jdbcUrl, shardIds, extraYaml), null));
    }

    static String yaml(DiscordDouble discord, String jdbcUrl, String shardIds, String extraYaml) {
        return """
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
                  admin-port: 0
                knowledge:
                  docs: target/no-docs-in-this-test
                """.formatted(
                                discord.token(),
                                discord.apiBaseUrl(),
                                discord.gatewayUrl(),
                                shardIds,
                                jdbcUrl,
                                BotProcess.freePort())
                + extraYaml;
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
                        Instant now = Clock.systemUTC().instant();
                        RoleOutbox.enqueue(c, zero.id(), m0.id(), r0.id(), true, "test", SyncKind.INTERACTIVE, now);
                        RoleOutbox.enqueue(c, one.id(), m1.id(), r1.id(), true, "test", SyncKind.INTERACTIVE, now);
                        return null;
                    });
                    DiscordDouble.await(
                            () -> discord.rolesOf(m0).equals(List.of("Holder")),
                            Duration.ofSeconds(15),
                            "shard 0's change applied by process A");
                    // the role lands in Discord a moment before the change is marked done
                    RoleOutbox outbox = new RoleOutbox(db, Clock.systemUTC());
                    DiscordDouble.await(
                            () -> outbox.pendingCount() == 1, Duration.ofSeconds(5), "only shard 1's change pending");
                    // A drains every 250 ms: in eight passes it must leave shard 1's change alone.
                    DiscordDouble.holdsFor(
                            () -> discord.rolesOf(m1).isEmpty() && changesTo(discord, m1) == 0,
                            Duration.ofSeconds(2),
                            "shard 1's change waits for its process");
                    b = start(discord, jdbc, "1");
                    DiscordDouble.await(
                            () -> discord.rolesOf(m1).equals(List.of("Holder")),
                            Duration.ofSeconds(30),
                            "shard 1's change applied once its process is back");
                    DiscordDouble.holdsFor(
                            () -> changesTo(discord, m0) == 1 && changesTo(discord, m1) == 1,
                            Duration.ofSeconds(2),
                            "each change applied by one process, once");
                }
            } finally {
                a.close();
                b.close();
            }
        }
    }

    @Test
    void theWatcherOnOneProcessMovesRolesInTheOthersServersAndIsTakenOverWhenKilled() throws Exception {
        String jdbc = TestDatabases.postgresqlUrl();
        try (Anvil anvil = Anvil.start();
                DiscordDouble discord = DiscordDouble.startSharded(2)) {
            String minter = anvil.accounts().get(0);
            TestContracts.placeAt(anvil, "Multicall3", GatingConfig.MULTICALL3);
            String nft =
                    TestContracts.deploy(anvil, "TestNftEnumerable", minter, List.of(new Utf8String("https://m/")));
            FakeGuild one = guildOnShard(discord, 1);
            FakeRole holder = one.role("Holder");
            String yaml = ManualVerify.anvilChainYaml(anvil, anvil.url()) + """
                    gating:
                      poll-interval: 300ms
                      confirmations: 0
                      cache-ttl: 1s
                    gates:
                      - guild-id: "%d"
                        role-id: "%d"
                        name: Holders
                        rule: { type: erc721, chain: anvil, contract: "%s" }
                    """.formatted(one.id(), holder.id(), nft);
            // Process A (shard 0, its own JVM) starts first and takes the chain watcher's lease; server "one" is on
            // B's shard, so A plans its role changes and B applies them. Then A is killed: B takes the watcher over.
            Path config = dir.resolve("a.yaml");
            Files.writeString(config, yaml(discord, jdbc, "0", yaml));
            Process a = BotProcess.launch(
                    config,
                    Path.of(System.getProperty("project.root", ".")),
                    ProcessBuilder.Redirect.to(dir.resolve("a.log").toFile()));
            Lorekeeper b = null;
            try (Database db = Database.open(jdbc, "postgres", "", 2)) {
                DiscordDouble.await(
                        () -> leaseOwner(db, "chain-watcher") != null,
                        Duration.ofSeconds(60),
                        "process A holds the chain watcher");
                String leader = leaseOwner(db, "chain-watcher");
                b = start(discord, jdbc, "1", yaml);
                DiscordDouble.await(() -> discord.connectedSessions() == 2, Duration.ofSeconds(30), "two shards up");
                discord.awaitBotReady(one);

                FakeMember m = one.member("holder");
                String wallet = Keys.toChecksumAddress(anvil.accounts().get(1));
                assertThat(ManualVerify.link(m, wallet, msg -> anvil.personalSign(msg, wallet))
                                .content())
                        .contains("is now linked");
                TestContracts.send(anvil, minter, nft, "mint", List.of(new Address(wallet), new Uint256(1)));
                DiscordDouble.await(
                        () -> discord.rolesOf(m).equals(List.of("Holder")),
                        Duration.ofSeconds(20),
                        "the role given in B's server after A's watcher saw the mint");
                assertThat(leaseOwner(db, "chain-watcher")).as("A still leads").isEqualTo(leader);

                a.destroyForcibly().waitFor(20, TimeUnit.SECONDS); // SIGKILL: the lease is not released
                TestContracts.send(
                        anvil,
                        wallet,
                        nft,
                        "transferFrom",
                        List.of(
                                new Address(wallet),
                                new Address(anvil.accounts().get(9)),
                                new Uint256(1)));
                // The lease is 5 poll intervals + 10 s = 11.5 s; B takes over within one lease and sees the sale.
                DiscordDouble.await(
                        () -> discord.rolesOf(m).isEmpty(),
                        Duration.ofSeconds(40),
                        "the role taken after B took the watcher over from the killed A");
                assertThat(leaseOwner(db, "chain-watcher")).isNotEqualTo(leader);
                DiscordDouble.holdsFor(
                        () -> changesTo(discord, m) == 2,
                        Duration.ofSeconds(2),
                        "one add and one remove, neither repeated after the takeover");
            } finally {
                a.destroyForcibly();
                if (b != null) {
                    b.close();
                }
            }
        }
    }

    static long changesTo(DiscordDouble discord, FakeMember m) {
        return discord.roleChanges().stream().filter(c -> c.userId() == m.id()).count();
    }

    static String leaseOwner(Database db, String job) {
        return db.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT owner FROM job_lease WHERE name = ?")) {
                ps.setString(1, job);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
