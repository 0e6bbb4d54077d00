package dev.lorekeeper.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lorekeeper.wallet.SiweMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code lorekeeper siwe ...}: Sign-In with Ethereum tools for operators and for checking against test vectors. */
@Command(
        name = "siwe",
        description = "Sign-In with Ethereum (EIP-4361) tools",
        mixinStandardHelpOptions = true,
        subcommands = {SiweParseCommand.class, SiweFormatCommand.class, SiweVerifyCommand.class})
public final class SiweCommand {
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    /** Reads a message file; one trailing newline (which editors add) is not part of the message. */
    static String readMessage(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.endsWith("\r\n")) {
                return text.substring(0, text.length() - 2);
            }
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new CliFailure(2, "error: cannot read " + file + ": " + e.getMessage());
        }
    }

    static ObjectNode fields(SiweMessage m) {
        ObjectNode f = JSON.createObjectNode();
        f.put("domain", m.domain());
        f.put("address", m.address());
        f.put("statement", m.statement());
        f.put("uri", m.uri());
        f.put("version", m.version());
        f.put("chainId", m.chainId());
        f.put("nonce", m.nonce());
        f.put("issuedAt", m.issuedAt());
        f.put("expirationTime", m.expirationTime());
        f.put("notBefore", m.notBefore());
        f.put("requestId", m.requestId());
        f.set("resources", JSON.valueToTree(m.resources()));
        f.put("scheme", m.scheme());
        return f;
    }
}
