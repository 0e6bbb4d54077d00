package dev.lorekeeper.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lorekeeper.chain.Chains;
import dev.lorekeeper.chain.RpcClient;
import dev.lorekeeper.chain.RpcObserver;
import dev.lorekeeper.config.Durations;
import dev.lorekeeper.wallet.ChainContractSignatureChecker;
import dev.lorekeeper.wallet.SiweException;
import dev.lorekeeper.wallet.SiweExpectations;
import dev.lorekeeper.wallet.SiweMessage;
import dev.lorekeeper.wallet.SiweVerifier;
import dev.lorekeeper.wallet.VerificationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lorekeeper siwe verify}: checks a signed message; exit 0 when valid, 1 when not. */
@Command(
        name = "verify",
        description = "Verify a signed EIP-4361 message (EIP-191, or EIP-1271 with --rpc)",
        mixinStandardHelpOptions = true)
public final class SiweVerifyCommand implements Callable<Integer> {
    @Option(names = "--message-file", required = true, paramLabel = "FILE")
    Path messageFile;

    @Option(names = "--signature", required = true, paramLabel = "0x…")
    String signature;

    @Option(names = "--domain", description = "Require this domain")
    String domain;

    @Option(names = "--nonce", description = "Require this nonce")
    String nonce;

    @Option(names = "--time", paramLabel = "ISO-8601", description = "Check validity at this time (default: now)")
    String time;

    @Option(
            names = "--clock-skew",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "Tolerated clock difference, as the bot's verification.clock-skew (default 60s)")
    String clockSkew;

    @Option(names = "--rpc", paramLabel = "URL", description = "JSON-RPC endpoint for EIP-1271 contract wallets")
    String rpc;

    @Option(names = "--json", description = "Print {\"valid\":…, \"address\":…, \"error\":…}")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        VerificationResult result;
        String address = null;
        try {
            SiweMessage m = SiweMessage.parse(SiweCommand.readMessage(messageFile));
            address = m.address();
            Instant at = time == null ? Instant.now() : parseTime(time);
            SiweVerifier verifier = verifier(m.chainId(), skew());
            // The bot's checks, in the bot's order: fields and validity window, issued-at, then the signature.
            verifier.checkMessage(m, new SiweExpectations(domain, nonce, at, null, null));
            verifier.checkIssuedAt(m, at);
            result = verifier.checkSignature(m, signature);
        } catch (SiweException e) {
            result = VerificationResult.refused(address, e.error(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = SiweCommand.JSON
                    .createObjectNode()
                    .put("valid", result.valid())
                    .put("address", result.address());
            o.put("error", result.valid() ? null : result.error().name() + ": " + result.reason());
            out.println(o);
        } else {
            out.println(
                    result.valid()
                            ? "valid: signed by " + result.address()
                            : "invalid: " + result.error().name() + ": " + result.reason());
        }
        out.flush();
        return result.valid() ? 0 : 1;
    }

    private Duration skew() {
        try {
            return Durations.parse(clockSkew);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(2, "error: --clock-skew " + e.getMessage());
        }
    }

    private SiweVerifier verifier(long chainId, Duration skew) {
        if (rpc == null) {
            return new SiweVerifier(null, skew);
        }
        Chains chains = new Chains();
        chains.add(new Chains.Chain(
                "cli", chainId, new RpcClient("cli", List.of(rpc), Duration.ofSeconds(15), RpcObserver.NONE)));
        return new SiweVerifier(new ChainContractSignatureChecker(chains), skew);
    }

    private static Instant parseTime(String value) {
        try {
            return SiweMessage.time(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliFailure(
                    2, "error: --time '" + value + "' is not an ISO-8601 date-time such as " + "2024-05-01T12:00:00Z");
        }
    }
}
