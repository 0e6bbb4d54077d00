package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.discorddouble.Perms;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.FaultyRpc;
import dev.lorekeeper.testing.FaultyRpc.Fault;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.MetadataServer;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.testing.TestContracts;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;

/**
 * A failed read is unknown, and unknown never removes a role: every gate type runs through an RPC proxy that fails
 * calls the ways providers do (hangs past the deadline, 429, 500, JSON-RPC errors, truncated batches, failed
 * Multicall entries). No member whose holdings did not change loses a role; once reads succeed again, the member
 * who sold loses exactly the roles that depended on the sale.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultyRpcGatingTest {
    static final List<String> ALICE_ROLES = List.of("Coin", "Combo", "Ids", "Multi", "Native", "Nft", "Trait");
    static final List<String> BOB_ROLES = List.of("Combo", "Native", "Nft", "Trait");

    @RegisterExtension
    @Order(1)
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    @RegisterExtension
    @Order(2)
    static final Fixture<FaultyRpc> rpc =
            Fixture.of(() -> new FaultyRpc(anvil.get().url()).hangFor(Duration.ofMillis(1500)));

    @RegisterExtension
    @Order(3)
    static final Fixture<MetadataServer> metadata = Fixture.of(() -> new MetadataServer());

    @RegisterExtension
    @Order(4)
    static final Fixture<TestBot> bot = Fixture.of(FaultyRpcGatingTest::startBot);

    static FakeGuild guild;
    static FakeMember mod;
    static FakeMember alice;
    static FakeMember bob;
    static String aliceWallet;
    static String nft;
    static String multi;
    static String coin;
    static String bobHot;

    private static TestBot startBot() throws Exception {
        String minter = anvil.get().accounts().get(0);
        TestContracts.placeAt(anvil.get(), "Multicall3", GatingConfig.MULTICALL3);
        TestContracts.placeAt(anvil.get(), "TestDelegateRegistry", GatingConfig.DELEGATE_REGISTRY_V2);
        nft = TestContracts.deploy(
                anvil.get(),
                "TestNftEnumerable",
                minter,
                List.of(new Utf8String(metadata.get().baseUri())));
        multi = TestContracts.deploy(anvil.get(), "TestMultiToken", minter, List.of(new Utf8String("https://m/")));
        coin = TestContracts.deploy(anvil.get(), "TestCoin", minter, List.of());
        aliceWallet = Keys.toChecksumAddress(anvil.get().accounts().get(1));
        bobHot = Keys.toChecksumAddress(anvil.get().accounts().get(2));
        String bobCold = anvil.get().accounts().get(3);
        TestContracts.send(anvil.get(), minter, nft, "mint", List.of(new Address(aliceWallet), new Uint256(101)));
        TestContracts.send(anvil.get(), minter, nft, "mint", List.of(new Address(bobCold), new Uint256(102)));
        TestContracts.send(
                anvil.get(), minter, multi, "mint", List.of(new Address(aliceWallet), new Uint256(1), new Uint256(3)));
        TestContracts.send(
                anvil.get(),
                minter,
                coin,
                "mint",
                List.of(new Address(aliceWallet), new Uint256(BigInteger.TEN.pow(19))));
        TestContracts.send(
                anvil.get(),
                bobCold,
                GatingConfig.DELEGATE_REGISTRY_V2,
                "delegateAll",
                List.of(new Address(bobHot), new Bytes32(new byte[32]), new Bool(true)));

        return TestBot.start(
                ManualVerify.anvilChainYaml(anvil.get(), rpc.get().url()).replace("verification:", """
                    timeout: 1s
                verification:""") + """
                gating:
                  poll-interval: 300ms
                  confirmations: 0
                  # Small Multicall3 calls, so that a sync's reads travel as a JSON-RPC batch a proxy can cut short.
                  batch-size: 2
                  cache-ttl: 50ms
                  failures-before-alert: 1000
                """
                        + MetadataServer.ALLOW_PRIVATE_NETWORKS_YAML);
    }

    @BeforeAll
    static void start() {
        guild = bot.get().discord.guild("Fault Club");
        bot.get().discord.awaitBotReady(guild);
        Map<String, FakeRole> roles = new java.util.LinkedHashMap<>();
        ALICE_ROLES.forEach(r -> roles.put(r, guild.role(r)));
        mod = guild.member("mod", guild.role("Mods", Perms.MANAGE_ROLES | Perms.MANAGE_GUILD));
        mod.runs("/settings delegation state:on").reply();
        add(roles.get("Nft"), Map.of("type", "erc721", "chain", "anvil", "contract", nft));
        add(roles.get("Ids"), Map.of("type", "erc721", "chain", "anvil", "contract", nft, "token-ids", "100-101"));
        add(roles.get("Trait"), Map.of("type", "erc721", "chain", "anvil", "contract", nft, "traits", "Fur=Red"));
        add(roles.get("Multi"), Map.of("type", "erc1155", "chain", "anvil", "contract", multi, "ids", "1"));
        add(roles.get("Coin"), Map.of("type", "erc20", "chain", "anvil", "contract", coin, "amount", "5"));
        add(roles.get("Native"), Map.of("type", "native", "chain", "anvil", "amount", "1"));
        add(roles.get("Combo"), Map.of("type", "json", "rule", """
                {"all":[{"type":"erc721","chain":"anvil","contract":"%s"},
                        {"not":{"type":"erc20","chain":"anvil","contract":"%s","amount":"1000000"}}]}""".formatted(nft, coin)));
        alice = guild.member("alice");
        bob = guild.member("bob");
        ManualVerify.link(alice, aliceWallet, m -> anvil.get().personalSign(m, aliceWallet));
        ManualVerify.link(bob, bobHot, m -> anvil.get().personalSign(m, bobHot));
        awaitRoles(alice, ALICE_ROLES);
        awaitRoles(bob, BOB_ROLES);
    }

    static void add(FakeRole role, Map<String, String> options) {
        Map<String, Object> all = new java.util.HashMap<>(options);
        all.put("role", role);
        assertThat(mod.slash("gate add", all).reply().content()).contains("Added gate #");
    }

    static void awaitRoles(FakeMember m, List<String> roles) {
        DiscordDouble.await(
                () -> sorted(bot.get().discord.rolesOf(m)).equals(roles),
                Duration.ofSeconds(30),
                m + " has roles " + roles + " (has " + bot.get().discord.rolesOf(m) + ")");
    }

    static List<String> sorted(List<String> roles) {
        return roles.stream().sorted().toList();
    }

    static long removals(FakeMember m) {
        return bot.get().discord.roleChanges().stream()
                .filter(c -> c.userId() == m.id() && !c.added())
                .count();
    }

    static void resyncTwice() {
        for (int i = 0; i < 2; i++) {
            mod.runs("/gate resync").awaitMessage(msg -> msg.text().contains("Resync done"), Duration.ofSeconds(60));
        }
    }

    @Test
    @Order(1)
    void everyKindOfFailedReadLeavesEveryGateTypesRolesInPlace() {
        for (Fault fault : Fault.values()) {
            rpc.get().fail(fault, fault == Fault.HANG ? 0.3 : 0.5);
            try {
                resyncTwice();
            } finally {
                rpc.get().heal();
            }
            assertThat(rpc.get().injected(fault))
                    .as("faults of kind %s were injected", fault)
                    .isPositive();
            assertThat(removals(alice) + removals(bob))
                    .as("roles removed while reads failed with %s", fault)
                    .isZero();
            assertThat(sorted(bot.get().discord.rolesOf(alice))).isEqualTo(ALICE_ROLES);
            assertThat(sorted(bot.get().discord.rolesOf(bob))).isEqualTo(BOB_ROLES);
        }
    }

    @Test
    @Order(2)
    void aSaleDuringAnOutageTakesExactlyTheRolesItShouldOnceReadsSucceed() {
        String buyer = anvil.get().accounts().get(9);
        for (Fault fault : Fault.values()) {
            rpc.get().fail(fault, 1.0);
        }
        try {
            TestContracts.send(
                    anvil.get(),
                    aliceWallet,
                    nft,
                    "transferFrom",
                    List.of(new Address(aliceWallet), new Address(buyer), new Uint256(101)));
            resyncTwice();
            assertThat(removals(alice) + removals(bob))
                    .as("roles removed while every read failed")
                    .isZero();
        } finally {
            rpc.get().heal();
        }
        mod.runs("/gate resync").awaitMessage(msg -> msg.text().contains("Resync done"), Duration.ofSeconds(60));
        awaitRoles(alice, List.of("Coin", "Multi", "Native"));
        assertThat(sorted(bot.get().discord.rolesOf(bob))).isEqualTo(BOB_ROLES);
        assertThat(removals(bob)).isZero();
    }
}
