package dev.lorekeeper.chain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.utils.Numeric;

/**
 * Reads token state for many holders at once. Batched mode packs reads into Multicall3 {@code aggregate3} calls
 * where the contract exists on the chain and into JSON-RPC batch requests where it does not; naive mode makes one
 * request per read (what per-wallet bots do; kept for the benchmark). Successful results are cached per
 * (chain, contract, holder, id) until a chain event invalidates them. A failed read is reported as failed, never as
 * zero.
 */
public final class ChainReader {
    /** How reads reach the node. */
    public enum Mode {
        BATCHED,
        NAIVE
    }

    private final Chains chains;
    private final int batchSize;
    private final String multicall;
    private final Mode mode;
    private final Cache<Read, ReadResult> cache;
    private final Map<String, Boolean> hasMulticall = new ConcurrentHashMap<>();
    private final Set<String> batchRefused = ConcurrentHashMap.newKeySet();

    /**
     * Sub-calls per HTTP request: aggregate3 calls of the configured size, several to a JSON-RPC batch. At 500 a
     * request and its answer stay under half a megabyte, which G1 (1 MB regions on the bot's heap) allocates as an
     * ordinary object: at 1,000 they were "humongous", and each started a marking cycle that cost a sweep of
     * 100,000 wallets more CPU than its requests saved.
     */
    static final int MAX_CALLS_PER_REQUEST = 500;

    /**
     * Requests in flight at once across all readers (daemon threads; a read's own deadline still applies to each).
     * More would only queue at a node or on two cores.
     */
    private static final java.util.concurrent.ExecutorService IN_FLIGHT =
            java.util.concurrent.Executors.newFixedThreadPool(3, r -> {
                Thread t = new Thread(r, "lorekeeper-chain-read");
                t.setDaemon(true);
                return t;
            });

    public static final long DEFAULT_CACHE_MAX_BYTES = 32L * 1024 * 1024;

    public ChainReader(Chains chains, Duration cacheTtl, int batchSize, String multicall, Mode mode) {
        this(chains, cacheTtl, DEFAULT_CACHE_MAX_BYTES, batchSize, multicall, mode);
    }

    /** {@code cacheMaxBytes} bounds the read cache by estimated heap bytes: token URIs may be of any length. */
    public ChainReader(
            Chains chains, Duration cacheTtl, long cacheMaxBytes, int batchSize, String multicall, Mode mode) {
        this.chains = chains;
        this.batchSize = batchSize;
        this.multicall = multicall.toLowerCase(Locale.ROOT);
        this.mode = mode;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumWeight(cacheMaxBytes)
                .weigher(CacheWeights::read)
                .build();
    }

    /**
     * Which results a read keeps in the cache. A bulk pass (a sweep, every 6 hours by default) reads each holder
     * once: keeping 100,000 balances for minutes only churns the heap and the garbage collector, so it keeps only
     * what other reads share (a contract's interfaces, a token's URI).
     */
    public enum Keep {
        ALL,
        SHARED_ONLY
    }

    public Map<Read, ReadResult> read(Collection<Read> reads) {
        return read(reads, Keep.ALL);
    }

    public Map<Read, ReadResult> read(Collection<Read> reads, Keep keep) {
        Map<Read, ReadResult> out = new HashMap<>();
        Map<String, List<Read>> missesByChain = new HashMap<>();
        for (Read r : new LinkedHashSet<>(reads)) {
            ReadResult cached = cache.getIfPresent(r);
            if (cached != null) {
                out.put(r, cached);
            } else {
                missesByChain.computeIfAbsent(r.chain(), c -> new ArrayList<>()).add(r);
            }
        }
        missesByChain.forEach((chain, misses) -> {
            Map<Read, ReadResult> fetched = fetch(chain, misses);
            fetched.forEach((r, v) -> {
                if (v.ok() && (keep == Keep.ALL || r.holder() == null)) {
                    cache.put(r, v);
                }
            });
            out.putAll(fetched);
        });
        return out;
    }

    /** Forgets cached reads about these holders of a contract, and the contract's per-token reads. */
    public void invalidate(String chain, String contract, Set<String> holders) {
        String c = contract.toLowerCase(Locale.ROOT);
        Set<String> h = new java.util.HashSet<>();
        holders.forEach(x -> h.add(x.toLowerCase(Locale.ROOT)));
        cache.asMap()
                .keySet()
                .removeIf(r -> r.chain().equals(chain)
                        && c.equals(r.contract())
                        && (r.holder() == null ? r.kind() == Read.Kind.OWNER_OF : h.contains(r.holder())));
    }

