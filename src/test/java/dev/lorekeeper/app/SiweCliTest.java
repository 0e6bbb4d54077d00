package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestContracts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.Keys;

class SiweCliTest {
    @RegisterExtension
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static String message(String address) {
        return "example.org wants you to sign in with your Ethereum account:\n" + address + "\n\n"
                + "Link this wallet\n\nURI: https://example.org/verify\nVersion: 1\nChain ID: "
                + anvil.get().chainId()
                + "\nNonce: abcdefgh12345678\nIssued At: 2025-01-01T00:00:00.000Z\n"
                + "Expiration Time: 2099-01-01T00:00:00Z";
    }

    Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void parsePrintsCamelCaseFields() throws Exception {
        String address = Keys.toChecksumAddress(anvil.get().accounts().get(0));
        CliTest.Run r = CliTest.run(
                "siwe",
                "parse",
                "--message-file",
                file("m.txt", message(address) + "\n").toString(),
                "--json");
        assertThat(r.exit()).isZero();
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.path("ok").asBoolean()).isTrue();
        assertThat(out.at("/fields/address").asText()).isEqualTo(address);
        assertThat(out.at("/fields/chainId").asLong()).isEqualTo(anvil.get().chainId());
        assertThat(out.at("/fields/expirationTime").asText()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(out.at("/fields/notBefore").isNull()).isTrue();
    }

