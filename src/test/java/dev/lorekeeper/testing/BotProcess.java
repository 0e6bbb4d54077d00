package dev.lorekeeper.testing;

import dev.lorekeeper.discorddouble.DiscordDouble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** The bot as a separate JVM (for kill -9 and start-up timing), and the config it needs to reach the double. */
public final class BotProcess {
    private BotProcess() {}

    /** The JVM options of the README's run command (and the Dockerfile): benchmarks measure the bot as shipped. */
    public static final java.util.List<String> README_JVM_OPTIONS = java.util.List.of("-Xmx384m");
    /** The environment of the README's run command: glibc's malloc arenas capped, as the Dockerfile sets them. */
    public static final java.util.Map<String, String> README_ENVIRONMENT = java.util.Map.of("MALLOC_ARENA_MAX", "2");

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code discord:} section that points the bot at the double, plus {@code extraKeys} under it. */
    public static String discordSection(DiscordDouble discord, String extraKeys) {
        return """
                discord:
                  token: %s
                  api-base-url: %s
                  gateway-url: %s
                %s
                """.formatted(
                        discord.token(),
                        discord.apiBaseUrl(),
                        discord.gatewayUrl(),
                        extraKeys.strip().indent(2).stripTrailing());
    }

    /**
     * discord (pointed at the double), web and its admin listener on loopback ports, and the given storage and
     * knowledge folders.
     */
    public static String config(
            DiscordDouble discord, String storageYaml, int webPort, int adminPort, Path docs, Path index) {
        return config(discord, storageYaml, webPort, adminPort, docs, index, "");
    }

    /**
     * A bot on a web port of its own with the given {@code web:} keys (such as {@code oauth:}) and no docs, for tests
     * that drive its web pages; its public URL is the loopback address the browser uses.
     */
    public static String webConfig(
            DiscordDouble discord, String storageYaml, int webPort, int adminPort, String webKeys) {
        return discordSection(discord, "")
                + """
                storage:
                %s
                web:
                  bind: 127.0.0.1
                  port: %d
                  public-url: http://127.0.0.1:%d
                  admin-bind: 127.0.0.1
                  admin-port: %d
                %s
                knowledge:
                  docs: target/no-docs-in-this-test
                """.formatted(
                                storageYaml.strip().indent(2).stripTrailing(),
                                webPort,
                                webPort,
                                adminPort,
                                webKeys.strip().indent(2).stripTrailing());
    }

    /** As above, with {@code knowledgeKeys} (YAML lines) added under {@code knowledge:}. */
    public static String config(
            DiscordDouble discord,
            String storageYaml,
            int webPort,
            int adminPort,
            Path docs,
            Path index,
            String knowledgeKeys) {
        return discordSection(discord, "")
                + """
                storage:
                %s
                web:
                  bind: 127.0.0.1
                  port: %d
                  admin-bind: 127.0.0.1
                  admin-port: %d
                knowledge:
                  docs: "%s"
                  index: "%s"
                %s
                """.formatted(
                                storageYaml.strip().indent(2).stripTrailing(),
                                webPort,
                                adminPort,
                                docs,
                                index,
                                knowledgeKeys.strip().indent(2).stripTrailing());
    }

    /** Waits until the bot's {@code /readyz} (on its admin port) says 200: database, gateway and docs index ready. */
    public static void awaitReady(int adminPort, java.time.Duration timeout) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        DiscordDouble.await(
                () -> {
                    try {
                        return http.send(
                                                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                                                "http://127.0.0.1:" + adminPort + "/readyz"))
                                                        .build(),
                                                java.net.http.HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                },
                timeout,
                "bot ready (/readyz 200)");
    }

    /** {@code lorekeeper run --config FILE} on the test class path, in {@code workDir}. */
    public static Process launch(Path config, Path workDir, ProcessBuilder.Redirect output) throws IOException {
        return launch(config, workDir, output, java.util.List.of());
    }

    /** As {@link #launch(Path, Path, ProcessBuilder.Redirect)}, with JVM options such as a heap limit. */
    public static Process launch(
            Path config, Path workDir, ProcessBuilder.Redirect output, java.util.List<String> jvmOptions)
            throws IOException {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(java.util.List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.lorekeeper.app.Main",
                "run",
                "--config",
                config.toString()));
        ProcessBuilder process = new ProcessBuilder(cmd);
        if (!jvmOptions.isEmpty()) {
            process.environment().putAll(README_ENVIRONMENT);
        }
        return process.directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output)
                .start();
    }
}
