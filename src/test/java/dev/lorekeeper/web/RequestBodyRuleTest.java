package dev.lorekeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Javalin's and Jetty's own body readers check at most a declared Content-Length, so a route that used one would
 * reopen the chunked-body hole. Only {@link RequestBody} touches the request's input.
 */
class RequestBodyRuleTest {
    private static final Pattern UNCAPPED_READ = Pattern.compile("\\.(body|bodyAsBytes|bodyAsClass|bodyStreamAsClass"
            + "|bodyInputStream|bodyValidator|formParam\\w*|uploadedFile\\w*|multipartFormData|getInputStream"
            + "|getReader|getParameter\\w*|getPart\\w*)\\(");

    @Test
    void onlyRequestBodyReadsRequestBodies() throws IOException {
        Path web = Path.of(System.getProperty("project.root", "."), "src/main/java/dev/lorekeeper/web");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(web)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("RequestBody.java"))
                    .filter(f -> UNCAPPED_READ.matcher(read(f)).find())
                    .map(f -> f.getFileName().toString())
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
