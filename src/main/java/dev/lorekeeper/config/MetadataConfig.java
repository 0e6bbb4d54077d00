package dev.lorekeeper.config;

import java.time.Duration;
import java.util.List;

/**
 * Where token metadata is fetched from: IPFS and Arweave gateways, each list tried in order, how long each may
 * take, how long a fetched copy is used before it is fetched again, and how many bytes of parsed metadata are kept
 * in memory.
 */
public record MetadataConfig(
        List<String> ipfsGateways,
        List<String> arweaveGateways,
        Duration timeout,
        Duration refresh,
        Long cacheMaxBytes) {
    public MetadataConfig {
        ipfsGateways = ipfsGateways == null || ipfsGateways.isEmpty()
                ? List.of("https://ipfs.io/ipfs/", "https://dweb.link/ipfs/")
                : List.copyOf(ipfsGateways);
        arweaveGateways = arweaveGateways == null || arweaveGateways.isEmpty()
                ? List.of("https://arweave.net/")
                : List.copyOf(arweaveGateways);
        timeout = timeout == null ? Duration.ofSeconds(8) : timeout;
        refresh = refresh == null ? Duration.ofHours(24) : refresh;
        cacheMaxBytes = cacheMaxBytes == null ? 32L * 1024 * 1024 : cacheMaxBytes;
    }

    public static MetadataConfig defaults() {
        return new MetadataConfig(null, null, null, null, null);
    }
}
