package dev.lorekeeper.chain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Cold wallets that delegated to a hot wallet through the delegate.xyz v2 registry. Candidates come from
 * {@code getIncomingDelegations}; each is confirmed with {@code checkDelegateForAll} or
 * {@code checkDelegateForContract} before it counts. Results are cached per (chain, hot wallet).
 */
public final class DelegationReader {
    private static final byte[] INCOMING =
            Arrays.copyOf(Hash.sha3("getIncomingDelegations(address)".getBytes(StandardCharsets.UTF_8)), 4);
    private static final byte[] CHECK_ALL = Arrays.copyOf(
            Hash.sha3("checkDelegateForAll(address,address,bytes32)".getBytes(StandardCharsets.UTF_8)), 4);
    private static final byte[] CHECK_CONTRACT = Arrays.copyOf(
            Hash.sha3("checkDelegateForContract(address,address,address,bytes32)".getBytes(StandardCharsets.UTF_8)), 4);
    private static final int TYPE_ALL = 1;
    private static final int TYPE_CONTRACT = 2;
    /** More delegations than anyone plausibly holds: a longer list is an attack on the sweep's memory. */
    private static final int MAX_DELEGATIONS = 1_000;

    private final Chains chains;
    private final String registry;
    private final Cache<String, List<Delegation>> cache;

    public DelegationReader(Chains chains, String registry, Duration ttl) {
        this.chains = chains;
        this.registry = registry.toLowerCase(Locale.ROOT);
        this.cache =
                Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(200_000).build();
    }

    /** A confirmed delegation: {@code from} (cold) counts for {@code to}; contract null means all contracts. */
    public record Delegation(String chain, String from, String to, String contract) {}

    /**
     * Confirmed delegations to each hot wallet that could be read, and the hot wallets whose delegations could not
     * be (a failed or malformed read is unknown, never "no delegations", and is not cached).
     */
    public record Incoming(Map<String, List<Delegation>> byHot, Set<String> unknown) {
        public Incoming {
            byHot = Map.copyOf(byHot);
            unknown = Set.copyOf(unknown);
        }
    }

    public Incoming incoming(String chainName, List<String> hotWallets) {
        Map<String, List<Delegation>> out = new HashMap<>();
        List<String> misses = new ArrayList<>();
        for (String hot : new LinkedHashSet<>(hotWallets)) {
            List<Delegation> cached = cache.getIfPresent(key(chainName, hot));
            if (cached != null) {
                out.put(hot, cached);
            } else {
                misses.add(hot);
            }
        }
        Chains.Chain chain = chains.byName(chainName).orElse(null);
        if (misses.isEmpty()) {
            return new Incoming(out, Set.of());
        }
        if (chain == null) {
            return new Incoming(out, new HashSet<>(misses));
        }
        Set<String> unknown = new HashSet<>();
        try {
            List<RpcResult> lists = chain.rpc()
                    .batch(misses.stream()
                            .map(h -> call(Abi.call(INCOMING, Abi.address(h))))
                            .toList());
            Map<String, List<Delegation>> candidatesByHot = new LinkedHashMap<>();
            for (int i = 0; i < misses.size(); i++) {
                Optional<List<Delegation>> decoded = lists.get(i).ok()
                        ? decodeSafely(chainName, lists.get(i).result().asText())
                        : Optional.empty();
                if (decoded.isPresent()) {
                    String hot = misses.get(i);
                    // Only delegations to the wallet asked about: the confirmation below checks exactly that pair.
                    candidatesByHot.put(
                            hot,
                            decoded.get().stream()
                                    .filter(d -> d.to().equalsIgnoreCase(hot))
                                    .toList());
                } else {
                    unknown.add(misses.get(i));
                }
            }
            List<Delegation> candidates =
                    candidatesByHot.values().stream().flatMap(List::stream).toList();
            List<RpcResult> checks = candidates.isEmpty()
                    ? List.of()
                    : chain.rpc()
                            .batch(candidates.stream()
                                    .map(d -> call(
                                            d.contract() == null
                                                    ? Abi.call(
                                                            CHECK_ALL,
                                                            Abi.address(d.to()),
                                                            Abi.address(d.from()),
                                                            new byte[32])
                                                    : Abi.call(
                                                            CHECK_CONTRACT,
                                                            Abi.address(d.to()),
                                                            Abi.address(d.from()),
                                                            Abi.address(d.contract()),
                                                            new byte[32])))
                                    .toList());
            int at = 0;
            for (Map.Entry<String, List<Delegation>> e : candidatesByHot.entrySet()) {
                List<Delegation> confirmed = new ArrayList<>();
                boolean complete = true;
                for (Delegation d : e.getValue()) {
                    RpcResult r = checks.get(at++);
                    if (!r.ok()) {
                        complete = false;
                    } else if (Numeric.toBigInt(r.result().asText("0x0")).signum() != 0) {
                        confirmed.add(d);
                    }
                }
                if (complete) {
                    cache.put(key(chainName, e.getKey()), List.copyOf(confirmed));
                    out.put(e.getKey(), List.copyOf(confirmed));
                } else {
                    unknown.add(e.getKey());
                }
            }
        } catch (RpcException | IllegalArgumentException e) {
            unknown.addAll(misses);
        }
        return new Incoming(out, unknown);
    }

    private static String key(String chain, String hot) {
        return chain + "|" + hot.toLowerCase(Locale.ROOT);
    }

    private static Optional<List<Delegation>> decodeSafely(String chain, String hex) {
        try {
            return Optional.of(decode(chain, Numeric.hexStringToByteArray(hex)));
        } catch (RuntimeException e) {
            return Optional.empty(); // a registry that answers garbage is not "no delegations"
        }
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    private RpcRequest call(byte[] data) {
        return RpcRequest.of("eth_call", Map.of("to", registry, "data", Numeric.toHexString(data)), "latest");
    }

    /** Decodes {@code Delegation[]}: a static tuple of 7 words per entry. */
    static List<Delegation> decode(String chain, byte[] data) {
        List<Delegation> out = new ArrayList<>();
        if (data.length < 64) {
            return out;
        }
        int offset = Abi.word(data, 0).intValueExact();
        int n = new BigInteger(1, Arrays.copyOfRange(data, offset, offset + 32)).intValueExact();
        if (n > MAX_DELEGATIONS || (long) offset + 32 + (long) n * 7 * 32 > data.length) {
            throw new IllegalArgumentException("delegation list of " + n + " entries does not fit the answer");
        }
        for (int i = 0; i < n; i++) {
            int base = offset + 32 + i * 7 * 32;
            int type = new BigInteger(1, Arrays.copyOfRange(data, base, base + 32)).intValue();
            String to = address(data, base + 32);
            String from = address(data, base + 64);
            String contract = address(data, base + 128);
            if (type == TYPE_ALL) {
                out.add(new Delegation(chain, from, to, null));
            } else if (type == TYPE_CONTRACT) {
                out.add(new Delegation(chain, from, to, contract));
            }
        }
        return out;
    }

    private static String address(byte[] data, int at) {
        return Numeric.toHexString(Arrays.copyOfRange(data, at + 12, at + 32)).toLowerCase(Locale.ROOT);
    }
}
