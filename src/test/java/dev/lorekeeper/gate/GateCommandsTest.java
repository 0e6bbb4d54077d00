package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.testing.Fixture;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/** /gate add for every token type the README lists, and /gate remove, as a moderator uses them. */
class GateCommandsTest {
    static final Pattern ADDED = Pattern.compile("Added gate #(\\d+)");

    @RegisterExtension
    static final Fixture<GatingFixture> chain = Fixture.of(() -> GatingFixture.start(UnaryOperator.identity(), """
                gating:
                  poll-interval: 300ms
                  confirmations: 0
                  cache-ttl: 200ms
                  sweep-interval: 1h
                """));

    @Test
    void gatesAddedForErc1155Erc20NativeAndCombinedRulesEachGiveTheirRole() {
        String multi = chain.get().deploy("TestMultiToken", new Utf8String("https://m/{id}.json"));
        String coin = chain.get().deploy("TestCoin");
        String nft = chain.get().deploy("TestNftEnumerable", new Utf8String("https://m/"));
        String wallet = chain.get().wallet(); // 100 ETH
        chain.get().send(chain.get().minter, multi, "mint", new Address(wallet), new Uint256(3), new Uint256(1));
        chain.get().send(chain.get().minter, coin, "mint", new Address(wallet), new Uint256(BigInteger.TEN.pow(19)));
        chain.get().send(chain.get().minter, nft, "mint", new Address(wallet), new Uint256(1));

        GatingFixture.Server s = chain.get().server("Every Type");
        s.gate("Multi", Map.of("type", "erc1155", "chain", "anvil", "contract", multi, "ids", "3"));
        s.gate("Coin", Map.of("type", "erc20", "chain", "anvil", "contract", coin, "amount", "10"));
        s.gate("MoreCoin", Map.of("type", "erc20", "chain", "anvil", "contract", coin, "amount", "10.5"));
        s.gate("Native", Map.of("type", "native", "chain", "anvil", "amount", "50"));
        s.gate("Combo", Map.of("type", "json", "rule", """
                {"all":[{"type":"erc721","chain":"anvil","contract":"%s"},
                        {"not":{"type":"erc1155","chain":"anvil","contract":"%s","ids":["4"]}}]}""".formatted(nft, multi)));
        FakeMember alice = s.verified("alice", wallet);
        chain.get().awaitRoles(alice, "Coin", "Combo", "Multi", "Native");

        String list = s.mod.runs("/gate list").reply().content();
        assertThat(list)
                .contains(
                        "ERC-1155",
                        "at least 1 of ids [3]",
                        "ERC-20",
                        "at least 10.5",
                        "native balance on anvil: at least 50",
                        "ERC-721");
    }

    @Test
    void aRemovedGateIsGoneFromTheListAndItsRoleIsNoLongerManaged() {
        String nft = chain.get().deploy("TestNftEnumerable", new Utf8String("https://m/"));
        GatingFixture.Server s = chain.get().server("Removal");
        // A gate that stays, so that later syncs do run over the member.
        s.gate(
                "Coin",
                Map.of(
                        "type",
                        "erc20",
                        "chain",
                        "anvil",
                        "contract",
                        chain.get().deploy("TestCoin"),
                        "amount",
                        "1"));
        FakeRole holder = s.guild.role("Holder");
        FakeMessage added =
                s.addGate(holder, Map.of("type", "erc721", "chain", "anvil", "contract", nft, "name", "Old holders"));
        Matcher id = ADDED.matcher(added.content());
        assertThat(id.find()).as(added.content()).isTrue();
        String wallet = chain.get().wallet();
        chain.get().send(chain.get().minter, nft, "mint", new Address(wallet), new Uint256(1));
        FakeMember bob = s.verified("bob", wallet);
        chain.get().awaitRoles(bob, "Holder");

        assertThat(s.mod.runs("/gate remove id:" + id.group(1)).reply().content())
                .contains("Removed gate #" + id.group(1), "Roles it gave stay");
        assertThat(s.mod.runs("/gate list").reply().content()).doesNotContain("Old holders");

        // Selling would have cost the role while the gate existed; now nothing touches it.
        chain.get()
                .send(
                        wallet,
                        nft,
                        "transferFrom",
                        new Address(wallet),
                        new Address(chain.get().wallet()),
                        new Uint256(1));
        assertThat(s.resync()).contains("checked 1 member", "0 to remove");
        chain.get().keepsRoles(bob, Duration.ofSeconds(2), "Holder");
        assertThat(chain.get().bot.discord.roleChanges().stream().filter(c -> c.userId() == bob.id() && !c.added()))
                .isEmpty();
    }
}
