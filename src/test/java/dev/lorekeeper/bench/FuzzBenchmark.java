package dev.lorekeeper.bench;

import dev.lorekeeper.app.Configs;
import dev.lorekeeper.chain.MetadataFetcher;
import dev.lorekeeper.config.ConfigException;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.discorddouble.Perms;
import dev.lorekeeper.http.OutboundHttp;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.wallet.SiweException;
import dev.lorekeeper.wallet.SiweMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throws malformed input at every door an outsider can knock on: the verify API (over raw sockets, so nothing
 * tidies the requests), the config loader, SIWE parsing, token metadata parsing, and slash-command options through
 * the Discord double. A crash is anything but a clear refusal: a 5xx or a dropped connection from the web server,
 * an exception other than the documented one from a parser, or a member seeing "Something went wrong". Bounded in
 * time and count, loopback only.
 * Run: {@code mvn -B -Pbench verify -Dbench.only=fuzz} ({@code -Dfuzz.seconds=N} per target, default 20).
 */
@Tag("bench-all")
@Tag("bench-fuzz")
class FuzzBenchmark {
    static final long SEED = Long.getLong("fuzz.seed", 1337);
    static final Duration PER_TARGET = Duration.ofSeconds(Long.getLong("fuzz.seconds", 20));
    static final int MAX_PER_TARGET = Integer.getInteger("fuzz.max", 50_000);
    static final String[] NASTY = {
        "\u0000",
        "\r\n",
        "\"",
        "'",
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "\\",
        "%",
        "%00",
        "${",
        "${DISCORD_TOKEN}",
        "*a",
        "&a",
        "!!java.io.File",
        "\u202e",
        "\ud83d\udd25",
        "\uffff",
        "0x",
        "-",
        "e9999999",
        "1e-1000000000",
        "99999999999999999999999999999999999999999999",
        "../../",
        "<script>",
        "@everyone",
        "\t",
        "A".repeat(5000),
        "[".repeat(2000),
        "{\"a\":".repeat(2000)
    };

    /** Anything but a clear refusal is a crash; the goal is none. */
    static final long GOAL_CRASHES = 0;

    record Outcome(long tried, long crashes, List<String> examples) {}

