package dev.lorekeeper.config;

import java.util.List;

/** One EVM chain: its id and the RPC endpoints tried in order (URLs often carry API keys, so they are secret). */
public record ChainConfig(Long chainId, @Secret List<String> rpcUrls) {
    public ChainConfig {
        rpcUrls = rpcUrls == null ? List.of() : List.copyOf(rpcUrls);
    }
}
