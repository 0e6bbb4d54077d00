package dev.lorekeeper.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.RpcProxy;
import dev.lorekeeper.testing.TestContracts;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * {@code chains.NAME.rpc-urls} with two endpoints in front of one node: when the first dies, reads go to the
 * second; when the first is back and the second dies, reads go to the first again. Only when every endpoint is
 * down does a read fail, and then as a failure, never a zero.
 */
class RpcFailoverTest {
    static final String HOLDER = "0x00000000000000000000000000000000000a11ce";
    static final BigInteger BALANCE = new BigInteger("2500000000000000000");

    @RegisterExtension
    @Order(1)
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    @RegisterExtension
    @Order(2)
    static final Fixture<RpcProxy> first = Fixture.of(RpcFailoverTest::startFirst);

    @RegisterExtension
    @Order(3)
    static final Fixture<RpcProxy> second =
            Fixture.of(() -> new RpcProxy(anvil.get().url()));

    static String coin;

    private static RpcProxy startFirst() throws Exception {
        TestContracts.placeAt(anvil.get(), "Multicall3", GatingConfig.MULTICALL3);
        coin = TestContracts.deploy(
                anvil.get(), "TestCoin", anvil.get().accounts().get(0), List.of());
        TestContracts.send(
                anvil.get(),
                anvil.get().accounts().get(0),
                coin,
                "mint",
                List.of(new Address(HOLDER), new Uint256(BALANCE)));
        return new RpcProxy(anvil.get().url());
    }

    @AfterEach
    void bothUp() {
        first.get().down(false);
        second.get().down(false);
    }

    /** The chain as the bot builds it from its config: one client over both URLs, in their order. */
    static Chains chains() {
        Chains chains = new Chains();
        chains.add(new Chains.Chain(
                "anvil",
                anvil.get().chainId(),
                new RpcClient(
                        "anvil",
                        List.of(first.get().url(), second.get().url()),
                        Duration.ofSeconds(2),
                        RpcObserver.NONE)));
        return chains;
    }

    /** One read through a fresh reader, so that no cached value hides where it went. */
    static ReadResult balance(Chains chains) {
        Read read = Read.erc20Balance("anvil", coin, HOLDER);
        return new ChainReader(chains, Duration.ofMinutes(1), 100, GatingConfig.MULTICALL3, ChainReader.Mode.BATCHED)
                .read(List.of(read))
                .get(read);
    }

    @Test
    void readsGoToTheNextEndpointWhileOneIsDownAndBackWhenItReturns() {
        Chains chains = chains();
        int secondBefore = second.get().requests();
        assertThat(balance(chains).value()).isEqualTo(BALANCE);
        assertThat(second.get().requests())
                .as("the second endpoint is idle while the first answers")
                .isEqualTo(secondBefore);

        first.get().down(true);
        assertThat(balance(chains).value()).isEqualTo(BALANCE);
        assertThat(second.get().requests()).isGreaterThan(secondBefore);

        first.get().down(false);
        second.get().down(true);
        int firstBefore = first.get().requests();
        assertThat(balance(chains).value()).isEqualTo(BALANCE);
        assertThat(chains.byName("anvil")
                        .orElseThrow()
                        .rpc()
                        .call("eth_blockNumber")
                        .asText())
                .startsWith("0x");
        assertThat(first.get().requests()).isGreaterThan(firstBefore);
    }

    @Test
    void withEveryEndpointDownAReadFailsAndIsNeverAZero() {
        first.get().down(true);
        second.get().down(true);
        ReadResult r = balance(chains());
        assertThat(r.ok()).isFalse();
        assertThat(r.value()).isNull();
    }
}
