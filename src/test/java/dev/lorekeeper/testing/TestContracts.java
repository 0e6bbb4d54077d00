package dev.lorekeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;

/** The test contracts compiled by the build (src/test/solidity), deployable on anvil. */
public final class TestContracts {
    private static JsonNode compiled;

    private TestContracts() {}

    private static synchronized JsonNode compiled() {
        if (compiled == null) {
            Path file = Path.of(System.getProperty("test.contracts", "target/test-contracts/contracts.json"));
            try {
                compiled = new ObjectMapper().readTree(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "compiled test contracts missing at " + file + ": run `mvn -B verify`", e);
            }
        }
        return compiled;
    }

    /** Places a contract's runtime code at a fixed address (e.g. Multicall3 at its canonical address). */
    public static void placeAt(Anvil anvil, String name, String address) {
        anvil.rpc(
                "anvil_setCode",
                address,
                compiled().get(name).get("deployedBytecode").asText());
    }

    /** Calls a state-changing function from an unlocked account. */
    @SuppressWarnings("rawtypes")
    public static void send(Anvil anvil, String from, String contract, String function, List<Type> args) {
        org.web3j.abi.datatypes.Function f = new org.web3j.abi.datatypes.Function(function, args, List.of());
        anvil.transact(from, contract, FunctionEncoder.encode(f));
    }

    /** Deploys a contract with ABI-encoded constructor arguments; returns its address. */
    @SuppressWarnings("rawtypes")
    public static String deploy(Anvil anvil, String name, String from, List<Type> constructorArgs) {
        JsonNode c = compiled().get(name);
        if (c == null) {
            throw new IllegalArgumentException("no compiled contract " + name);
        }
        String data = c.get("bytecode").asText() + FunctionEncoder.encodeConstructor(constructorArgs);
        return anvil.transact(from, null, data).get("contractAddress").asText();
    }
}
