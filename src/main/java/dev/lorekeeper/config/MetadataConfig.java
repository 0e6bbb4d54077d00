package dev.lorekeeper.config;

import java.time.Duration;
import java.util.List;

/** Where token metadata is fetched from: IPFS gateways tried in order, and how long each may take. */
public record MetadataConfig(List<String> ipfsGateways, Duration timeout) {
    public MetadataConfig {
        ipfsGateways = ipfsGateways == null || ipfsGateways.isEmpty()
                ? List.of("https://ipfs.io/ipfs/", "https://dweb.link/ipfs/") : List.copyOf(ipfsGateways);
        timeout = timeout == null ? Duration.ofSeconds(8) : timeout;
    }

    public static MetadataConfig defaults() {
        return new MetadataConfig(null, null);
    }
}
