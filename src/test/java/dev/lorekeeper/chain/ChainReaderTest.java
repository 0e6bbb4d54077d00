package dev.lorekeeper.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestContracts;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/** Batched reads against a real node: Multicall3 where it exists, JSON-RPC batches where not, same answers. */
class ChainReaderTest {
    @RegisterExtension
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    static String nft;
    static String multi;
    static String coin;
    static String minter;
    static List<String> holders = new ArrayList<>();

    @BeforeAll
    static void start() {
        minter = anvil.get().accounts().get(0);
        TestContracts.placeAt(anvil.get(), "Multicall3", GatingConfig.MULTICALL3);
        nft = TestContracts.deploy(anvil.get(), "TestNftEnumerable", minter, List.of(new Utf8String("https://m/")));
        multi = TestContracts.deploy(
                anvil.get(),
                "TestMultiToken",
                minter,
                List.of(new org.web3j.abi.datatypes.Utf8String("https://meta.example/{id}.json")));
        coin = TestContracts.deploy(anvil.get(), "TestCoin", minter, List.of());
        for (int i = 0; i < 30; i++) {
            holders.add(String.format("0x%040x", 0x1000 + i));
        }
        List<Address> first20 =
                holders.subList(0, 20).stream().map(Address::new).toList();
        TestContracts.send(
                anvil.get(),
                minter,
                nft,
                "mintBatch",
                List.of(new DynamicArray<>(Address.class, first20), new Uint256(1)));
        TestContracts.send(anvil.get(), minter, nft, "mint", List.of(new Address(holders.get(0)), new Uint256(100)));
        TestContracts.send(
                anvil.get(),
                minter,
                multi,
                "mint",
                List.of(new Address(holders.get(1)), new Uint256(7), new Uint256(3)));
        TestContracts.send(
                anvil.get(),
                minter,
                coin,
                "mint",
                List.of(new Address(holders.get(2)), new Uint256(new BigInteger("2500000000000000000"))));
    }

    record Counted(ChainReader reader, AtomicInteger requests) {}

    static Counted reader(ChainReader.Mode mode, String multicall) {
        AtomicInteger requests = new AtomicInteger();
        Chains chains = new Chains();
        chains.add(new Chains.Chain(
                "anvil",
                anvil.get().chainId(),
                new RpcClient(
                        "anvil",
                        List.of(anvil.get().url()),
                        Duration.ofSeconds(10),
                        (c, calls, ok, nanos) -> requests.incrementAndGet())));
        return new Counted(new ChainReader(chains, Duration.ofMinutes(5), 25, multicall, mode), requests);
    }

    static List<Read> reads() {
        List<Read> reads = new ArrayList<>();
        for (String h : holders) {
            reads.add(Read.erc721Balance("anvil", nft, h));
            reads.add(Read.erc1155Balance("anvil", multi, h, BigInteger.valueOf(7)));
            reads.add(Read.erc20Balance("anvil", coin, h));
            reads.add(Read.nativeBalance("anvil", h));
        }
        reads.add(Read.decimals("anvil", coin));
        reads.add(Read.ownerOf("anvil", nft, BigInteger.valueOf(100)));
        reads.add(Read.supportsInterface("anvil", nft, Abi.ERC721_ENUMERABLE));
        reads.add(Read.tokenOfOwnerByIndex("anvil", nft, holders.get(0), 1));
        reads.add(Read.tokenUri("anvil", nft, BigInteger.valueOf(3)));
        return reads;
    }

    static void assertValues(Map<Read, ReadResult> r) {
        assertThat(r.keySet()).as("an answer for every read asked").containsExactlyInAnyOrderElementsOf(reads());
        assertThat(r.get(Read.erc721Balance("anvil", nft, holders.get(0))).value())
                .isEqualTo(2);
        assertThat(r.get(Read.erc721Balance("anvil", nft, holders.get(5))).value())
                .isEqualTo(1);
        assertThat(r.get(Read.erc721Balance("anvil", nft, holders.get(25))).value())
                .isEqualTo(0);
        assertThat(r.get(Read.erc1155Balance("anvil", multi, holders.get(1), BigInteger.valueOf(7)))
                        .value())
                .isEqualTo(3);
        assertThat(r.get(Read.erc20Balance("anvil", coin, holders.get(2))).value())
                .isEqualTo(new BigInteger("2500000000000000000"));
        assertThat(r.get(Read.decimals("anvil", coin)).value()).isEqualTo(18);
        assertThat(r.get(Read.ownerOf("anvil", nft, BigInteger.valueOf(100))).value())
                .isEqualTo(new BigInteger(holders.get(0).substring(2), 16));
        assertThat(r.get(Read.supportsInterface("anvil", nft, Abi.ERC721_ENUMERABLE))
                        .value())
                .isEqualTo(1);
        assertThat(r.get(Read.tokenOfOwnerByIndex("anvil", nft, holders.get(0), 1))
                        .value())
                .isEqualTo(100);
        assertThat(r.get(Read.tokenUri("anvil", nft, BigInteger.valueOf(3))).text())
                .isEqualTo("https://m/3");
        assertThat(r.get(Read.nativeBalance("anvil", holders.get(3))).value()).isEqualTo(0);
        assertThat(r.values()).allMatch(ReadResult::ok);
    }

