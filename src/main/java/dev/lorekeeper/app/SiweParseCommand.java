package dev.lorekeeper.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lorekeeper.wallet.SiweException;
import dev.lorekeeper.wallet.SiweMessage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lorekeeper siwe parse}: strict EIP-4361 parsing; exit 1 when the message is invalid. */
@Command(
        name = "parse",
        description = "Parse an EIP-4361 message and print its fields",
        mixinStandardHelpOptions = true)
public final class SiweParseCommand implements Callable<Integer> {
    @Option(names = "--message-file", required = true, paramLabel = "FILE", description = "The message text")
    Path messageFile;

    @Option(names = "--json", description = "Print {\"ok\":…, \"fields\":{…}} or {\"ok\":false, \"error\":…}")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            SiweMessage m = SiweMessage.parse(SiweCommand.readMessage(messageFile));
            ObjectNode fields = SiweCommand.fields(m);
            if (json) {
                ObjectNode result = SiweCommand.JSON.createObjectNode().put("ok", true);
                result.set("fields", fields);
                out.println(result);
            } else {
                fields.properties()
                        .forEach(e -> out.println(e.getKey() + ": "
                                + (e.getValue().isNull()
                                        ? "-"
                                        : e.getValue().isTextual()
                                                ? e.getValue().asText()
                                                : e.getValue().toString())));
            }
            out.flush();
            return 0;
        } catch (SiweException e) {
            if (json) {
                out.println(SiweCommand.JSON.createObjectNode().put("ok", false).put("error", e.getMessage()));
            } else {
                spec.commandLine().getErr().println("invalid message: " + e.getMessage());
            }
            out.flush();
            return 1;
        }
    }
}
