package dev.lorekeeper.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.MutableClock;
import dev.lorekeeper.testing.TestDatabases;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The owner index's writes on H2 and on a real PostgreSQL: transfers in log order, burns, and a reorg's rescan. */
class OwnerIndexOnBothDatabasesTest {
    static final String NFT = "0x00000000000000000000000000000000000000aa";
    static final String ALICE = "0x000000000000000000000000000000000000a11c";
    static final String BOB = "0x0000000000000000000000000000000000000b0b";

    static Stream<TestDatabases.Kind> kinds() {
        return TestDatabases.both();
    }

    static TransferEvent transfer(String from, String to, long block, int logIndex, long token) {
        return new TransferEvent("anvil", NFT, from, to, block, BigInteger.valueOf(token), logIndex);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void ownersFollowTheLastTransferOfEachTokenAndARescanDropsWhatItReReads(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            CursorStore cursors = new CursorStore(db, new MutableClock(Instant.parse("2026-06-01T12:00:00Z")));
            OwnerIndex index = new OwnerIndex(db, cursors);
            cursors.set(OwnerIndex.cursorKey("anvil", NFT), new CursorStore.Cursor(100, "0x1"));
            // Out of order on purpose: the index sorts by block and log index before it applies them.
            index.record(
                    "anvil",
                    NFT,
                    new TransferLogPoller.Batch(
                            1,
                            20,
                            List.of(
                                    transfer(ALICE, BOB, 11, 0, 1),
                                    transfer(OwnerIndex.ZERO, ALICE, 10, 0, 1),
                                    transfer(OwnerIndex.ZERO, ALICE, 10, 1, 2),
                                    transfer(OwnerIndex.ZERO, ALICE, 10, 2, 3),
                                    transfer(ALICE, OwnerIndex.ZERO, 12, 0, 3),
                                    transfer(BOB, ALICE, 11, 1, 1)),
                            false));
            assertThat(index.tokensOf("anvil", NFT, ALICE, 100)).contains(List.of(BigInteger.ONE, BigInteger.TWO));
            assertThat(index.tokensOf("anvil", NFT, BOB, 100)).contains(List.of());

            index.record(
                    "anvil",
                    NFT,
                    new TransferLogPoller.Batch(
                            21,
                            30,
                            List.of(transfer(ALICE, BOB, 25, 0, 2), transfer(ALICE, OwnerIndex.ZERO, 26, 0, 1)),
                            false));
            assertThat(index.tokensOf("anvil", NFT, ALICE, 100)).contains(List.of());
            assertThat(index.tokensOf("anvil", NFT, BOB, 100)).contains(List.of(BigInteger.TWO));

            // A reorg from block 25 on: token 2's move there is forgotten with everything recorded since.
            index.record("anvil", NFT, new TransferLogPoller.Batch(25, 30, List.of(), true));
            assertThat(index.tokensOf("anvil", NFT, BOB, 100)).contains(List.of());
            assertThat(index.tokensOf("anvil", NFT, ALICE, 200))
                    .as("the index is behind the chain")
                    .isEmpty();
        }
    }
}