    @Test
    void batchesSentFromSeveralThreadsAtOnceEachGetTheirOwnAnswers() throws Exception {
        RpcClient rpc = new RpcClient("anvil", List.of(anvil.get().url()), Duration.ofSeconds(10), RpcObserver.NONE);
        List<RpcRequest> balances = new ArrayList<>();
        holders.forEach(h -> balances.add(RpcRequest.of(
                "eth_call",
                java.util.Map.of("to", coin, "data", Hex.encode(Abi.encode(Read.erc20Balance("anvil", coin, h)))),
                "latest")));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<RpcResult>>> runs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                runs.add(pool.submit(() -> rpc.batch(balances)));
            }
            for (var run : runs) {
                List<RpcResult> results = run.get();
                assertThat(results).hasSize(holders.size()).allMatch(RpcResult::ok);
                assertThat(Hex.decode(results.get(2).result().asText()))
                        .as("holder 2's balance, in holder 2's place")
                        .isEqualTo(Abi.uint(new BigInteger("2500000000000000000")));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void multicallBatchesManyReadsIntoFewRequests() {
        Counted c = reader(ChainReader.Mode.BATCHED, GatingConfig.MULTICALL3);
        Map<Read, ReadResult> r = c.reader().read(reads());
        assertValues(r);
        // The code check, then ceil(125 / 25) = 5 aggregate3 calls travelling as one JSON-RPC batch.
        assertThat(c.requests().get()).isEqualTo(1 + 1);
        c.reader().read(reads());
        assertThat(c.requests().get()).as("served from cache").isEqualTo(2);
    }

    @Test
    void aBulkPassKeepsOnlySharedReadsSoASweepDoesNotFillTheHeapWithBalances() {
        Counted c = reader(ChainReader.Mode.BATCHED, GatingConfig.MULTICALL3);
        Read balance = Read.erc721Balance("anvil", nft, holders.get(0));
        Read uri = Read.tokenUri("anvil", nft, BigInteger.valueOf(3));
        assertValues(c.reader().read(reads(), ChainReader.Keep.SHARED_ONLY));
        int afterSweep = c.requests().get();
        c.reader().read(List.of(uri));
        assertThat(c.requests().get()).as("a token's URI is kept").isEqualTo(afterSweep);
        assertThat(c.reader().read(List.of(balance)).get(balance).value()).isEqualTo(2);
        assertThat(c.requests().get()).as("a holder's balance is read again").isEqualTo(afterSweep + 1);
    }

    @Test
    void withoutMulticallJsonRpcBatchesAreUsed() {
        Counted c = reader(ChainReader.Mode.BATCHED, "0x000000000000000000000000000000000000dEaD");
        assertValues(c.reader().read(reads()));
        assertThat(c.requests().get()).isEqualTo(1 + 5);
    }

    @Test
    void naiveModeMakesOneRequestPerRead() {
        Counted c = reader(ChainReader.Mode.NAIVE, GatingConfig.MULTICALL3);
        assertValues(c.reader().read(reads()));
        assertThat(c.requests().get()).isEqualTo(reads().size());
    }

    @Test
    void invalidationForgetsOnlyTheAffectedHolders() {
        Counted c = reader(ChainReader.Mode.BATCHED, GatingConfig.MULTICALL3);
        c.reader().read(reads());
        int before = c.requests().get();
        c.reader().invalidate("anvil", nft, java.util.Set.of(holders.get(0)));
        Map<Read, ReadResult> again = c.reader()
                .read(List.of(
                        Read.erc721Balance("anvil", nft, holders.get(0)),
                        Read.erc721Balance("anvil", nft, holders.get(1))));
        assertThat(again.get(Read.erc721Balance("anvil", nft, holders.get(0))).value())
                .isEqualTo(2);
        assertThat(c.requests().get()).isEqualTo(before + 1);
    }

    @Test
    void aStoppedNodeGivesFailuresNotZeros() {
        Chains chains = new Chains();
        chains.add(new Chains.Chain(
                "anvil",
                anvil.get().chainId(),
                new RpcClient("anvil", List.of("http://127.0.0.1:1"), Duration.ofSeconds(1), RpcObserver.NONE)));
        ChainReader dead =
                new ChainReader(chains, Duration.ofMinutes(5), 25, GatingConfig.MULTICALL3, ChainReader.Mode.BATCHED);
        Read balance = Read.erc721Balance("anvil", nft, holders.get(0));
        Map<Read, ReadResult> r = dead.read(List.of(balance));
        assertThat(r).as("the failed read is answered, as a failure").containsOnlyKeys(balance);
        assertThat(r.values()).noneMatch(ReadResult::ok);
        assertThat(r.values()).allMatch(v -> v.value() == null);
    }

    @Test
    void aRevertReachesTheReaderInWordsOnEveryPath() {
        for (ChainReader.Mode mode : ChainReader.Mode.values()) {
            for (String multicall : List.of(GatingConfig.MULTICALL3, "0x000000000000000000000000000000000000dEaD")) {
                ChainReader reader = reader(mode, multicall).reader();
                Read owner = Read.ownerOf("anvil", nft, BigInteger.valueOf(7777));
                Read uri = Read.tokenUri("anvil", nft, BigInteger.valueOf(7777));
                Map<Read, ReadResult> r = reader.read(List.of(owner, uri));
                String how = mode + " via " + multicall;
                assertThat(r.get(owner).reverted()).as(how).isTrue();
                assertThat(r.get(owner).error())
                        .as(how)
                        .isEqualTo("token #7777 does not exist (ERC721NonexistentToken)");
                assertThat(r.get(uri).error()).as(how).isEqualTo("token #7777 does not exist (ERC721NonexistentToken)");
            }
        }
    }

    @Test
    void aStoppedNodeNamesTheEndpointByIndexAndTheCause() {
        RpcClient dead = new RpcClient(
                "anvil", List.of("http://127.0.0.1:1/secret-key"), Duration.ofSeconds(1), RpcObserver.NONE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dead.call("eth_blockNumber"))
                .isInstanceOf(RpcException.class)
                .hasMessage("chain anvil: RPC endpoint #1 failed (connection refused); check chains.anvil.rpc-urls[0] "
                        + "and that the node is reachable");
    }
}
