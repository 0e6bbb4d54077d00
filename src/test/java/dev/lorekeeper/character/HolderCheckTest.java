package dev.lorekeeper.character;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeInteraction;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.FaultyRpc;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.MetadataServer;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.testing.TestContracts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;

/**
 * Every character command checks on chain that the member still holds the token, and a check that fails or takes
 * longer than 2 s is "try again", never "not yours": the member keeps their character and plays on once the chain
 * answers.
 */
class HolderCheckTest {
    static final String TRY_AGAIN = "I can't read the chain right now to check that you hold this token.";

    @RegisterExtension
    @Order(1)
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    // A hung call outlasts the 2 s check by far, so a reply that waited for the node would come late.
    @RegisterExtension
    @Order(2)
    static final Fixture<FaultyRpc> rpc =
            Fixture.of(() -> new FaultyRpc(anvil.get().url()).hangFor(Duration.ofSeconds(8)));

    @RegisterExtension
    @Order(3)
    static final Fixture<MetadataServer> metadata = Fixture.of(() -> new MetadataServer());

    @RegisterExtension
    @Order(4)
    static final Fixture<TestBot> bot = Fixture.of(HolderCheckTest::startBot);

    static FakeMember alice;
    static String minter;
    static String nft;

    private static TestBot startBot() throws Exception {
        TestContracts.placeAt(anvil.get(), "Multicall3", GatingConfig.MULTICALL3);
        minter = anvil.get().accounts().get(0);
        nft = TestContracts.deploy(
                anvil.get(),
                "TestNftEnumerable",
                minter,
                List.of(new Utf8String(metadata.get().baseUri())));
        return TestBot.start(ManualVerify.anvilChainYaml(anvil.get(), rpc.get().url())
                + """
                characters:
                  collections:
                    - chain: anvil
                      contract: "%s"
                  ownership-cache: 0s
                """.formatted(nft)
                + MetadataServer.ALLOW_PRIVATE_NETWORKS_YAML);
    }

    @BeforeAll
    static void start() {
        FakeGuild guild = bot.get().discord.guild("Shaky Node");
        bot.get().discord.awaitBotReady(guild);
        alice = guild.member("alice");
        String wallet = Keys.toChecksumAddress(anvil.get().accounts().get(1));
        ManualVerify.link(alice, wallet, m -> anvil.get().personalSign(m, wallet));
        TestContracts.send(anvil.get(), minter, nft, "mint", List.of(new Address(wallet), new Uint256(3)));
        FakeInteraction typing = alice.autocompletes("character choose", "token", "3", Map.of());
        String token = typing.awaitChoiceValues().values().iterator().next();
        assertThat(alice.slash("character choose", Map.of("token", token))
                        .reply()
                        .text())
                .contains("Ember Fox #3");
    }

    @AfterEach
    void heal() {
        rpc.get().heal();
    }

    static FakeMessage show() {
        return alice.runs("/character show").awaitMessage(m -> true, Duration.ofSeconds(15));
    }

    @Test
    void aFailingNodeIsTryAgainNeverNotYours() {
        rpc.get().fail(FaultyRpc.Fault.HTTP_500, 1.0);
        FakeMessage refused = show();
        assertThat(refused.content()).contains(TRY_AGAIN).doesNotContain("any more");
        assertThat(refused.ephemeral()).isTrue();
        rpc.get().heal();
        assertThat(show().text()).contains("Ember Fox #3", "Level");
    }

    @Test
    void aNodeSlowerThanTwoSecondsIsTryAgain() {
        rpc.get().fail(FaultyRpc.Fault.HANG, 1.0);
        long start = System.nanoTime();
        FakeMessage refused = show();
        assertThat(refused.content()).contains(TRY_AGAIN);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        rpc.get().heal();
        assertThat(show().text()).contains("Ember Fox #3");
    }
}
