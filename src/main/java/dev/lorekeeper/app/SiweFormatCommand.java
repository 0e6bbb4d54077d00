package dev.lorekeeper.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lorekeeper.wallet.SiweException;
import dev.lorekeeper.wallet.SiweMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lorekeeper siwe format}: the exact message text for a set of fields; exit 1 when a field is invalid. */
@Command(name = "format", description = "Print the exact EIP-4361 message for fields given as JSON",
        mixinStandardHelpOptions = true)
public final class SiweFormatCommand implements Callable<Integer> {
    @Option(names = "--fields-file", required = true, paramLabel = "FILE",
            description = "JSON with camelCase fields: domain, address, statement, uri, version, chainId, nonce, "
                    + "issuedAt, expirationTime, notBefore, requestId, resources, scheme")
    Path fieldsFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode f;
        try {
            f = SiweCommand.JSON.readTree(Files.readString(fieldsFile));
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: " + fieldsFile + " is not readable JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
            return 1;
        }
        try {
            List<String> resources = new ArrayList<>();
            f.path("resources").forEach(r -> resources.add(r.asText()));
            JsonNode chain = f.path("chainId");
            long chainId = chain.canConvertToExactIntegral() ? chain.asLong() : -1;
            SiweMessage m = new SiweMessage(text(f, "scheme"), text(f, "domain"), text(f, "address"),
                    text(f, "statement"), text(f, "uri"), text(f, "version"), chainId, text(f, "nonce"),
                    text(f, "issuedAt"), text(f, "expirationTime"), text(f, "notBefore"), text(f, "requestId"),
                    resources);
            spec.commandLine().getOut().print(m.format());
            spec.commandLine().getOut().println();
            spec.commandLine().getOut().flush();
            return 0;
        } catch (SiweException e) {
            spec.commandLine().getErr().println("error: " + (e.getMessage().contains("chainId")
                    ? "chainId must be a positive whole number" : e.getMessage()));
            return 1;
        }
    }

    private static String text(JsonNode f, String field) {
        JsonNode n = f.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
