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
                    .filter(HttpStaysInItsPackageTest::importsAnHttpClient)
                    .map(f -> MAIN.relativize(f).toString())
                    .toList();
        }
        assertThat(offenders).isEmpty();
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
