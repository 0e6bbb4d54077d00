package dev.lorekeeper.config;

import java.time.Duration;
import java.util.List;

/**
 * One EVM chain: its id, the RPC endpoints tried in order (URLs often carry API keys, so they are secret), and the
 * deadline of one RPC request, after which the read is unknown.
 */
public record ChainConfig(Long chainId, @Secret List<String> rpcUrls, Duration timeout) {
    public ChainConfig {
        rpcUrls = rpcUrls == null ? List.of() : List.copyOf(rpcUrls);
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }
}