    @Test
    void parseRejectsInvalidWithExitOne() throws Exception {
        CliTest.Run r = CliTest.run(
                "siwe",
                "parse",
                "--message-file",
                file("bad.txt", message("0xabc")).toString(),
                "--json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.path("ok").asBoolean()).isFalse();
        assertThat(out.path("error").asText()).contains("address");
    }

    @Test
    void formatRoundTripsAndRejectsMissingFields() throws Exception {
        String address = Keys.toChecksumAddress(anvil.get().accounts().get(0));
        String fields = "{\"domain\":\"example.org\",\"address\":\"" + address
                + "\",\"statement\":\"Link this wallet\","
                + "\"uri\":\"https://example.org/verify\",\"version\":\"1\",\"chainId\":"
                + anvil.get().chainId() + ","
                + "\"nonce\":\"abcdefgh12345678\",\"issuedAt\":\"2025-01-01T00:00:00.000Z\","
                + "\"expirationTime\":\"2099-01-01T00:00:00Z\"}";
        CliTest.Run r = CliTest.run(
                "siwe", "format", "--fields-file", file("f.json", fields).toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(message(address) + System.lineSeparator());
        CliTest.Run missing = CliTest.run(
                "siwe",
                "format",
                "--fields-file",
                file("g.json", "{\"domain\":\"example.org\"}").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("address is missing");
    }

    @Test
    void verifyChecksSignatureDomainAndTime() throws Exception {
        String address = Keys.toChecksumAddress(anvil.get().accounts().get(0));
        String text = message(address);
        Path m = file("m.txt", text);
        String sig = anvil.get().personalSign(text, address);
        CliTest.Run ok = CliTest.run("siwe", "verify", "--message-file", m.toString(), "--signature", sig, "--json");
        assertThat(ok.exit()).isZero();
        assertThat(JSON.readTree(ok.out()).path("valid").asBoolean()).isTrue();
        assertThat(JSON.readTree(ok.out()).path("address").asText()).isEqualTo(address);

        CliTest.Run domain = CliTest.run(
                "siwe",
                "verify",
                "--message-file",
                m.toString(),
                "--signature",
                sig,
                "--domain",
                "other.org",
                "--json");
        assertThat(domain.exit()).isEqualTo(1);
        assertThat(JSON.readTree(domain.out()).path("error").asText()).startsWith("WRONG_DOMAIN");

        CliTest.Run late = CliTest.run(
                "siwe",
                "verify",
                "--message-file",
                m.toString(),
                "--signature",
                sig,
                "--time",
                "2100-01-01T00:00:00Z",
                "--json");
        assertThat(JSON.readTree(late.out()).path("error").asText()).startsWith("EXPIRED");

        CliTest.Run other = CliTest.run(
                "siwe",
                "verify",
                "--message-file",
                m.toString(),
                "--signature",
                anvil.get().personalSign(text, anvil.get().accounts().get(1)),
                "--json");
        assertThat(JSON.readTree(other.out()).path("valid").asBoolean()).isFalse();
    }

    @Test
    void verifyAsksAContractWalletThroughRpc() throws Exception {
        String owner = Keys.toChecksumAddress(anvil.get().accounts().get(2));
        String wallet = Keys.toChecksumAddress(
                TestContracts.deploy(anvil.get(), "ContractWallet", owner, List.of(new Address(owner))));
        String text = message(wallet);
        Path m = file("c.txt", text);
        String sig = anvil.get().personalSign(text, owner);
        assertThat(CliTest.run("siwe", "verify", "--message-file", m.toString(), "--signature", sig, "--json")
                        .exit())
                .isEqualTo(1);
        CliTest.Run viaRpc = CliTest.run(
                "siwe",
                "verify",
                "--message-file",
                m.toString(),
                "--signature",
                sig,
                "--rpc",
                anvil.get().url(),
                "--json");
        assertThat(viaRpc.exit()).as(viaRpc.out()).isZero();
    }

    @Test
    void formatListsEveryBrokenFieldWithItsRule() throws Exception {
        CliTest.Run r = CliTest.run(
                "siwe",
                "format",
                "--fields-file",
                file(
                                "bad.json",
                                "{\"domain\":\"example.org\","
                                        + "\"address\":\"0xabc\",\"uri\":\"https://example.org/verify\",\"version\":\"1\",\"chainId\":\"one\","
                                        + "\"nonce\":\"abc\",\"issuedAt\":\"yesterday\"}")
                        .toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .contains(
                        "error: 4 problems with the fields:",
                        "  - address '0xabc' is not valid: 0x and 40 hex digits, EIP-55 checksummed",
                        "  - nonce 'abc' is not valid: 8 or more letters or digits (A-Z, a-z, 0-9)",
                        "  - issuedAt 'yesterday' is not valid: an RFC 3339 date-time such as 2024-05-01T12:00:00Z",
                        "  - chainId 'one' is not valid: a whole number of 1 or more");
    }

    @Test
    void aMessageWithWindowsLineEndingsIsReadAsTheSameMessage() throws Exception {
        String address = Keys.toChecksumAddress(anvil.get().accounts().get(0));
        String text = message(address);
        Path crlf = file("crlf.txt", text.replace("\n", "\r\n") + "\r\n");
        CliTest.Run parsed = CliTest.run("siwe", "parse", "--message-file", crlf.toString(), "--json");
        assertThat(parsed.exit()).as(parsed.out()).isZero();
        assertThat(JSON.readTree(parsed.out()).at("/fields/address").asText()).isEqualTo(address);
        CliTest.Run verified = CliTest.run(
                "siwe",
                "verify",
                "--message-file",
                crlf.toString(),
                "--signature",
                anvil.get().personalSign(text, address),
                "--json");
        assertThat(verified.exit()).as(verified.out()).isZero();
    }

    @Test
    void verifyRefusesAMessageIssuedInTheFutureAsTheBotDoes() throws Exception {
        String address = Keys.toChecksumAddress(anvil.get().accounts().get(0));
        String text =
                message(address).replace("Issued At: 2025-01-01T00:00:00.000Z", "Issued At: 2098-01-01T00:00:00Z");
        Path m = file("future.txt", text);
        String sig = anvil.get().personalSign(text, address);
        CliTest.Run r = CliTest.run("siwe", "verify", "--message-file", m.toString(), "--signature", sig, "--json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(JSON.readTree(r.out()).path("error").asText())
                .startsWith("NOT_YET_VALID: the message was issued " + "at 2098-01-01T00:00:00Z, later than now (")
                .endsWith("); check the clock of the device that made it");
        CliTest.Run then = CliTest.run(
                "siwe",
                "verify",
                "--message-file",
                m.toString(),
                "--signature",
                sig,
                "--time",
                "2098-01-01T00:00:30Z",
                "--json");
        assertThat(then.exit()).as("within the default 60s clock skew").isZero();
    }
}
