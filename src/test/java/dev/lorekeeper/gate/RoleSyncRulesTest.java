package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.discorddouble.RecordedRequest;
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
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * What a sync may and may not do: it touches only roles some gate manages, paces role changes per server, adds up
 * a member's holdings over all their linked wallets, and the periodic sweep catches what no Transfer log shows.
 */
class RoleSyncRulesTest {
    static final int PER_TEN_SECONDS = 2;

    @RegisterExtension
    static final Fixture<GatingFixture> chain =
            Fixture.of(() -> GatingFixture.start(UnaryOperator.identity(), """
                gating:
                  poll-interval: 300ms
                  confirmations: 0
                  cache-ttl: 200ms
                  sweep-interval: 2s
                  role-changes-per-ten-seconds: %d
                """.formatted(PER_TEN_SECONDS)));

    String nft() {
        return chain.get().deploy("TestNftEnumerable", new Utf8String("https://m/"));
    }

    @Test
    void aMembersOtherRolesStayThroughEverySync() {
        String nft = nft();
        GatingFixture.Server s = chain.get().server("Mixed Roles");
        s.gate("Holder", Map.of("type", "erc721", "chain", "anvil", "contract", nft));
        FakeRole veteran = s.guild.role("Veteran");
        FakeRole artist = s.guild.role("Artist");
        String wallet = chain.get().wallet();
        FakeMember alice = s.verified("alice", new FakeRole[] {veteran, artist}, wallet);

        chain.get().send(chain.get().minter, nft, "mint", new Address(wallet), new Uint256(1));
        chain.get().awaitRoles(alice, "Artist", "Holder", "Veteran");
        s.resync();
        chain.get()
                .send(
                        wallet,
                        nft,
                        "transferFrom",
                        new Address(wallet),
                        new Address(chain.get().wallet()),
                        new Uint256(1));
        chain.get().awaitRoles(alice, "Artist", "Veteran");
        s.resync();
        // Two sweeps (every 2 s) run over her as well.
        chain.get().keepsRoles(alice, Duration.ofSeconds(4), "Artist", "Veteran");

        String memberRoles = "/guilds/" + s.guild.id() + "/members/" + alice.id() + "/roles/";
        for (FakeRole untouched : List.of(veteran, artist)) {
            assertThat(chain.get().bot.discord.requests().stream()
                            .filter(r -> r.path().equals(memberRoles + untouched.id())))
                    .as(untouched.name())
                    .isEmpty();
        }
    }

    @Test
    void roleChangesArePacedToTheConfiguredNumberPerTenSecondsPerServer() {
        String nft = nft();
        GatingFixture.Server s = chain.get().server("Busy Mint");
        s.gate("Holder", Map.of("type", "erc721", "chain", "anvil", "contract", nft));
        List<String> wallets = List.of(
                chain.get().wallet(),
                chain.get().wallet(),
                chain.get().wallet(),
                chain.get().wallet());
        List<FakeMember> members = wallets.stream()
                .map(w -> s.verified("m" + wallets.indexOf(w), w))
                .toList();

        // One transaction, four Transfer logs: four role changes due at once.
        chain.get()
                .send(
                        chain.get().minter,
                        nft,
                        "mintBatch",
                        new DynamicArray<>(
                                Address.class,
                                wallets.stream().map(Address::new).toList()),
                        new Uint256(1));
        String puts = "/guilds/" + s.guild.id() + "/members/.*/roles/.*";
        DiscordDouble.await(
                () -> members.stream()
                                .allMatch(
                                        m -> chain.get().bot.discord.rolesOf(m).equals(List.of("Holder")))
                        && chain.get().bot.discord.requests("PUT", puts).size() == members.size(),
                Duration.ofSeconds(30),
                "all four members get the role");

        List<Long> times = chain.get().bot.discord.requests("PUT", puts).stream()
                .map(RecordedRequest::atNanos)
                .sorted()
                .toList();
        assertThat(times).hasSize(4);
        for (int i = 0; i < times.size(); i++) {
            long start = times.get(i);
            long inWindow = times.stream()
                    .filter(t ->
                            t >= start && t - start < Duration.ofSeconds(10).toNanos())
                    .count();
            assertThat(inWindow)
                    .as("role changes within 10 s from change %d", i)
                    .isLessThanOrEqualTo(PER_TEN_SECONDS);
        }
    }

    @Test
    void holdingsAddUpAcrossAMembersLinkedWallets() {
        String coin = chain.get().deploy("TestCoin");
        String nft = nft();
        GatingFixture.Server s = chain.get().server("Two Wallets");
        // One role, so that the pacing of two changes per 10 s does not slow this test down.
        s.gate("Collector", Map.of("type", "json", "rule", """
                {"all":[{"type":"erc20","chain":"anvil","contract":"%s","amount":"5"},
                        {"type":"erc721","chain":"anvil","contract":"%s","min":2}]}""".formatted(coin, nft)));
        String hot = chain.get().wallet();
        String cold = chain.get().wallet();
        chain.get().send(chain.get().minter, coin, "mint", new Address(hot), new Uint256(tokens(3)));
        chain.get().send(chain.get().minter, coin, "mint", new Address(cold), new Uint256(tokens(3)));
        chain.get().send(chain.get().minter, nft, "mint", new Address(hot), new Uint256(1));
        chain.get().send(chain.get().minter, nft, "mint", new Address(cold), new Uint256(2));

        FakeMember gina = s.verified("gina", hot);
        chain.get().keepsRoles(gina, Duration.ofSeconds(1));
        s.link(gina, cold);
        chain.get().awaitRoles(gina, "Collector");

        assertThat(gina.slash("wallets unlink", Map.of("address", cold)).reply().content())
                .contains("Unlinked");
        chain.get().awaitRoles(gina);
    }

    @Test
    void aNativeBalanceChangeHasNoTransferLogAndIsPickedUpByTheSweep() {
        GatingFixture.Server s = chain.get().server("Native Club");
        s.gate("Rich", Map.of("type", "native", "chain", "anvil", "amount", "150"));
        String wallet = chain.get().wallet(); // 100 ETH
        FakeMember hana = s.verified("hana", wallet);
        chain.get().keepsRoles(hana, Duration.ofSeconds(1));

        chain.get().anvil.rpc("anvil_setBalance", wallet, "0x" + ether(200).toString(16));
        chain.get().awaitRoles(hana, "Rich");
        chain.get().anvil.rpc("anvil_setBalance", wallet, "0x" + ether(10).toString(16));
        chain.get().awaitRoles(hana);
    }

    static BigInteger tokens(long whole) {
        return BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(whole));
    }

    static BigInteger ether(long whole) {
        return tokens(whole);
    }
}
