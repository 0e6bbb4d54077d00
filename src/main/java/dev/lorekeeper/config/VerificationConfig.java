package dev.lorekeeper.config;

import java.time.Duration;

/**
 * Wallet verification: the chain named in sign-in messages (and used for EIP-1271 contract wallets), how long a
 * /verify link lives, and how much clock difference between the member's device and the bot is tolerated.
 */
public record VerificationConfig(
        String chain,
        Duration sessionTtl,
        Duration clockSkew,
        Integer attemptsPerMember,
        Integer requestsPerIpPerMinute) {
    public VerificationConfig {
        chain = chain == null || chain.isBlank() ? null : chain.trim();
        sessionTtl = sessionTtl == null ? Duration.ofMinutes(10) : sessionTtl;
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        attemptsPerMember = attemptsPerMember == null ? 10 : attemptsPerMember;
        requestsPerIpPerMinute = requestsPerIpPerMinute == null ? 30 : requestsPerIpPerMinute;
    }

    public static VerificationConfig defaults() {
        return new VerificationConfig(null, null, null, null, null);
    }
}
