package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Feature packages know nothing about JDA or the web server: {@code discord} and {@code web} translate the outside
 * world into plain calls, and {@code app} wires them. A feature that reached for JDA could not run from the CLI or a
 * test without Discord.
 */
class PackageBoundariesTest {
    static final Path MAIN = Path.of(System.getProperty("project.root", "."), "src/main/java/dev/lorekeeper");

    @Test
    void onlyTheDiscordAdapterAndTheWiringImportJda() {
        assertThat(importers("import net.dv8tion.", Set.of("discord", "app"))).isEmpty();
    }

    @Test
    void onlyTheWebPackageAndTheWiringImportJavalin() {
        assertThat(importers("import io.javalin.", Set.of("web", "app"))).isEmpty();
    }

    static List<String> importers(String importPrefix, Set<String> allowedPackages) {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> allowedPackages.stream().noneMatch(p -> f.startsWith(MAIN.resolve(p))))
                    .filter(f -> lines(f).anyMatch(l -> l.startsWith(importPrefix)))
                    .map(f -> MAIN.relativize(f).toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
