package dev.lorekeeper.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The values that bind but can not work: counts out of range, durations of zero, addresses of the wrong length and
 * gateways that are not web URLs. Each message says what the value must be, so the fix is in the line.
 */
final class ConfigLimits {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private final List<ConfigProblem> problems = new ArrayList<>();

    List<ConfigProblem> check(LorekeeperConfig c) {
        knowledge(c.knowledge());
        gating(c.gating());
        metadata(c.metadata());
        positive("llm.timeout", c.llm().timeout(), "30s");
        notNegative("llm.usd-per-million-input", c.llm().usdPerMillionInput());
        notNegative("llm.usd-per-million-output", c.llm().usdPerMillionOutput());
        c.chains().forEach((name, chain) -> positive("chains." + name + ".timeout", chain.timeout(), "10s"));
        positive("storage.connect-timeout", c.storage().connectTimeout(), "10s");
        VerificationConfig v = c.verification();
        notNegative("verification.clock-skew", v.clockSkew(), "60s");
        atLeast("verification.attempts-per-member", v.attemptsPerMember(), 1);
        atLeast("verification.requests-per-ip-per-minute", v.requestsPerIpPerMinute(), 1);
        notNegative("characters.quest-cooldown", c.characters().questCooldown(), "10m");
        notNegative("characters.ownership-cache", c.characters().ownershipCache(), "15s");
        return problems;
    }

    private void knowledge(KnowledgeConfig k) {
        between("knowledge.top-k", k.topK(), 1, 50, "passages given to the model");
        atLeast("knowledge.questions-per-minute", k.questionsPerMinute(), 1);
        positive("knowledge.refresh-interval", k.refreshInterval(), "6h");
    }

    private void gating(GatingConfig g) {
        between("gating.confirmations", g.confirmations(), 0, 1000, "blocks a log must be buried under");
        between("gating.log-block-range", g.logBlockRange(), 1, 1_000_000, "blocks per eth_getLogs call");
        atLeast("gating.failures-before-alert", g.failuresBeforeAlert(), 1);
        positive("gating.sweep-interval", g.sweepInterval(), "6h");
        positive("gating.outbox-retention", g.outboxRetention(), "7d");
        notNegative("gating.cache-ttl", g.cacheTtl(), "5m");
        address("gating.multicall", g.multicall(), GatingConfig.MULTICALL3);
        address("gating.delegate-registry", g.delegateRegistry(), GatingConfig.DELEGATE_REGISTRY_V2);
    }

    private void metadata(MetadataConfig m) {
        gateways("metadata.ipfs-gateways", m.ipfsGateways(), "https://ipfs.io/ipfs/");
        gateways("metadata.arweave-gateways", m.arweaveGateways(), "https://arweave.net/");
        positive("metadata.timeout", m.timeout(), "8s");
        positive("metadata.refresh", m.refresh(), "24h");
    }

    private void gateways(String path, List<String> urls, String example) {
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            if (!ConfigValidator.hasScheme(url, "http", "https")) {
                add(path + "[" + i + "]", "'" + url + "' is not an http(s) gateway URL (for example " + example + ")");
            }
        }
    }

    private void address(String path, String value, String canonical) {
        if (!ADDRESS.matcher(value).matches()) {
            int digits = value.startsWith("0x") ? value.length() - 2 : value.length();
            add(
                    path,
                    "'" + value + "' is not a contract address: it needs 0x and 40 hex digits (20 bytes), it has "
                            + digits + " characters; the canonical one is " + canonical);
        }
    }

    private void between(String path, int value, int min, int max, String meaning) {
        if (value < min || value > max) {
            add(path, value + " is out of range: " + min + " to " + max + " (" + meaning + ")");
        }
    }

    private void atLeast(String path, int value, int min) {
        if (value < min) {
            add(path, value + " is too small: must be at least " + min);
        }
    }

    private void notNegative(String path, double value) {
        if (value < 0) {
            add(path, value + " is negative: must be 0 or more");
        }
    }

    private void positive(String path, Duration d, String example) {
        if (d.isNegative() || d.isZero()) {
            add(path, Durations.format(d) + " is not a duration above zero (for example " + example + ")");
        }
    }

    private void notNegative(String path, Duration d, String example) {
        if (d.isNegative()) {
            add(path, Durations.format(d) + " is negative: use 0s or more (for example " + example + ")");
        }
    }

    private void add(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }
}
