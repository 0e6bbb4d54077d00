package dev.lorekeeper.bench;

import dev.lorekeeper.testing.LocalSigner;
import dev.lorekeeper.wallet.SiweExpectations;
import dev.lorekeeper.wallet.SiweMessage;
import dev.lorekeeper.wallet.SiweVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * EIP-191 sign-in verifications per second on one thread (one core): parse-free verification of a formatted
 * message, including field and time checks and signer recovery.
 * Goal: {@link #GOAL_PER_SECOND}. Run: {@code mvn -B -Pbench verify -Dbench.only=siwe}.
 */
@Tag("bench-all")
@Tag("bench-siwe")
class SiweBenchmark {
    /** The README's goal: verifications per second on one core. */
    static final double GOAL_PER_SECOND = 1000;

    record Signed(SiweMessage message, String signature) {}

    @Test
    void verificationsPerSecondPerCore() throws Exception {
        List<Signed> signed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ECKeyPair key = Keys.createEcKeyPair();
            String address = Keys.toChecksumAddress(Keys.getAddress(key));
            SiweMessage m = new SiweMessage(
                    "https",
                    "verify.example.org",
                    address,
                    "Link this wallet to Discord user member" + i + " in the server Bench",
                    "https://verify.example.org/verify",
                    "1",
                    1,
                    "nonce" + (10_000_000 + i),
                    Instant.now().toString(),
                    Instant.now().plusSeconds(600).toString(),
                    null,
                    null,
                    List.of());
            signed.add(new Signed(m, LocalSigner.personalSign(m.format(), key)));
        }
        SiweVerifier verifier = new SiweVerifier(null, Duration.ofSeconds(60));
        SiweExpectations expect = new SiweExpectations("verify.example.org", null, null, 1L, null);
        run(verifier, expect, signed, Duration.ofSeconds(2)); // warm-up
        long[] result = run(verifier, expect, signed, Duration.ofSeconds(5));
        double perSecond = result[0] * 1e9 / result[1];
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("verifications_per_s", Math.round(perSecond));
        figures.put("threads", 1);
        figures.put("verifications", result[0]);
        figures.put("failures", result[2]);
        BenchReport.finish(
                "siwe",
                "EIP-191 sign-in verifications on one thread (field and time checks plus signer recovery)",
                BenchReport.num(Math.round(perSecond)) + " verifications/s on one thread, " + result[2] + " failures",
                List.of(
                        BenchReport.Goal.atLeast(
                                "verifications/s per core", Math.round(perSecond), GOAL_PER_SECOND, ""),
                        BenchReport.Goal.equal("failed verifications", result[2], 0)),
                figures);
    }

    /** Verifies round-robin for {@code duration}; returns {count, nanos, failures}. */
    private static long[] run(SiweVerifier verifier, SiweExpectations expect, List<Signed> signed, Duration duration) {
        long count = 0;
        long failures = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        while (System.nanoTime() < end) {
            Signed s = signed.get((int) (count % signed.size()));
            if (!verifier.verify(s.message(), s.signature(), expect).valid()) {
                failures++;
            }
            count++;
        }
        return new long[] {count, System.nanoTime() - start, failures};
    }
}