    /** Forgets native balances of these holders. */
    public void invalidateNative(String chain, Set<String> holders) {
        Set<String> h = new java.util.HashSet<>();
        holders.forEach(x -> h.add(x.toLowerCase(Locale.ROOT)));
        cache.asMap()
                .keySet()
                .removeIf(
                        r -> r.chain().equals(chain) && r.kind() == Read.Kind.NATIVE_BALANCE && h.contains(r.holder()));
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    private Map<Read, ReadResult> fetch(String chainName, List<Read> reads) {
        Chains.Chain chain = chains.byName(chainName).orElse(null);
        Map<Read, ReadResult> out = new HashMap<>();
        if (chain == null) {
            reads.forEach(r -> out.put(r, ReadResult.failed("chain " + chainName + " is not configured")));
            return out;
        }
        if (mode == Mode.NAIVE) {
            reads.forEach(r -> out.put(r, single(chain.rpc(), r)));
            return out;
        }
        boolean multi = multicallAvailable(chain);
        List<List<Read>> chunks = new ArrayList<>();
        for (int i = 0; i < reads.size(); i += batchSize) {
            chunks.add(reads.subList(i, Math.min(reads.size(), i + batchSize)));
        }
        if (!multi) {
            chunks.forEach(chunk -> out.putAll(viaBatch(chain.rpc(), chunk)));
            return out;
        }
        // Several aggregate3 calls of a small configured size travel in one JSON-RPC batch: a sweep of 100,000 wallets
        // then needs a few hundred HTTP requests, while each aggregate3 stays at the configured size (nodes cap the
        // gas of one eth_call).
        int perRequest = Math.max(1, MAX_CALLS_PER_REQUEST / Math.max(1, batchSize));
        List<List<List<Read>>> groups = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i += perRequest) {
            groups.add(chunks.subList(i, Math.min(chunks.size(), i + perRequest)));
        }
        if (groups.size() == 1) {
            out.putAll(viaMulticall(chain, groups.get(0)));
            return out;
        }
        // A few requests in flight at once: the node executes one while another travels or is decoded here.
        List<java.util.concurrent.Future<Map<Read, ReadResult>>> pending = new ArrayList<>(groups.size());
        for (List<List<Read>> group : groups) {
            pending.add(IN_FLIGHT.submit(() -> viaMulticall(chain, group)));
        }
        for (int g = 0; g < groups.size(); g++) {
            try {
                out.putAll(pending.get(g).get());
            } catch (java.util.concurrent.ExecutionException e) {
                // viaMulticall turns every failure into failed reads; anything else is a bug: say so, read by read.
                String why = "read failed: " + e.getCause();
                groups.get(g).forEach(chunk -> chunk.forEach(r -> out.put(r, ReadResult.failed(why))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                groups.get(g).forEach(chunk -> chunk.forEach(r -> out.put(r, ReadResult.failed("interrupted"))));
            }
        }
        return out;
    }

    private boolean multicallAvailable(Chains.Chain chain) {
        Boolean known = hasMulticall.get(chain.name());
        if (known != null) {
            return known;
        }
        try {
            boolean has = chain.reader().hasCode(multicall);
            hasMulticall.put(chain.name(), has);
            return has;
        } catch (RpcException e) {
            return false; // undecided: use plain batches now, ask again next time
        }
    }

    private Map<Read, ReadResult> viaMulticall(Chains.Chain chain, List<List<Read>> chunks) {
        RpcClient rpc = chain.rpc();
        List<RpcRequest> requests = new ArrayList<>(chunks.size());
        for (List<Read> chunk : chunks) {
            requests.add(RpcRequest.of("eth_call", Map.of("to", multicall, "data", aggregate3(chunk)), "latest"));
        }
        Map<Read, ReadResult> out = new HashMap<>();
        List<Read> toConfirm = new ArrayList<>();
        List<RpcResult> answers;
        try {
            answers = requests.size() == 1 || batchRefused.contains(chain.name())
                    ? oneByOne(rpc, requests)
                    : rpc.batch(requests);
        } catch (RpcException e) {
            if (e.transport()) {
                chunks.forEach(chunk -> chunk.forEach(r -> out.put(r, ReadResult.failed(e.getMessage()))));
                return out;
            }
            // The node refuses JSON-RPC batches (some providers do): one aggregate3 per request from now on.
            batchRefused.add(chain.name());
            answers = oneByOne(rpc, requests);
        }
        for (int c = 0; c < chunks.size(); c++) {
            List<Read> chunk = chunks.get(c);
            RpcResult answer = answers.get(c);
            if (!answer.ok()) {
                chunk.forEach(r -> out.put(r, ReadResult.failed(answer.errorMessage())));
                continue;
            }
            try {
                List<Multicall3.Result> results =
                        Multicall3.decode(Hex.decode(answer.result().asText()));
                if (results.size() != chunk.size()) {
                    throw new IllegalArgumentException(
                            "Multicall3 returned " + results.size() + " results for " + chunk.size() + " calls");
                }
                for (int i = 0; i < chunk.size(); i++) {
                    Multicall3.Result res = results.get(i);
                    if (res.success()) {
                        out.put(chunk.get(i), Abi.decode(chunk.get(i), res.data()));
                    } else if (chunk.get(i).kind() == Read.Kind.OWNER_OF) {
                        toConfirm.add(chunk.get(i));
                    } else {
                        out.put(
                                chunk.get(i),
                                ReadResult.failed(RevertReason.describe(null, Numeric.toHexString(res.data()))));
                    }
                }
            } catch (RuntimeException e) {
                // Any answer that can't be decoded (short, truncated, absurd offsets) makes the whole chunk unknown.
                chunk.forEach(r -> out.put(r, ReadResult.failed("unreadable Multicall3 answer: " + e.getMessage())));
            }
        }
        // A failed entry inside aggregate3 says nothing certain (a proxy or an out-of-gas sub-call looks the same),
        // so an ownerOf that failed there is asked once more on its own: only the node's own revert counts.
        out.putAll(viaBatch(rpc, toConfirm));
        return out;
    }

    private HexData aggregate3(List<Read> chunk) {
        List<Multicall3.Call> calls = new ArrayList<>(chunk.size());
        for (Read r : chunk) {
            calls.add(new Multicall3.Call(
                    r.kind() == Read.Kind.NATIVE_BALANCE ? multicall : r.contract(), Abi.encode(r)));
        }
        return new HexData(Multicall3.encode(calls));
    }

    /** One request per call; a node error fails its own entry, a transport failure all of them. */
    private static List<RpcResult> oneByOne(RpcClient rpc, List<RpcRequest> requests) {
        List<RpcResult> out = new ArrayList<>(requests.size());
        for (RpcRequest r : requests) {
            try {
                out.add(RpcResult.of(rpc.call(r.method(), r.params().toArray())));
            } catch (RpcException e) {
                if (e.transport()) {
                    throw e;
                }
                out.add(RpcResult.failed(0, e.getMessage()));
            }
        }
        return out;
    }

    private Map<Read, ReadResult> viaBatch(RpcClient rpc, List<Read> chunk) {
        if (chunk.isEmpty()) {
            return Map.of();
        }
        List<RpcRequest> requests = new ArrayList<>(chunk.size());
        for (Read r : chunk) {
            requests.add(request(r));
        }
        Map<Read, ReadResult> out = new HashMap<>();
        try {
            List<RpcResult> results = rpc.batch(requests);
            for (int i = 0; i < chunk.size(); i++) {
                out.put(chunk.get(i), toResult(chunk.get(i), results.get(i)));
            }
        } catch (RpcException e) {
            chunk.forEach(r -> out.put(r, ReadResult.failed(e.getMessage())));
        }
        return out;
    }

    private static ReadResult single(RpcClient rpc, Read r) {
        RpcRequest req = request(r);
        try {
            return toResult(r, RpcResult.of(rpc.call(req.method(), req.params().toArray())));
        } catch (RpcException e) {
            return e.reverted() ? ReadResult.reverted(e.getMessage()) : ReadResult.failed(e.getMessage());
        }
    }

    private static RpcRequest request(Read r) {
        if (r.kind() == Read.Kind.NATIVE_BALANCE) {
            return RpcRequest.of("eth_getBalance", r.holder(), "latest");
        }
        return RpcRequest.of(
                "eth_call", Map.of("to", r.contract(), "data", Numeric.toHexString(Abi.encode(r))), "latest");
    }

    private static ReadResult toResult(Read r, RpcResult res) {
        if (!res.ok()) {
            return res.reverted() ? ReadResult.reverted(res.errorMessage()) : ReadResult.failed(res.errorMessage());
        }
        try {
            String hex = res.result().asText("0x");
            if (r.kind() == Read.Kind.NATIVE_BALANCE) {
                return ReadResult.of(Numeric.toBigInt(hex));
            }
            byte[] data = Numeric.hexStringToByteArray(hex);
            return data.length == 0 ? ReadResult.failed("empty return data (no contract there?)") : Abi.decode(r, data);
        } catch (RuntimeException e) {
            return ReadResult.failed("undecodable answer for " + r.kind());
        }
    }
}
