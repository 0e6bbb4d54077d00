package dev.lorekeeper.knowledge;

import dev.lorekeeper.store.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a docs folder recursively: Markdown and plain text as they are, HTML reduced to its main text with
 * headings kept as Markdown headings (so one chunker serves all three).
 */
public final class DocLoader {
    private DocLoader() {}

    public static List<Doc> load(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("docs folder " + root + " does not exist or is not a folder");
        }
        List<Doc> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (name.endsWith(".md") || name.endsWith(".markdown") || name.endsWith(".txt")) {
                    String text = Files.readString(p, StandardCharsets.UTF_8);
                    docs.add(new Doc(rel, title(text, rel), text, hash(text)));
                } else if (name.endsWith(".html") || name.endsWith(".htm")) {
                    String html = Files.readString(p, StandardCharsets.UTF_8);
                    String text = htmlToMarkdown(Jsoup.parse(html));
                    docs.add(new Doc(rel, title(text, rel), text, hash(html)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read docs folder " + root, e);
        }
        return docs;
    }

    /** The main text of a page: the article or main element when there is one, navigation and scripts dropped. */
    public static String htmlToMarkdown(Document doc) {
        doc.select("script, style, nav, header, footer, aside, noscript, form").remove();
        Element main = doc.selectFirst("main, article, [role=main]");
        Element root = main != null ? main : doc.body() == null ? doc : doc.body();
        StringBuilder sb = new StringBuilder();
        String pageTitle = doc.title();
        if (!pageTitle.isBlank() && root.selectFirst("h1") == null) {
            sb.append("# ").append(pageTitle.strip()).append("\n\n");
        }
        for (Element e : root.select("h1, h2, h3, h4, h5, h6, p, li, pre, td, th, blockquote")) {
            if (e.tagName().matches("h[1-6]")) {
                sb.append("#".repeat(e.tagName().charAt(1) - '0'))
                        .append(' ')
                        .append(e.text())
                        .append("\n\n");
            } else if (e.parents().stream().noneMatch(p -> p.tagName().matches("li|pre|blockquote|td|th"))) {
                sb.append(e.tagName().equals("li") ? "- " : "").append(e.text()).append("\n\n");
            }
        }
        return sb.toString();
    }

    static String title(String text, String fallback) {
        for (String line : text.split("\n")) {
            if (line.startsWith("# ")) {
                return line.substring(2).strip();
            }
        }
        String name = fallback.substring(fallback.lastIndexOf('/') + 1).replaceFirst("\\.[^.]+$", "");
        return name.replace('-', ' ').replace('_', ' ');
    }

    static String hash(String text) {
        return Hashes.sha256Hex(text);
    }
}
