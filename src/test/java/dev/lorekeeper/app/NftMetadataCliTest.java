package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.Fixture;
import dev.lorekeeper.testing.TestContracts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

class NftMetadataCliTest {
    @RegisterExtension
    static final Fixture<Anvil> anvil = Fixture.of(() -> Anvil.start());

    static HttpServer server;
    static String nft;
    static String multi;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path config;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/meta/", ex -> {
            String id = ex.getRequestURI().getPath().substring("/meta/".length());
            byte[] body = ("{\"name\":\"Ember #" + id + "\",\"description\":\"A fire spirit\",\"image\":\"ar://img" + id
                            + "\",\"attributes\":[{\"trait_type\":\"Element\",\"value\":\"Fire\"},{\"value\":\"orphan\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        // ERC-1155: the {id} in uri() is replaced by 64 lowercase hex digits.
        server.createContext("/m1155/", ex -> {
            String file = ex.getRequestURI().getPath().substring("/m1155/".length());
            byte[] body = file.equals("0".repeat(62) + "2a.json")
                    ? "{\"name\":\"Badge 42\",\"attributes\":[{\"trait_type\":\"Tier\",\"value\":\"Gold\"}]}"
                            .getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            ex.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        String minter = anvil.get().accounts().get(0);
        TestContracts.placeAt(anvil.get(), "Multicall3", GatingConfig.MULTICALL3);
        nft = TestContracts.deploy(
                anvil.get(),
                "TestNft",
                minter,
                List.of(new Utf8String("http://127.0.0.1:" + server.getAddress().getPort() + "/meta/")));
        TestContracts.send(anvil.get(), minter, nft, "mint", List.of(new Address(minter), new Uint256(42)));
        multi = TestContracts.deploy(
                anvil.get(),
                "TestMultiToken",
                minter,
                List.of(new Utf8String("http://127.0.0.1:" + server.getAddress().getPort() + "/m1155/{id}.json")));
        config = dir.resolve("lorekeeper.yaml");
        // The token URIs point at the metadata server on 127.0.0.1.
        Files.writeString(
                config,
                "chains:\n  local:\n    chain-id: " + anvil.get().chainId() + "\n    rpc-urls: [\""
                        + anvil.get().url() + "\"]\noutbound:\n  allow-private-networks: true\n");
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void readsTokenUriFromTheChainAndPrintsTheDocumentedJson() throws Exception {
        CliTest.Run r = CliTest.run(
                "nft",
                "metadata",
                "-c",
                config.toString(),
                "--chain",
                "local",
                "--contract",
                nft,
                "--token-id",
                "42",
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.path("ok").asBoolean()).isTrue();
        assertThat(out.path("name").asText()).isEqualTo("Ember #42");
        assertThat(out.path("description").asText()).isEqualTo("A fire spirit");
        assertThat(out.path("image").asText()).isEqualTo("ar://img42");
        assertThat(out.path("imageUrl").asText()).isEqualTo("https://arweave.net/img42");
        assertThat(out.path("attributes")).hasSize(1);
        assertThat(out.at("/attributes/0/trait_type").asText()).isEqualTo("Element");
        assertThat(out.at("/attributes/0/value").asText()).isEqualTo("Fire");
        assertThat(out.path("warnings").get(0).asText()).contains("attributes[1]");
        assertThat(out.path("error").isNull()).isTrue();
    }

    @Test
    void anErc1155TokenIsReadThroughUriWithItsIdAsSixtyFourHexDigits() throws Exception {
        CliTest.Run r = CliTest.run(
                "nft",
                "metadata",
                "-c",
                config.toString(),
                "--chain",
                "local",
                "--contract",
                multi,
                "--token-id",
                "42",
                "--json");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.path("name").asText()).isEqualTo("Badge 42");
        assertThat(out.at("/attributes/0/value").asText()).isEqualTo("Gold");
    }

    @Test
    void aTokenThatDoesNotExistFailsWithTheReasonAndExitOne() throws Exception {
        CliTest.Run r = CliTest.run(
                "nft",
                "metadata",
                "-c",
                config.toString(),
                "--chain",
                "local",
                "--contract",
                nft,
                "--token-id",
                "7",
                "--json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.path("ok").asBoolean()).isFalse();
        assertThat(out.path("error").asText())
                .isEqualTo("tokenURI(7) and uri(7) failed on local at " + nft
                        + ": token #7 does not exist (ERC721NonexistentToken); check the token id, the contract address and "
                        + "the chain");
    }

    @Test
    void metadataUrlOnLoopbackIsRefusedUnlessTheConfigAllowsPrivateNetworks() throws Exception {
        Path strict = dir.resolve("strict.yaml");
        Files.writeString(
                strict,
                "chains:\n  local:\n    chain-id: " + anvil.get().chainId() + "\n    rpc-urls: [\""
                        + anvil.get().url() + "\"]\n");
        CliTest.Run r = CliTest.run(
                "nft",
                "metadata",
                "-c",
                strict.toString(),
                "--chain",
                "local",
                "--contract",
                nft,
                "--token-id",
                "42",
                "--json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(JSON.readTree(r.out()).path("error").asText())
                .isEqualTo("the metadata URL could not be fetched (refused: private address)");
    }

    @Test
    void aDataUriNeedsNoChain() throws Exception {
        CliTest.Run r = CliTest.run(
                "nft",
                "metadata",
                "-c",
                config.toString(),
                "--uri",
                "data:application/json;utf8,{\"name\":\"Inline\",\"image\":\"data:image/svg+xml;utf8,<svg/>\"}",
                "--json");
        assertThat(r.exit()).isZero();
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.path("name").asText()).isEqualTo("Inline");
        assertThat(out.path("imageUrl").isNull()).isTrue();
    }

    @Test
    void badArgumentsSayWhichOptionIsWrong() {
        CliTest.Run unknownChain = CliTest.run(
                "nft", "metadata", "-c", config.toString(), "--chain", "mainnet", "--contract", nft, "--token-id", "1");
        assertThat(unknownChain.exit()).isEqualTo(2);
        assertThat(unknownChain.err()).contains("--chain mainnet is not configured", "[local]");
        CliTest.Run badAddress = CliTest.run(
                "nft",
                "metadata",
                "-c",
                config.toString(),
                "--chain",
                "local",
                "--contract",
                "0x123",
                "--token-id",
                "1");
        assertThat(badAddress.err()).contains("--contract must be");
        CliTest.Run both = CliTest.run(
                "nft", "metadata", "--uri", "ipfs://x", "--chain", "local", "--contract", nft, "--token-id", "1");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        CliTest.Run partial = CliTest.run("nft", "metadata", "--chain", "local");
        assertThat(partial.exit()).isEqualTo(2);
        assertThat(partial.err()).contains("--contract", "--token-id");
    }
}
