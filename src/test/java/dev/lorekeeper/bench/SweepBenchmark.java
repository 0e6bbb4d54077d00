package dev.lorekeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.chain.ChainReader;
import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.chain.MetadataFetcher;
import dev.lorekeeper.chain.RpcClient;
import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.config.RuleSpec;
import dev.lorekeeper.gate.Evaluation;
import dev.lorekeeper.gate.Gate;
import dev.lorekeeper.gate.GateEvaluator;
import dev.lorekeeper.gate.MemberWallets;
import dev.lorekeeper.gate.RuleCompiler;
import dev.lorekeeper.gate.Truth;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.TestContracts;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * A full sweep of N wallets × 3 rules (ERC-721, ERC-1155, ERC-20) on a local anvil, with per-wallet calls (how
 * open-source bots do it) and with Lorekeeper's batched path (Multicall3 aggregate3). Both are warmed alike (a sweep
 * of the first {@link #WARM_UP_WALLETS} wallets each), then timed in both orders (naive, batched, batched, naive), so
 * neither meets a colder JIT or anvil than the other; each run is reported, and the time per path is the mean of its
 * two. Goal: {@link #GOAL_MIN_REQUEST_RATIO} times fewer requests batched than naive.
 * Run: {@code mvn -B -Pbench verify -Dbench.only=sweep -Dbench.wallets=10000}.
 */
@Tag("bench-all")
@Tag("bench-sweep")
class SweepBenchmark {
    static final int MEMBERS_PER_SYNC = 200;
    static final int WARM_UP_WALLETS = 1000;
    /** "Far fewer requests": the batched path must send at most a hundredth of the naive path's requests. */
    static final double GOAL_MIN_REQUEST_RATIO = 100;

    @Test
    void naiveVersusBatchedSweep() {
        int walletCount = BenchReport.intProperty("bench.wallets", 10_000);
        try (Anvil anvil = Anvil.start()) {
            String minter = anvil.accounts().get(0);
            TestContracts.placeAt(anvil, "Multicall3", GatingConfig.MULTICALL3);
            String nft = TestContracts.deploy(anvil, "TestNftEnumerable", minter, List.of(new Utf8String("x")));
            String multi = TestContracts.deploy(
                    anvil,
                    "TestMultiToken",
                    minter,
                    List.of(new org.web3j.abi.datatypes.Utf8String("https://meta.example/{id}.json")));
            String coin = TestContracts.deploy(anvil, "TestCoin", minter, List.of());
            List<String> wallets = new ArrayList<>();
            for (int i = 0; i < walletCount; i++) {
                wallets.add(String.format("0x%040x", 0x100000 + i));
            }
            distribute(anvil, minter, nft, multi, coin, wallets);
            List<Gate> gates = List.of(
                    gate(1, RuleSpec.erc721("anvil", nft, 1)),
                    gate(2, RuleSpec.erc1155("anvil", multi, List.of("1"), 1)),
                    gate(3, RuleSpec.erc20("anvil", coin, "10")));
            List<MemberWallets> members = new ArrayList<>();
            for (int i = 0; i < walletCount; i++) {
                members.add(new MemberWallets(1, 1000 + i, List.of(wallets.get(i))));
            }
            List<MemberWallets> warm = members.subList(0, Math.min(WARM_UP_WALLETS, members.size()));
            sweep(anvil, ChainReader.Mode.NAIVE, warm, gates);
            sweep(anvil, ChainReader.Mode.BATCHED, warm, gates);
            Map<String, Object> naive1 = sweep(anvil, ChainReader.Mode.NAIVE, members, gates);
            Map<String, Object> batched1 = sweep(anvil, ChainReader.Mode.BATCHED, members, gates);
            Map<String, Object> batched2 = sweep(anvil, ChainReader.Mode.BATCHED, members, gates);
            Map<String, Object> naive2 = sweep(anvil, ChainReader.Mode.NAIVE, members, gates);
            for (Map<String, Object> run : List.of(batched1, batched2, naive2)) {
                assertThat(run.get("verdicts")).isEqualTo(naive1.get("verdicts"));
            }
            long naiveRequests = (long) naive1.get("requests");
            long batchedRequests = (long) batched1.get("requests");
            long naiveMs = ((long) naive1.get("ms") + (long) naive2.get("ms")) / 2;
            long batchedMs = ((long) batched1.get("ms") + (long) batched2.get("ms")) / 2;

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("wallets", walletCount);
            figures.put("rules", gates.size());
            figures.put("naive", Map.of("requests", naiveRequests, "ms", naiveMs, "runs", List.of(naive1, naive2)));
            figures.put(
                    "batched",
                    Map.of("requests", batchedRequests, "ms", batchedMs, "runs", List.of(batched1, batched2)));
            figures.put(
                    "order",
                    "warm-up naive and batched on " + warm.size() + " wallets; naive, batched, batched, naive");
            double requestRatio = naiveRequests / (double) batchedRequests;
            double timeRatio = naiveMs / (double) Math.max(1, batchedMs);
            figures.put("request_ratio", Math.round(requestRatio * 10) / 10.0);
            figures.put("time_ratio", Math.round(timeRatio * 10) / 10.0);
            BenchReport.finish(
                    "sweep",
                    "Full sweep of " + BenchReport.num(walletCount)
                            + " wallets × 3 rules (ERC-721, ERC-1155, ERC-20) on a local anvil,"
                            + " per-wallet calls vs Lorekeeper's batched path, warmed alike, timed in both orders",
                    "naive: " + BenchReport.num(naiveRequests) + " requests, " + BenchReport.num(naiveMs / 1000.0)
                            + " s; batched: " + BenchReport.num(batchedRequests) + " requests, "
                            + BenchReport.num(batchedMs / 1000.0) + " s (" + BenchReport.num(Math.round(requestRatio))
                            + "× fewer requests, " + BenchReport.num(Math.round(timeRatio * 10) / 10.0)
                            + "× faster)",
                    List.of(BenchReport.Goal.atLeast(
                            "naive/batched request ratio", Math.round(requestRatio), GOAL_MIN_REQUEST_RATIO, "×")),
                    figures);
        }
    }

    private static Gate gate(long id, RuleSpec rule) {
        return new Gate(id, 1, 100 + id, "rule" + id, RuleCompiler.compile(rule));
    }

    /** Holdings: every 2nd wallet an NFT, every 3rd an ERC-1155, every 5th enough coins. */
    private static void distribute(
            Anvil anvil, String minter, String nft, String multi, String coin, List<String> wallets) {
        anvil.rpc("anvil_setBlockGasLimit", "0x3b9aca00");
        int chunk = 400;
        List<Address> nftTo = new ArrayList<>();
        List<Address> multiTo = new ArrayList<>();
        List<Address> coinTo = new ArrayList<>();
        for (int i = 0; i < wallets.size(); i++) {
            if (i % 2 == 0) {
                nftTo.add(new Address(wallets.get(i)));
            }
            if (i % 3 == 0) {
                multiTo.add(new Address(wallets.get(i)));
            }
            if (i % 5 == 0) {
                coinTo.add(new Address(wallets.get(i)));
            }
        }
        for (int i = 0; i < nftTo.size(); i += chunk) {
            List<Address> part = nftTo.subList(i, Math.min(nftTo.size(), i + chunk));
            TestContracts.send(
                    anvil,
                    minter,
                    nft,
                    "mintBatch",
                    List.of(new DynamicArray<>(Address.class, part), new Uint256(i + 1)));
        }
        for (int i = 0; i < multiTo.size(); i += chunk) {
            List<Address> part = multiTo.subList(i, Math.min(multiTo.size(), i + chunk));
            TestContracts.send(
                    anvil,
                    minter,
                    multi,
                    "mintBatchTo",
                    List.of(new DynamicArray<>(Address.class, part), new Uint256(1), new Uint256(1)));
        }
        for (int i = 0; i < coinTo.size(); i += chunk) {
            List<Address> part = coinTo.subList(i, Math.min(coinTo.size(), i + chunk));
            TestContracts.send(
                    anvil,
                    minter,
                    coin,
                    "mintBatch",
                    List.of(
                            new DynamicArray<>(Address.class, part),
                            new Uint256(new BigInteger("20000000000000000000"))));
        }
    }

    private static Map<String, Object> sweep(
            Anvil anvil, ChainReader.Mode mode, List<MemberWallets> members, List<Gate> gates) {
        AtomicLong requests = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        Chains chains = new Chains();
        chains.add(new Chains.Chain(
                "anvil",
                anvil.chainId(),
                new RpcClient("anvil", List.of(anvil.url()), Duration.ofSeconds(60), (chain, n, ok, nanos) -> {
                    requests.incrementAndGet();
                    calls.addAndGet(n);
                })));
        ChainReader reader = new ChainReader(chains, Duration.ofMinutes(10), 500, GatingConfig.MULTICALL3, mode);
        GateEvaluator evaluator = new GateEvaluator(
                reader,
                new MetadataFetcher(
                        MetadataFetcher.Settings.of(List.of(), Duration.ofSeconds(5)),
                        new dev.lorekeeper.http.OutboundHttp()));
        long[] verdicts = new long[3];
        long start = System.nanoTime();
        for (int i = 0; i < members.size(); i += MEMBERS_PER_SYNC) {
            Map<MemberWallets, Map<Gate, Evaluation>> r =
                    evaluator.evaluate(members.subList(i, Math.min(members.size(), i + MEMBERS_PER_SYNC)), gates);
            r.values()
                    .forEach(perGate ->
                            perGate.values().forEach(e -> verdicts[e.truth().ordinal()]++));
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(verdicts[Truth.UNKNOWN.ordinal()]).isZero();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", requests.get());
        out.put("calls", calls.get());
        out.put("ms", ms);
        out.put("verdicts", "true=" + verdicts[0] + " false=" + verdicts[1]);
        return out;
    }
}
