package dev.lorekeeper.chain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The configured chains, by name and by chain id. */
public final class Chains {
    private final Map<String, Chain> byName = new LinkedHashMap<>();

    public void add(Chain chain) {
        byName.put(chain.name(), chain);
    }

    public Optional<Chain> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<Chain> byId(long chainId) {
        return byName.values().stream().filter(c -> c.chainId() == chainId).findFirst();
    }

    public Collection<Chain> all() {
        return byName.values();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** One chain: its name, id and RPC client. */
    public record Chain(String name, long chainId, RpcClient rpc) {
        public EthReader reader() {
            return new EthReader(rpc);
        }
    }
}
