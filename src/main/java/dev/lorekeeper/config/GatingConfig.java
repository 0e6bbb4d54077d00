package dev.lorekeeper.config;

import java.time.Duration;

/**
 * How roles follow the chain: log polling interval, the safety-net sweep, confirmations before a log counts, read
 * batching and caching (for how long, and in how many bytes), the pace of role changes per server, and how long
 * finished role changes are kept.
 */
public record GatingConfig(
        Duration pollInterval,
        Duration sweepInterval,
        Integer confirmations,
        Integer batchSize,
        Duration cacheTtl,
        Integer roleChangesPerTenSeconds,
        Integer logBlockRange,
        String multicall,
        String delegateRegistry,
        Integer failuresBeforeAlert,
        Long cacheMaxBytes,
        Duration outboxRetention) {
    public static final String MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11";
    public static final String DELEGATE_REGISTRY_V2 = "0x00000000000000447e69651d841bD8D104Bed493";

    public GatingConfig {
        pollInterval = pollInterval == null ? Duration.ofSeconds(12) : pollInterval;
        sweepInterval = sweepInterval == null ? Duration.ofHours(6) : sweepInterval;
        confirmations = confirmations == null ? 2 : confirmations;
        batchSize = batchSize == null ? 500 : batchSize;
        cacheTtl = cacheTtl == null ? Duration.ofMinutes(5) : cacheTtl;
        roleChangesPerTenSeconds = roleChangesPerTenSeconds == null ? 10 : roleChangesPerTenSeconds;
        logBlockRange = logBlockRange == null ? 2000 : logBlockRange;
        multicall = multicall == null || multicall.isBlank() ? MULTICALL3 : multicall.trim();
        delegateRegistry =
                delegateRegistry == null || delegateRegistry.isBlank() ? DELEGATE_REGISTRY_V2 : delegateRegistry.trim();
        failuresBeforeAlert = failuresBeforeAlert == null ? 3 : failuresBeforeAlert;
        cacheMaxBytes = cacheMaxBytes == null ? 32L * 1024 * 1024 : cacheMaxBytes;
        outboxRetention = outboxRetention == null ? Duration.ofDays(7) : outboxRetention;
    }

    public static GatingConfig defaults() {
        return new GatingConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
