package dev.lorekeeper.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestContracts;
import dev.lorekeeper.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/** The log cursor moves past a block range only once its events were handled: a failed handler loses nothing. */
class TransferLogPollerTest {
    @RegisterExtension
    @Order(1)
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    @RegisterExtension
    @Order(2)
    static final Fixture<Database> db = Fixture.of(() -> TestDatabases.h2());

    static Chains.Chain chain;
    static String nft;

    @BeforeAll
    static void start() {
        chain = new Chains.Chain(
                "anvil",
                anvil.get().chainId(),
                new RpcClient("anvil", List.of(anvil.get().url()), Duration.ofSeconds(5), RpcObserver.NONE));
        String minter = anvil.get().accounts().get(0);
        nft = TestContracts.deploy(anvil.get(), "TestNft", minter, List.of(new Utf8String("https://m/")));
        TestContracts.send(
                anvil.get(),
                minter,
                nft,
                "mint",
                List.of(new Address(anvil.get().accounts().get(1)), new Uint256(1)));
    }

    @Test
    void eventsWhoseHandlingFailedAreReadAgainNotLost() {
        CursorStore cursors = new CursorStore(db.get(), java.time.Clock.systemUTC());
        TransferLogPoller poller = new TransferLogPoller(chain, cursors, 0, 2000, "test-cursor", 0);
        Set<String> contracts = Set.of(nft.toLowerCase(Locale.ROOT));
        assertThatThrownBy(() -> poller.poll(contracts, batch -> {
                    throw new IllegalStateException("database down while handling");
                }))
                .hasMessageContaining("database down");
        assertThat(cursors.get("test-cursor")).isEmpty();

        List<TransferEvent> seen = new ArrayList<>();
        poller.poll(contracts, batch -> seen.addAll(batch.events()));
        assertThat(seen).extracting(TransferEvent::tokenId).containsExactly(java.math.BigInteger.ONE);
        assertThat(cursors.get("test-cursor")).isPresent();

        List<TransferEvent> again = new ArrayList<>();
        poller.poll(contracts, batch -> again.addAll(batch.events()));
        assertThat(again).isEmpty();
    }
}
