package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.chain.CursorStore;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.LogRangeLimitedRpc;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The chain watcher on a chain that behaves like a real one: a log counts only under the configured confirmations,
 * a provider that refuses wide {@code eth_getLogs} ranges gets narrower ones, and blocks replaced by a reorg are read
 * again. Reads are cached for an hour and the sweep is an hour away, so only the watcher can give a role here.
 */
class LogWatcherRobustnessTest {
    static final int CONFIRMATIONS = 2;
    static final int PROVIDER_MAX_BLOCKS = 10;
    static final Duration SEVERAL_POLLS = Duration.ofMillis(1500);
    static LogRangeLimitedRpc provider;

    @RegisterExtension
    static final Fixture<GatingFixture> chain = Fixture.of(() -> GatingFixture.start(
            node -> (provider = new LogRangeLimitedRpc(node, PROVIDER_MAX_BLOCKS)).url(),
            """
                gating:
                  poll-interval: 200ms
                  confirmations: %d
                  cache-ttl: 1h
                  sweep-interval: 1h
                """.formatted(CONFIRMATIONS)));

    @AfterAll
    static void stop() {
        provider.close();
    }

    record Scene(String nft, FakeMember member, String wallet) {}

    /** A server gating on a new NFT contract, and a verified member who holds nothing yet. */
    static Scene scene(String name) {
        String nft = chain.get().deploy("TestNftEnumerable", new Utf8String("https://m/"));
        GatingFixture.Server s = chain.get().server(name);
        s.gate("Holder", Map.of("type", "erc721", "chain", "anvil", "contract", nft));
        String wallet = chain.get().wallet();
        return new Scene(nft, s.verified("alice", wallet), wallet);
    }

    static void mine(int blocks) {
        chain.get().anvil.rpc("anvil_mine", "0x" + Integer.toHexString(blocks));
    }

    @Test
    void aTransferGivesTheRoleOnlyOnceItIsBuriedUnderTheConfiguredConfirmations() {
        Scene s = scene("Patient Club");
        chain.get().send(chain.get().minter, s.nft(), "mint", new Address(s.wallet()), new Uint256(1));
        for (int buried = 0; buried < CONFIRMATIONS; buried++) {
            chain.get().keepsRoles(s.member(), SEVERAL_POLLS);
            chain.get().anvil.rpc("evm_mine");
        }
        chain.get().awaitRoles(s.member(), "Holder");
    }

    @Test
    void aProviderThatRefusesWideLogRangesIsAskedForNarrowerOnes() {
        Scene s = scene("Narrow Club");
        int refusedBefore = provider.refused();
        chain.get().send(chain.get().minter, s.nft(), "mint", new Address(s.wallet()), new Uint256(1));
        // Fifty blocks at once: the watcher's next range is far wider than the provider allows.
        mine(5 * PROVIDER_MAX_BLOCKS);
        chain.get().awaitRoles(s.member(), "Holder");
        assertThat(provider.refused()).as("wide ranges were refused").isGreaterThan(refusedBefore);
    }

    @Test
    void aTransferInBlocksThatReplacedReorganisedOnesIsStillSeen() {
        Scene s = scene("Reorg Club");
        long forkPoint = chain.get().head();
        String snapshot = chain.get().anvil.rpc("evm_snapshot").asText();
        // The watcher moves its cursor onto blocks that are about to be replaced.
        mine(CONFIRMATIONS + 2);
        awaitCursor(block -> block > forkPoint);

        chain.get().anvil.rpc("evm_revert", snapshot);
        // The new chain has the mint at a height the cursor has already passed.
        chain.get().send(chain.get().minter, s.nft(), "mint", new Address(s.wallet()), new Uint256(1));
        mine(CONFIRMATIONS + 2);
        chain.get().awaitRoles(s.member(), "Holder");
    }

    static void awaitCursor(LongPredicate atBlock) {
        try (Database db = Database.open(chain.get().bot.jdbcUrl, "", "", 1)) {
            CursorStore cursors = new CursorStore(db, Clock.systemUTC());
            DiscordDouble.await(
                    () -> cursors.get("anvil").map(c -> atBlock.test(c.block())).orElse(false),
                    Duration.ofSeconds(10),
                    "the watcher's cursor moves on");
        }
    }
}
