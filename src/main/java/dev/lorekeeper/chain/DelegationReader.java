package dev.lorekeeper.chain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Cold wallets that delegated to a hot wallet through the delegate.xyz v2 registry. Candidates come from
 * {@code getIncomingDelegations}; each is confirmed with {@code checkDelegateForAll} or
 * {@code checkDelegateForContract} before it counts. Results are cached per (chain, hot wallet).
 */
public final class DelegationReader {
    private static final byte[] INCOMING = Arrays.copyOf(Hash.sha3("getIncomingDelegations(address)"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)), 4);
    private static final byte[] CHECK_ALL = Arrays.copyOf(Hash.sha3("checkDelegateForAll(address,address,bytes32)"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)), 4);
    private static final byte[] CHECK_CONTRACT = Arrays.copyOf(Hash.sha3(
            "checkDelegateForContract(address,address,address,bytes32)".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            4);
    private static final int TYPE_ALL = 1;
    private static final int TYPE_CONTRACT = 2;

    private final Chains chains;
    private final String registry;
    private final Cache<String, List<Delegation>> cache;

    public DelegationReader(Chains chains, String registry, Duration ttl) {
        this.chains = chains;
        this.registry = registry.toLowerCase(Locale.ROOT);
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(200_000).build();
    }

    /** A confirmed delegation: {@code from} (cold) counts for {@code to}; contract null means all contracts. */
    public record Delegation(String chain, String from, String to, String contract) {
    }

    /** Confirmed delegations to each hot wallet; a chain that can not be read yields none (never a guess). */
    public Map<String, List<Delegation>> incoming(String chainName, List<String> hotWallets) {
        Map<String, List<Delegation>> out = new HashMap<>();
        List<String> misses = new ArrayList<>();
        for (String hot : hotWallets) {
            List<Delegation> cached = cache.getIfPresent(chainName + "|" + hot.toLowerCase(Locale.ROOT));
            if (cached != null) {
                out.put(hot, cached);
            } else {
                misses.add(hot);
            }
        }
        Chains.Chain chain = chains.byName(chainName).orElse(null);
        if (chain == null || misses.isEmpty()) {
            return out;
        }
        try {
            List<RpcResult> lists = chain.rpc().batch(misses.stream().map(h -> call(Abi.call(INCOMING,
                    Abi.address(h)))).toList());
            List<Delegation> candidates = new ArrayList<>();
            for (int i = 0; i < misses.size(); i++) {
                if (lists.get(i).ok()) {
                    candidates.addAll(decode(chainName, Numeric.hexStringToByteArray(lists.get(i).result().asText())));
                }
            }
            List<RpcResult> checks = candidates.isEmpty() ? List.of() : chain.rpc().batch(candidates.stream()
                    .map(d -> call(d.contract() == null
                            ? Abi.call(CHECK_ALL, Abi.address(d.to()), Abi.address(d.from()), new byte[32])
                            : Abi.call(CHECK_CONTRACT, Abi.address(d.to()), Abi.address(d.from()),
                                    Abi.address(d.contract()), new byte[32]))).toList());
            Map<String, List<Delegation>> confirmed = new HashMap<>();
            misses.forEach(h -> confirmed.put(h.toLowerCase(Locale.ROOT), new ArrayList<>()));
            for (int i = 0; i < candidates.size(); i++) {
                RpcResult r = checks.get(i);
                if (r.ok() && Numeric.toBigInt(r.result().asText("0x0")).signum() != 0) {
                    confirmed.computeIfAbsent(candidates.get(i).to(), k -> new ArrayList<>()).add(candidates.get(i));
                }
            }
            for (String hot : misses) {
                List<Delegation> list = List.copyOf(confirmed.getOrDefault(hot.toLowerCase(Locale.ROOT), List.of()));
                cache.put(chainName + "|" + hot.toLowerCase(Locale.ROOT), list);
                out.put(hot, list);
            }
        } catch (RpcException e) {
            misses.forEach(h -> out.put(h, List.of()));
        }
        return out;
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
