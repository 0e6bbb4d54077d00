package dev.lorekeeper.config;

import java.time.Duration;
import java.util.List;

/**
 * Where token metadata is fetched from: IPFS gateways tried in order, how long each may take, and how long a fetched
 * copy is used before it is fetched again.
 */
public record MetadataConfig(List<String> ipfsGateways, Duration timeout, Duration refresh) {
    public MetadataConfig {
        ipfsGateways = ipfsGateways == null || ipfsGateways.isEmpty()
                ? List.of("https://ipfs.io/ipfs/", "https://dweb.link/ipfs/") : List.copyOf(ipfsGateways);
        timeout = timeout == null ? Duration.ofSeconds(8) : timeout;
        refresh = refresh == null ? Duration.ofHours(24) : refresh;
    }

    public static MetadataConfig defaults() {
        return new MetadataConfig(null, null, null);
    }
}
