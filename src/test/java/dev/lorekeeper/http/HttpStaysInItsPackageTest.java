package dev.lorekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Feature packages know nothing of HTTP clients: a second client beside {@link OutboundHttp} would fetch untrusted
 * URLs without the address guard, the deadline or the byte cap.
 */
class HttpStaysInItsPackageTest {
    static final Path MAIN = Path.of(System.getProperty("project.root", "."), "src/main/java/dev/lorekeeper");

    @Test
    void featurePackagesDoNotImportAnHttpClient() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(MAIN.resolve("http")))
                    .filter(f -> !configuresJdasOwnClient(f))
                    .filter(HttpStaysInItsPackageTest::importsAnHttpClient)
                    .map(f -> MAIN.relativize(f).toString())
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }

    /**
     * JDA talks to Discord (a configured, trusted address) through its own OkHttp client; the discord adapter may
     * hand it a builder with an interceptor, and nothing else of OkHttp.
     */
    static boolean configuresJdasOwnClient(Path file) {
        if (!file.startsWith(MAIN.resolve("discord"))) {
            return false;
        }
        try {
            return Files.readAllLines(file).stream()
                    .filter(l ->
                            l.startsWith("import okhttp3.") || l.contains("java.net.http") || l.contains("HttpURL"))
                    .allMatch(l -> l.equals("import okhttp3.OkHttpClient;")
                            || l.equals("import okhttp3.Interceptor;")
                            || l.equals("import okhttp3.Response;"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static boolean importsAnHttpClient(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .anyMatch(l -> l.startsWith("import java.net.http.")
                            || l.startsWith("import okhttp3.")
                            || l.contains("java.net.http.HttpClient")
                            || l.contains("java.net.HttpURLConnection"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
