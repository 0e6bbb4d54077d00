package dev.lorekeeper.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lorekeeper.wallet.SiweMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lorekeeper siwe format}: the exact message text for a set of fields; exit 1 listing every invalid field. */
@Command(
        name = "format",
        description = "Print the exact EIP-4361 message for fields given as JSON",
        mixinStandardHelpOptions = true)
public final class SiweFormatCommand implements Callable<Integer> {
    @Option(
            names = "--fields-file",
            required = true,
            paramLabel = "FILE",
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
            spec.commandLine()
                    .getErr()
                    .println("error: " + fieldsFile + " is not readable JSON: "
                            + e.getMessage().lines().findFirst().orElse(""));
            return 1;
        }
        List<String> resources = new ArrayList<>();
        f.path("resources").forEach(r -> resources.add(r.asText()));
        JsonNode chain = f.path("chainId");
        boolean given = !chain.isMissingNode() && !chain.isNull();
        boolean whole = chain.canConvertToExactIntegral();
        // A chainId that is not a number is reported here with its text; the rule check sees a valid stand-in.
        long chainId = !given ? -1 : whole ? chain.asLong() : 1;
        SiweMessage.Fields fields = new SiweMessage.Fields(
                text(f, "scheme"),
                text(f, "domain"),
                text(f, "address"),
                text(f, "statement"),
                text(f, "uri"),
                text(f, "version"),
                chainId,
                text(f, "nonce"),
                text(f, "issuedAt"),
                text(f, "expirationTime"),
                text(f, "notBefore"),
                text(f, "requestId"),
                resources);
        List<String> problems = new ArrayList<>(fields.problems());
        if (given && !whole) {
            problems.add("chainId '" + chain.asText() + "' is not valid: a whole number of 1 or more");
        }
        if (!problems.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + " with the fields:");
            problems.forEach(p -> err.println("  - " + p));
            err.flush();
            return 1;
        }
        spec.commandLine().getOut().print(fields.message().format());
        spec.commandLine().getOut().println();
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static String text(JsonNode f, String field) {
        JsonNode n = f.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
