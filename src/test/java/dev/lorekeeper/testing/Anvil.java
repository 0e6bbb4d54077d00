package dev.lorekeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.web3j.utils.Numeric;

/**
 * A real Ethereum node (anvil, from the pinned npm package) on a free loopback port. Start one per test class.
 * When the binary is missing the test fails loudly with how to install it.
 */
public final class Anvil implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final long chainId;
    private Process process;
    private List<String> accounts;

    private Anvil(int port, long chainId) {
        this.port = port;
        this.chainId = chainId;
    }

    public static Anvil start() {
        return start(31337);
    }

    public static Anvil start(long chainId) {
        Anvil a = new Anvil(BotProcess.freePort(), chainId);
        a.launch();
        return a;
    }

    public static Path binary() {
        Path bin = Path.of(System.getProperty("test.tools", "src/test/tools"), "node_modules", ".bin", "anvil");
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException("anvil is not installed at " + bin + ": run the tests with `mvn -B verify` "
                    + "(its npm ci step installs @foundry-rs/anvil-linux-amd64), or `npm ci` in src/test/tools");
        }
        return bin;
    }

    private void launch() {
        try {
            process = new ProcessBuilder(
                            binary().toString(),
                            "--port",
                            Integer.toString(port),
                            "--host",
                            "127.0.0.1",
                            "--chain-id",
                            Long.toString(chainId),
                            "--silent")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("anvil did not start", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                accounts = new ArrayList<>();
                rpc("eth_accounts").forEach(a -> accounts.add(a.asText()));
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("anvil did not answer on port " + port, e);
                }
                sleep(50);
            }
        }
    }

    /** Stops the node, as an outage would; {@link #restart()} brings it back on the same port (fresh state). */
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    public void restart() {
        stop();
        launch();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public long chainId() {
        return chainId;
    }

    /** The node's unlocked dev accounts (checksummed as the node returns them, lower-case hex). */
    public List<String> accounts() {
        return List.copyOf(accounts);
    }

    public JsonNode rpc(String method, Object... params) {
        try {
            String body = JSON.writeValueAsString(
                    Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", List.of(params)));
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url()))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode reply = JSON.readTree(r.body());
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** personal_sign by an unlocked account: what a browser wallet returns. */
    public String personalSign(String message, String account) {
        return rpc(
                        "personal_sign",
                        Numeric.toHexString(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        account)
                .asText();
    }

    /** Sends a transaction from an unlocked account and returns its receipt (anvil mines it at once). */
    public JsonNode transact(String from, String to, String dataHex) {
        Map<String, Object> tx = new java.util.HashMap<>();
        tx.put("from", from);
        tx.put("data", dataHex);
        if (to != null) {
            tx.put("to", to);
        }
        String hash = rpc("eth_sendTransaction", tx).asText();
        // Automining is quick but asynchronous: the receipt may take a moment to appear.
        JsonNode receipt = rpc("eth_getTransactionReceipt", hash);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((receipt == null || receipt.isNull()) && System.nanoTime() < deadline) {
            sleep(5);
            receipt = rpc("eth_getTransactionReceipt", hash);
        }
        if (receipt == null
                || receipt.isNull()
                || !"0x1".equals(receipt.path("status").asText())) {
            throw new IllegalStateException("transaction failed: " + receipt);
        }
        return receipt;
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
