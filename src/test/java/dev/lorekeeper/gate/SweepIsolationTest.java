package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.config.RuleSpec;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.discorddouble.Perms;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.testing.TestContracts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;

/** One server's broken gate is reported and skipped: the periodic sweep still serves every other server. */
class SweepIsolationTest {
    /** A node with Multicall3 and one ERC-721 collection. */
    record Node(Anvil anvil, String nft) implements AutoCloseable {
        static Node start() {
            Anvil anvil = Anvil.start();
            TestContracts.placeAt(anvil, "Multicall3", GatingConfig.MULTICALL3);
            return new Node(
                    anvil,
                    TestContracts.deploy(
                            anvil,
                            "TestNftEnumerable",
                            anvil.accounts().get(0),
                            List.of(new Utf8String("https://m/"))));
        }

        @Override
        public void close() {
            anvil.close();
        }
    }

    @RegisterExtension
    @Order(1)
    static final Fixture<Node> node = Fixture.of(Node::start);
    // The chain watcher is too slow to matter here: only the sweep can give the role.
    @RegisterExtension
    @Order(2)
    static final Fixture<TestBot> bot = Fixture.of(() -> TestBot.start(
            ManualVerify.anvilChainYaml(node.get().anvil(), node.get().anvil().url()) + """
            gating:
              poll-interval: 1h
              sweep-interval: 2s
              confirmations: 0
              cache-ttl: 100ms
            """));

    @Test
    void aBrokenGateInOneServerDoesNotStopTheSweepForTheOthers() {
        TestBot bot = SweepIsolationTest.bot.get();
        Anvil anvil = node.get().anvil();
        String nft = node.get().nft();
        FakeGuild broken = bot.discord.guild("Broken Club");
        bot.discord.awaitBotReady(broken);
        FakeGuild healthy = bot.discord.guild("Healthy Club");
        bot.discord.awaitBotReady(healthy);
        // A gate stored before today's checks existed, whose rule no longer compiles.
        try (Database db = Database.open(bot.jdbcUrl, "", "", 2)) {
            new GateStore(db, java.time.Clock.systemUTC())
                    .add(
                            broken.id(),
                            broken.role("Old").id(),
                            "old gate",
                            new RuleSpec(
                                    "erc721",
                                    "anvil",
                                    nft,
                                    null,
                                    null,
                                    List.of("not-a-number"),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null),
                            1L);
        }
        FakeRole holder = healthy.role("Holder");
        FakeMember mod = healthy.member("mod", healthy.role("Mods", Perms.MANAGE_ROLES));
        assertThat(mod.slash("gate add", Map.of("role", holder, "type", "erc721", "chain", "anvil", "contract", nft))
                        .reply()
                        .content())
                .contains("Added gate #");
        FakeMember alice = healthy.member("alice");
        String wallet = Keys.toChecksumAddress(anvil.accounts().get(1));
        ManualVerify.link(alice, wallet, m -> anvil.personalSign(m, wallet));
        TestContracts.send(anvil, anvil.accounts().get(0), nft, "mint", List.of(new Address(wallet), new Uint256(1)));
        DiscordDouble.await(
                () -> bot.discord.rolesOf(alice).contains("Holder"),
                Duration.ofSeconds(20),
                "the sweep gives alice the role despite the broken gate in another server");
    }
}
