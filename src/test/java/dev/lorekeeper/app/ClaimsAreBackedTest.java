package dev.lorekeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/CLAIMS.md and docs/SECURITY.md name the tests behind each claim; a renamed or deleted test must not leave a
 * claim pointing at nothing.
 */
class ClaimsAreBackedTest {
    static final Path ROOT = Path.of(System.getProperty("project.root", "."));
    static final Pattern CLAIMS_REF = Pattern.compile("`([A-Z][A-Za-z0-9]+(?:Test|Benchmark))(?:#([A-Za-z0-9_]+))?`");
    static final Pattern SECURITY_REF =
            Pattern.compile("`([A-Z][A-Za-z0-9]+(?:Test|Benchmark))(?:\\.([A-Za-z0-9_]+))?`");
    static final Pattern TEST_METHOD =
            Pattern.compile("@(?:Test|ParameterizedTest)[^;{]*?void\\s+([A-Za-z0-9_]+)\\s*\\(", Pattern.DOTALL);

    @Test
    void everyTestNamedInClaimsExists() {
        List<String> refs = references(ROOT.resolve("docs/CLAIMS.md"), CLAIMS_REF);
        assertThat(refs).hasSizeGreaterThan(100);
        assertThat(missing(refs)).isEmpty();
    }

    @Test
    void everyTestNamedInTheThreatModelExists() {
        assertThat(missing(references(ROOT.resolve("docs/SECURITY.md"), SECURITY_REF)))
                .isEmpty();
    }

    static List<String> references(Path doc, Pattern ref) {
        try {
            Matcher m = ref.matcher(Files.readString(doc));
            List<String> out = new ArrayList<>();
            while (m.find()) {
                out.add(m.group(2) == null ? m.group(1) : m.group(1) + "#" + m.group(2));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> missing(List<String> refs) {
        Map<String, List<String>> methods = testMethods();
        return refs.stream()
                .filter(r -> {
                    String[] parts = r.split("#", 2);
                    List<String> known = methods.get(parts[0]);
                    return known == null || parts.length == 2 && !known.contains(parts[1]);
                })
                .distinct()
                .toList();
    }

    /** Test classes by simple name, with their test methods. */
    static Map<String, List<String>> testMethods() {
        try (Stream<Path> files = Files.walk(ROOT.resolve("src/test/java"))) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .collect(Collectors.toMap(
                            f -> f.getFileName().toString().replace(".java", ""), ClaimsAreBackedTest::methodsOf));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> methodsOf(Path file) {
        try {
            return TEST_METHOD
                    .matcher(Files.readString(file))
                    .results()
                    .map(r -> r.group(1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
