package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lorekeeper.chain.ChainReader;
import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.chain.MetadataFetcher;
import dev.lorekeeper.chain.RpcClient;
import dev.lorekeeper.chain.RpcObserver;
import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.config.RuleSpec;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestContracts;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/** Every requirement type and all/any/not against real contracts on anvil, with numbers and UNKNOWN on failure. */
class GateEvaluatorTest {
    @RegisterExtension
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    static HttpServer metadataServer;
    static String enumerable;
    static String plain;
    static String multi;
    static String coin;
    static GateEvaluator evaluator;
    static final String ALICE = "0x00000000000000000000000000000000000a11ce";
    static final String BOB = "0x0000000000000000000000000000000000000b0b";
    static final String NOBODY = "0x000000000000000000000000000000000000dead";

    @BeforeAll
    static void start() throws Exception {
        metadataServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metadataServer.createContext("/meta/", ex -> {
            String id = ex.getRequestURI().getPath().substring("/meta/".length());
            String background = Integer.parseInt(id) % 2 == 0 ? "Gold" : "Plain";
            byte[] body = ("{\"name\":\"Token " + id + "\",\"attributes\":[{\"trait_type\":\"Background\",\"value\":\""
                            + background + "\"},{\"trait_type\":\"Eyes\",\"value\":\"Laser\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        metadataServer.start();
        String base = "http://127.0.0.1:" + metadataServer.getAddress().getPort() + "/meta/";
        String minter = anvil.get().accounts().get(0);
        TestContracts.placeAt(anvil.get(), "Multicall3", GatingConfig.MULTICALL3);
        enumerable = TestContracts.deploy(anvil.get(), "TestNftEnumerable", minter, List.of(new Utf8String(base)));
        plain = TestContracts.deploy(anvil.get(), "TestNft", minter, List.of(new Utf8String(base)));
        multi = TestContracts.deploy(
                anvil.get(),
                "TestMultiToken",
                minter,
                List.of(new org.web3j.abi.datatypes.Utf8String("https://meta.example/{id}.json")));
        coin = TestContracts.deploy(anvil.get(), "TestCoin", minter, List.of());
        for (int id : new int[] {1, 2, 3}) {
            TestContracts.send(anvil.get(), minter, enumerable, "mint", List.of(new Address(ALICE), new Uint256(id)));
        }
        TestContracts.send(anvil.get(), minter, enumerable, "mint", List.of(new Address(BOB), new Uint256(7)));
        TestContracts.send(anvil.get(), minter, plain, "mint", List.of(new Address(ALICE), new Uint256(50)));
        TestContracts.send(
                anvil.get(), minter, multi, "mint", List.of(new Address(ALICE), new Uint256(5), new Uint256(2)));
        TestContracts.send(
                anvil.get(),
                minter,
                coin,
                "mint",
                List.of(new Address(BOB), new Uint256(new BigInteger("150000000000000000000"))));
        anvil.get().rpc("anvil_setBalance", ALICE, "0xde0b6b3a7640000"); // 1 ETH
        Chains chains = new Chains();
        chains.add(new Chains.Chain(
                "anvil",
                anvil.get().chainId(),
                new RpcClient("anvil", List.of(anvil.get().url()), Duration.ofSeconds(10), RpcObserver.NONE)));
        evaluator = new GateEvaluator(
                new ChainReader(chains, Duration.ofMinutes(1), 100, GatingConfig.MULTICALL3, ChainReader.Mode.BATCHED),
                localMetadata());
    }

    /** The token URIs point at this machine's metadata server, so private networks are allowed. */
    static MetadataFetcher localMetadata() {
        return new MetadataFetcher(
                MetadataFetcher.Settings.of(List.of(), Duration.ofSeconds(5)),
                new dev.lorekeeper.http.OutboundHttp(dev.lorekeeper.http.PrivateNetworks.ALLOWED));
    }

    @AfterAll
    static void stop() {
        metadataServer.stop(0);
    }

    static Evaluation eval(String holder, RuleSpec rule) {
        Gate g = new Gate(1L, 1, 2, "g", RuleCompiler.compile(rule));
        MemberWallets m = new MemberWallets(1, 100, holder == null ? List.of() : List.of(holder));
        return evaluator.evaluate(List.of(m), List.of(g)).get(m).get(g);
    }

    static RuleSpec nft(String contract, Long min, Long max, List<String> ids, Map<String, List<String>> traits) {
        return new RuleSpec("erc721", "anvil", contract, min, max, ids, traits, null, null, null, null, null);
    }

    /** Runtime code that answers every call with one word holding 2^40, as a hostile contract may. */
    static final String LIAR_CODE = "0x6501000000000060005260206000f3";

    static final String LIAR = "0x00000000000000000000000000000000000011a4";

    @Test
    void decimalsAboveUint8FromAHostileContractAreUnknownNotACrash() {
        anvil.get().rpc("anvil_setCode", LIAR, LIAR_CODE);
        Evaluation e =
                eval(ALICE, new RuleSpec("erc20", "anvil", LIAR, null, null, null, null, null, "1", null, null, null));
        assertThat(e.truth()).isEqualTo(Truth.UNKNOWN);
        assertThat(e.requirements().get(0).detail()).contains("reports 1099511627776 decimals");
    }

    @Test
    void aBalanceLargerThanAnIntDoesNotWrapToZeroAndBecomeNo() {
        anvil.get().rpc("anvil_setCode", LIAR, LIAR_CODE);
        Evaluation e = eval(ALICE, nft(LIAR, 1L, null, List.of("1-100000"), null));
        assertThat(e.truth()).isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void erc721CountsWithMinAndMax() {
        assertThat(eval(ALICE, nft(enumerable, 2L, null, null, null)).truth()).isEqualTo(Truth.TRUE);
        assertThat(eval(BOB, nft(enumerable, 2L, null, null, null)).truth()).isEqualTo(Truth.FALSE);
        assertThat(eval(ALICE, nft(enumerable, 1L, 2L, null, null)).truth()).isEqualTo(Truth.FALSE);
        Evaluation e = eval(ALICE, nft(enumerable, 1L, null, null, null));
        assertThat(e.requirements().get(0).detail()).isEqualTo("holds 3 (needs ≥ 1)");
        assertThat(eval(null, nft(enumerable, 1L, null, null, null)).truth()).isEqualTo(Truth.FALSE);
    }

    @Test
    void erc721TokenIdsAndRanges() {
        assertThat(eval(ALICE, nft(enumerable, 1L, null, List.of("7"), null)).truth())
                .isEqualTo(Truth.FALSE);
        assertThat(eval(BOB, nft(enumerable, 1L, null, List.of("5-9"), null)).truth())
                .isEqualTo(Truth.TRUE);
        assertThat(eval(ALICE, nft(plain, 1L, null, List.of("40-60"), null)).truth())
                .isEqualTo(Truth.TRUE);
        // A large range needs the holder's token list: fine with Enumerable.
        assertThat(eval(ALICE, nft(enumerable, 3L, null, List.of("1-100000"), null))
                        .truth())
                .isEqualTo(Truth.TRUE);
    }

    @Test
    void erc721TraitsFromMetadata() {
        Map<String, List<String>> gold = Map.of("Background", List.of("Gold"));
        Evaluation alice = eval(ALICE, nft(enumerable, 1L, null, null, gold));
        assertThat(alice.truth()).isEqualTo(Truth.TRUE);
        assertThat(alice.requirements().get(0).detail()).isEqualTo("holds 1 matching token (needs ≥ 1)");
        assertThat(eval(ALICE, nft(enumerable, 2L, null, null, gold)).truth()).isEqualTo(Truth.FALSE);
        assertThat(eval(ALICE, nft(enumerable, 3L, null, null, Map.of("eyes", List.of("laser"))))
                        .truth())
                .isEqualTo(Truth.TRUE);
    }

    @Test
    void traitsOnANonEnumerableContractAreUnknownNotFalse() {
        Evaluation e = eval(ALICE, nft(plain, 1L, null, null, Map.of("Background", List.of("Gold"))));
        assertThat(e.truth()).isEqualTo(Truth.UNKNOWN);
        assertThat(e.requirements().get(0).detail()).contains("not ERC-721 Enumerable");
    }

    @Test
    void traitsOnANonEnumerableContractUseTheOwnerIndexOnceBuilt() {
        try (dev.lorekeeper.store.Database db = dev.lorekeeper.testing.TestDatabases.h2()) {
            Chains chains = chains();
            dev.lorekeeper.chain.CursorStore cursors =
                    new dev.lorekeeper.chain.CursorStore(db, java.time.Clock.systemUTC());
            dev.lorekeeper.chain.OwnerIndex index = new dev.lorekeeper.chain.OwnerIndex(db, cursors);
            GateEvaluator indexed = new GateEvaluator(
                    new ChainReader(
                            chains, Duration.ofMinutes(1), 100, GatingConfig.MULTICALL3, ChainReader.Mode.BATCHED),
                    localMetadata(),
                    new dev.lorekeeper.chain.TokenLister(index, chains, 0));
            RuleSpec gold = nft(plain, 1L, null, null, Map.of("Background", List.of("Gold")));
            Gate g = new Gate(1L, 1, 2, "g", RuleCompiler.compile(gold));
            MemberWallets alice = new MemberWallets(1, 100, List.of(ALICE));
            Evaluation before =
                    indexed.evaluate(List.of(alice), List.of(g)).get(alice).get(g);
            assertThat(before.truth()).isEqualTo(Truth.UNKNOWN);
            assertThat(before.requirements().get(0).detail()).contains("still being built");

            index.update(chains.byName("anvil").orElseThrow(), plain, 0, 2000);
            assertThat(indexed.evaluate(List.of(alice), List.of(g))
                            .get(alice)
                            .get(g)
                            .truth())
                    .isEqualTo(Truth.TRUE);
            MemberWallets bob = new MemberWallets(1, 101, List.of(BOB));
            assertThat(indexed.evaluate(List.of(bob), List.of(g))
                            .get(bob)
                            .get(g)
                            .truth())
                    .isEqualTo(Truth.FALSE);
        }
    }

    @Test
    void ownerIndexNoticesAReorgAndRescans() {
        try (dev.lorekeeper.store.Database db = dev.lorekeeper.testing.TestDatabases.h2()) {
            Chains chains = chains();
            Chains.Chain chain = chains.byName("anvil").orElseThrow();
            dev.lorekeeper.chain.CursorStore cursors =
                    new dev.lorekeeper.chain.CursorStore(db, java.time.Clock.systemUTC());
            dev.lorekeeper.chain.OwnerIndex index = new dev.lorekeeper.chain.OwnerIndex(db, cursors);
            String minter = anvil.get().accounts().get(0);
            String reorged = TestContracts.deploy(anvil.get(), "TestNft", minter, List.of(new Utf8String("x")));
            index.update(chain, reorged, 0, 2000);
            String snapshot = anvil.get().rpc("evm_snapshot").asText();
            TestContracts.send(anvil.get(), minter, reorged, "mint", List.of(new Address(ALICE), new Uint256(42)));
            index.update(chain, reorged, 0, 2000);
            long head = Long.decode(anvil.get().rpc("eth_blockNumber").asText());
            assertThat(index.tokensOf("anvil", reorged, ALICE, head)).contains(List.of(BigInteger.valueOf(42)));

            anvil.get().rpc("evm_revert", snapshot);
            anvil.get().rpc("evm_mine");
            TestContracts.send(anvil.get(), minter, reorged, "mint", List.of(new Address(BOB), new Uint256(42)));
            index.update(chain, reorged, 0, 2000);
            head = Long.decode(anvil.get().rpc("eth_blockNumber").asText());
            assertThat(index.tokensOf("anvil", reorged, BOB, head)).contains(List.of(BigInteger.valueOf(42)));
            assertThat(index.tokensOf("anvil", reorged, ALICE, head)).contains(List.of());
        }
    }

    static Chains chains() {
        Chains chains = new Chains();
        chains.add(new Chains.Chain(
                "anvil",
                anvil.get().chainId(),
                new RpcClient("anvil", List.of(anvil.get().url()), Duration.ofSeconds(10), RpcObserver.NONE)));
        return chains;
    }

    @Test
    void erc1155Erc20AndNative() {
        assertThat(eval(ALICE, RuleSpec.erc1155("anvil", multi, List.of("5", "6"), 2))
                        .truth())
                .isEqualTo(Truth.TRUE);
        assertThat(eval(ALICE, RuleSpec.erc1155("anvil", multi, List.of("6"), 1))
                        .truth())
                .isEqualTo(Truth.FALSE);
        Evaluation coins = eval(BOB, RuleSpec.erc20("anvil", coin, "100"));
        assertThat(coins.truth()).isEqualTo(Truth.TRUE);
        assertThat(coins.requirements().get(0).detail()).isEqualTo("holds 150 (needs ≥ 100)");
        assertThat(eval(BOB, RuleSpec.erc20("anvil", coin, "150.5")).truth()).isEqualTo(Truth.FALSE);
        assertThat(eval(ALICE, RuleSpec.nativeBalance("anvil", "0.5")).truth()).isEqualTo(Truth.TRUE);
        assertThat(eval(NOBODY, RuleSpec.nativeBalance("anvil", "0.5")).truth()).isEqualTo(Truth.FALSE);
    }

    @Test
    void allAnyAndNotCombine() {
        RuleSpec holdsNft = nft(enumerable, 1L, null, null, null);
        RuleSpec holdsCoin = RuleSpec.erc20("anvil", coin, "1");
        assertThat(eval(ALICE, RuleSpec.allOf(List.of(holdsNft, holdsCoin))).truth())
                .isEqualTo(Truth.FALSE);
        assertThat(eval(BOB, RuleSpec.allOf(List.of(holdsNft, holdsCoin))).truth())
                .isEqualTo(Truth.TRUE);
        assertThat(eval(ALICE, RuleSpec.anyOf(List.of(holdsNft, holdsCoin))).truth())
                .isEqualTo(Truth.TRUE);
        assertThat(eval(NOBODY, RuleSpec.anyOf(List.of(holdsNft, holdsCoin))).truth())
                .isEqualTo(Truth.FALSE);
        assertThat(eval(ALICE, RuleSpec.allOf(List.of(holdsNft, RuleSpec.negate(holdsCoin))))
                        .truth())
                .isEqualTo(Truth.TRUE);
        Evaluation nested = eval(
                BOB,
                RuleSpec.anyOf(List.of(
                        RuleSpec.allOf(List.of(holdsNft, RuleSpec.negate(holdsCoin))),
                        RuleSpec.erc1155("anvil", multi, List.of("5"), 1))));
        assertThat(nested.truth()).isEqualTo(Truth.FALSE);
        assertThat(nested.requirements()).hasSize(3);
    }

    @Test
    void unknownPropagatesButNeverDecidesAgainstAMember() {
        RuleSpec broken = RuleSpec.erc20("anvil", "0x000000000000000000000000000000000000bEEF", "1");
        RuleSpec holdsNft = nft(enumerable, 1L, null, null, null);
        assertThat(eval(ALICE, broken).truth()).isEqualTo(Truth.UNKNOWN);
        assertThat(eval(ALICE, RuleSpec.anyOf(List.of(broken, holdsNft))).truth())
                .isEqualTo(Truth.TRUE);
        assertThat(eval(ALICE, RuleSpec.allOf(List.of(broken, holdsNft))).truth())
                .isEqualTo(Truth.UNKNOWN);
        assertThat(eval(ALICE, RuleSpec.negate(broken)).truth()).isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void truthTables() {
        assertThat(Truth.TRUE.and(Truth.UNKNOWN)).isEqualTo(Truth.UNKNOWN);
        assertThat(Truth.FALSE.and(Truth.UNKNOWN)).isEqualTo(Truth.FALSE);
        assertThat(Truth.TRUE.or(Truth.UNKNOWN)).isEqualTo(Truth.TRUE);
        assertThat(Truth.FALSE.or(Truth.UNKNOWN)).isEqualTo(Truth.UNKNOWN);
        assertThat(Truth.UNKNOWN.not()).isEqualTo(Truth.UNKNOWN);
    }
}
