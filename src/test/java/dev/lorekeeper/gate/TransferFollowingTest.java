package dev.lorekeeper.gate;

import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.testing.Fixture;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Roles follow ERC-1155 TransferSingle / TransferBatch and ERC-20 Transfer logs, not only ERC-721's: a transfer
 * takes the role from the seller and gives it to the buyer. Reads are cached for an hour and the sweep is an hour
 * away, so only the chain watcher (which drops the cached reads of the wallets in a log) can move the role.
 */
class TransferFollowingTest {
    @RegisterExtension
    static final Fixture<GatingFixture> chain = Fixture.of(() -> GatingFixture.start(UnaryOperator.identity(), """
                gating:
                  poll-interval: 300ms
                  confirmations: 0
                  cache-ttl: 1h
                  sweep-interval: 1h
                """));

    @Test
    void anErc1155TransferSingleMovesTheRoleFromSellerToBuyer() {
        String multi = chain.get().deploy("TestMultiToken", new Utf8String("https://m/{id}.json"));
        GatingFixture.Server s = chain.get().server("Single Club");
        s.gate("Badge", Map.of("type", "erc1155", "chain", "anvil", "contract", multi, "ids", "7", "min", "2"));
        String seller = chain.get().wallet();
        String buyer = chain.get().wallet();
        FakeMember alice = s.verified("alice", seller);
        FakeMember bob = s.verified("bob", buyer);

        chain.get().send(chain.get().minter, multi, "mint", new Address(seller), new Uint256(7), new Uint256(2));
        chain.get().awaitRoles(alice, "Badge");

        chain.get()
                .send(
                        seller,
                        multi,
                        "safeTransferFrom",
                        new Address(seller),
                        new Address(buyer),
                        new Uint256(7),
                        new Uint256(2),
                        new DynamicBytes(new byte[0]));
        chain.get().awaitRoles(alice);
        chain.get().awaitRoles(bob, "Badge");
    }

    @Test
    void anErc1155TransferBatchMovesTheRole() {
        String multi = chain.get().deploy("TestMultiToken", new Utf8String("https://m/{id}.json"));
        GatingFixture.Server s = chain.get().server("Batch Club");
        s.gate("Set", Map.of("type", "erc1155", "chain", "anvil", "contract", multi, "ids", "1,2"));
        String seller = chain.get().wallet();
        String buyer = chain.get().wallet();
        FakeMember carol = s.verified("carol", seller);
        FakeMember dave = s.verified("dave", buyer);
        chain.get().send(chain.get().minter, multi, "mint", new Address(seller), new Uint256(1), new Uint256(1));
        chain.get().send(chain.get().minter, multi, "mint", new Address(seller), new Uint256(2), new Uint256(1));
        chain.get().awaitRoles(carol, "Set");

        chain.get()
                .send(
                        seller,
                        multi,
                        "safeBatchTransferFrom",
                        new Address(seller),
                        new Address(buyer),
                        new DynamicArray<>(Uint256.class, List.of(new Uint256(1), new Uint256(2))),
                        new DynamicArray<>(Uint256.class, List.of(new Uint256(1), new Uint256(1))),
                        new DynamicBytes(new byte[0]));
        chain.get().awaitRoles(carol);
        chain.get().awaitRoles(dave, "Set");
    }

    @Test
    void anErc20TransferMovesTheRoleWhenBalancesCrossTheAmount() {
        String coin = chain.get().deploy("TestCoin");
        GatingFixture.Server s = chain.get().server("Coin Club");
        s.gate("Whale", Map.of("type", "erc20", "chain", "anvil", "contract", coin, "amount", "5"));
        String seller = chain.get().wallet();
        String buyer = chain.get().wallet();
        FakeMember erin = s.verified("erin", seller);
        FakeMember fay = s.verified("fay", buyer);
        chain.get().send(chain.get().minter, coin, "mint", new Address(seller), new Uint256(tokens(6)));
        chain.get().send(chain.get().minter, coin, "mint", new Address(buyer), new Uint256(tokens(3)));
        chain.get().awaitRoles(erin, "Whale");
        chain.get().keepsRoles(fay, Duration.ofMillis(600));

        // 6 - 2 = 4 is below the amount, 3 + 2 = 5 meets it.
        chain.get().send(seller, coin, "transfer", new Address(buyer), new Uint256(tokens(2)));
        chain.get().awaitRoles(erin);
        chain.get().awaitRoles(fay, "Whale");
    }

    static BigInteger tokens(long whole) {
        return BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(whole));
    }
}
