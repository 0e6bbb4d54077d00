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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.utils.Numeric;

/**
 * A real Ethereum node (anvil, from the pinned npm package) on a free loopback port. Start one per test class.
 * When the binary is missing the test fails loudly with how to install it.
 */
public final class Anvil implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");

    private final long chainId;
    private int port;
    private Process process;
    private Path output;
    private List<String> accounts;

    private Anvil(long chainId) {
        this.chainId = chainId;
    }

    public static Anvil start() {
        return start(31337);
    }

    public static Anvil start(long chainId) {
        // Port 0: the node binds a port itself and says which, so test classes running side by side in other
        // JVMs can never end up talking to each other's node.
        Anvil a = new Anvil(chainId);
        a.launch(0);
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

    private void launch(int requestedPort) {
        try {
            output = Files.createTempFile("anvil-", ".log");
            process = new ProcessBuilder(
                            binary().toString(),
                            "--port",
                            Integer.toString(requestedPort),
                            "--host",
                            "127.0.0.1",
                            "--chain-id",
                            Long.toString(chainId))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("anvil did not start", e);
        }
        port = boundPort();
        try {
            accounts = new ArrayList<>();
            rpc("eth_accounts").forEach(a -> accounts.add(a.asText()));
        } catch (RuntimeException e) {
            throw new IllegalStateException("anvil did not answer on port " + port, e);
        }
    }

    /**
     * The port named by the node's banner. Its output goes to a file rather than a pipe: the node logs every call, and
     * a pipe nobody reads would fill and stall it.
     */
    private int boundPort() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String banner;
            try {
                banner = Files.readString(output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher m = LISTENING.matcher(banner);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited before it listened:\n" + banner);
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("anvil did not say which port it listens on within 20 s:\n" + banner);
            }
            sleep(20);
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
        if (output != null) {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                // a leftover log in the temp dir harms nothing
            }
            output = null;
        }
    }

    public void restart() {
        stop();
        launch(port);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * CPU time the node process has used so far (user and system, from {@code /proc}): the node's own cost, apart
     * from the time its clients wait on it.
     */
    public long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // Fields after the command name, which is in parentheses and may itself hold spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the node's CPU time", e);
        }
    }

    /** USER_HZ, which Linux fixes at 100 on every architecture we run on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

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