    @Test
    void malformedInputNeverCrashesAnything() throws Exception {
        Random random = new Random(SEED);
        Map<String, Object> figures = new LinkedHashMap<>();
        List<Outcome> all = new ArrayList<>();
        try (TestBot bot = TestBot.start("""
                verification:
                  requests-per-ip-per-minute: 100000000
                chains:
                  anvil:
                    chain-id: 31337
                    rpc-urls: [ "http://127.0.0.1:1" ]
                    timeout: 200ms
                """)) {
            all.add(record(figures, "verify_api", verifyApi(bot, random)));
            all.add(record(
                    figures,
                    "config_loader",
                    parser(
                            random,
                            Files.readString(Path.of(
                                    System.getProperty("project.root", "."), "config", "lorekeeper.example.yaml")),
                            FuzzBenchmark::loadConfig)));
            all.add(record(figures, "siwe_parse", parser(random, validSiwe(), FuzzBenchmark::parseSiwe)));
            all.add(record(
                    figures,
                    "metadata_parse",
                    parser(
                            random,
                            "{\"name\":\"Fox #1\",\"description\":\"d\","
                                    + "\"image\":\"ipfs://Qm/1.png\",\"attributes\":[{\"trait_type\":\"Fur\",\"value\":\"Red\"}]}",
                            FuzzBenchmark::parseMetadata)));
            all.add(record(figures, "slash_options", slashOptions(bot, random)));
        }
        long tried = all.stream().mapToLong(Outcome::tried).sum();
        long crashes = all.stream().mapToLong(Outcome::crashes).sum();
        figures.put("inputs_tried", tried);
        figures.put("crashes", crashes);
        figures.put("seed", SEED);
        figures.put("seconds_per_target", PER_TARGET.toSeconds());
        // Heap in use after a collection: what the inputs left behind, not what they briefly allocated.
        System.gc();
        figures.put(
                "heap_used_after_mb",
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024));
        BenchReport.finish(
                "fuzz",
                "Malformed input at the verify API (raw sockets), the config loader, SIWE parsing, token metadata"
                        + " parsing and slash-command options through the double; " + PER_TARGET.toSeconds()
                        + " s per target, seed " + SEED,
                BenchReport.num(tried) + " inputs, " + crashes + " crashes; heap in use after "
                        + figures.get("heap_used_after_mb") + " MB",
                List.of(BenchReport.Goal.equal("crashes", crashes, GOAL_CRASHES)),
                figures);
    }

    private static Outcome record(Map<String, Object> figures, String target, Outcome o) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("tried", o.tried());
        f.put("crashes", o.crashes());
        f.put("crash_examples", o.examples());
        figures.put(target, f);
        return o;
    }

    /** Feeds mutations of a valid input to a parser; {@code parse} throws only when it crashed. */
    private static Outcome parser(Random random, String valid, Consumer<String> parse) {
        long end = System.nanoTime() + PER_TARGET.toNanos();
        long tried = 0;
        long crashes = 0;
        List<String> examples = new ArrayList<>();
        while (System.nanoTime() < end && tried < MAX_PER_TARGET) {
            String input = mutate(random, valid);
            tried++;
            try {
                parse.accept(input);
            } catch (RuntimeException | StackOverflowError e) {
                crashes++;
                if (examples.size() < 5) {
                    examples.add(e + " on " + abbreviate(input));
                }
            }
        }
        return new Outcome(tried, crashes, examples);
    }

    private static void loadConfig(String yaml) {
        try {
            Configs.loader(Map.of()).parse(yaml, null);
        } catch (ConfigException expected) {
            // a clear refusal, listing the problems
        }
    }

    private static void parseSiwe(String text) {
        try {
            SiweMessage.parse(text);
        } catch (SiweException expected) {
            // a clear refusal naming the field
        }
    }

    private static final MetadataFetcher METADATA = new MetadataFetcher(
            MetadataFetcher.Settings.of(List.of("https://ipfs.example/ipfs/"), Duration.ofMillis(200)),
            new OutboundHttp());

    private static void parseMetadata(String json) {
        // Both data: forms, as a contract's tokenURI may carry them: any failure must be a TokenMetadata, not a throw.
        METADATA.fetch("data:application/json;base64,"
                + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        METADATA.fetch("data:application/json;utf8," + json);
    }

    private static String validSiwe() {
        Instant now = Instant.now();
        return new SiweMessage(
                        "https",
                        "verify.example.org",
                        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                        "Link this wallet to alice in Test Server",
                        "https://verify.example.org/verify/tok",
                        "1",
                        1,
                        "abcdef123456",
                        now.toString(),
                        now.plusSeconds(600).toString(),
                        null,
                        null,
                        List.of())
                .format();
    }

    /** Raw HTTP requests: bad paths, bad bodies, lying lengths, chunked bodies over the cap, garbage headers. */
    private static Outcome verifyApi(TestBot bot, Random random) {
        long end = System.nanoTime() + PER_TARGET.toNanos();
        long tried = 0;
        long crashes = 0;
        List<String> examples = new ArrayList<>();
        String[] paths = {"/api/verify/%s", "/api/verify/%s/message", "/verify/%s", "/metadata/1/%s/1"};
        String[] bodies = {
            "{\"address\":\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"}",
            "{\"message\":\"x\",\"signature\":\"0x00\"}",
            "[]",
            "null",
            "{}"
        };
        while (System.nanoTime() < end && tried < MAX_PER_TARGET / 10) {
            String path = paths[random.nextInt(paths.length)].formatted(urlSafe(mutate(random, "token123")));
            String body = random.nextInt(4) == 0
                    ? randomBytes(random)
                    : mutate(random, bodies[random.nextInt(bodies.length)]);
            boolean chunked = random.nextInt(5) == 0;
            tried++;
            String status = send(bot.webPort, random.nextBoolean() ? "POST" : "GET", path, body, chunked);
            if (status.equals("closed early")) {
                // The server refused before reading the whole request (a bad path, say): fine if it still serves.
                status = send(bot.webPort, "GET", "/healthz", "", false);
            }
            if (status.startsWith("5") || status.startsWith("no answer")) {
                crashes++;
                if (examples.size() < 5) {
                    examples.add(status + " for " + path + " " + abbreviate(body));
                }
            }
        }
        return new Outcome(tried, crashes, examples);
    }

    private static String send(int port, String method, String path, String body, boolean chunked) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + payload.length + "\r\n")
                    + "\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (chunked) {
                out.write((Integer.toHexString(payload.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(payload);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.write(payload);
            }
            out.flush();
            InputStream in = s.getInputStream();
            byte[] status = in.readNBytes(12);
            String line = new String(status, StandardCharsets.ISO_8859_1);
            return line.length() >= 12 ? line.substring(9, 12) : "no answer (" + line + ")";
        } catch (IOException e) {
            // The server may close early on a request it refuses (431, 414); a refusal it sent counts as an answer.
            String m = String.valueOf(e.getMessage());
            return m.contains("reset") || m.contains("Broken pipe") ? "closed early" : "no answer: " + e;
        }
    }

    /** Slash commands with hostile option values, as a moderator of any server could send. */
    private static Outcome slashOptions(TestBot bot, Random random) {
        FakeGuild guild = bot.discord.guild("Fuzz Club");
        bot.discord.awaitBotReady(guild);
        FakeMember mod = guild.member("mod", guild.role("Mods", Perms.MANAGE_ROLES | Perms.MANAGE_GUILD));
        var role = guild.role("Target");
        long end = System.nanoTime() + PER_TARGET.toNanos();
        long tried = 0;
        long crashes = 0;
        List<String> examples = new ArrayList<>();
        while (System.nanoTime() < end && tried < 300) {
            Map<String, Object> options = new LinkedHashMap<>();
            String command;
            switch (random.nextInt(4)) {
                case 0 -> {
                    command = "gate add";
                    options.put("role", role);
                    options.put("type", "json");
                    options.put(
                            "rule",
                            mutate(
                                    random,
                                    "{\"any\":[{\"type\":\"erc721\",\"chain\":\"anvil\","
                                            + "\"contract\":\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\",\"token-ids\":[\"1-9\"]},"
                                            + "{\"not\":{\"type\":\"erc20\",\"chain\":\"anvil\",\"contract\":\"0x5aAeb6053F3E94C9b9A09f"
                                            + "33669435E7Ef1BeAed\",\"amount\":\"0.5\"}}]}"));
                }
                case 1 -> {
                    command = "gate add";
                    options.put("role", role);
                    options.put("type", "erc721");
                    options.put("chain", "anvil");
                    options.put("contract", mutate(random, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
                    options.put("token-ids", mutate(random, "1-100, 7"));
                    options.put("traits", mutate(random, "Background=Gold|Silver; Eyes=Laser"));
                }
                case 2 -> {
                    command = "settings qa-channels";
                    options.put("channels", mutate(random, "general, 123456789012345678"));
                }
                default -> {
                    command = "wallets unlink";
                    options.put("address", mutate(random, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
                }
            }
            tried++;
            String reply;
            try {
                FakeMessage m = mod.slash(command, options).reply();
                reply = m.content();
            } catch (RuntimeException e) {
                reply = "no reply: " + e.getMessage();
            }
            if (reply.contains("Something went wrong") || reply.startsWith("no reply")) {
                crashes++;
                if (examples.size() < 5) {
                    examples.add(command + " " + abbreviate(options.toString()) + " → " + abbreviate(reply));
                }
            }
        }
        return new Outcome(tried, crashes, examples);
    }

    static String mutate(Random random, String valid) {
        StringBuilder s = new StringBuilder(valid);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> s.insert(at, NASTY[random.nextInt(NASTY.length)]);
                case 1 -> {
                    if (s.length() > 0) {
                        int to = Math.min(s.length(), at + random.nextInt(20));
                        s.delete(Math.min(at, s.length()), to);
                    }
                }
                case 2 -> s.insert(at, (char) random.nextInt(0x3000));
                case 3 -> {
                    int from = random.nextInt(s.length() + 1);
                    s.insert(at, s.substring(from, Math.min(s.length(), from + random.nextInt(50))));
                }
                default -> {
                    if (s.length() > 0 && at < s.length()) {
                        s.setCharAt(at, (char) (s.charAt(at) ^ (1 << random.nextInt(7))));
                    }
                }
            }
        }
        return s.toString();
    }

    private static String randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(4096)];
        random.nextBytes(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String urlSafe(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(
                    c > 32 && c < 127 && c != '?' && c != '#' && c != ' '
                            ? String.valueOf(c)
                            : "%" + String.format("%02X", (int) c & 0xff));
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("[\\r\\n]", "⏎");
        return flat.length() <= 160 ? flat : flat.substring(0, 160) + "…(" + flat.length() + " chars)";
    }
}
