package dev.lorekeeper.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Web pages as sources: fetched (1 MB cap), reduced to their main text with jsoup, and cited by their own URL. A
 * page that can not be fetched is skipped with a warning; the rest of the docs still index.
 */
public final class PageFetcher {
    private static final Logger log = LoggerFactory.getLogger(PageFetcher.class);
    private static final int MAX_BYTES = 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public List<Doc> fetch(List<String> urls) {
        List<Doc> out = new ArrayList<>();
        for (String url : urls) {
            try {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20)).header("Accept", "text/html").GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    if (r.statusCode() / 100 != 2) {
                        log.warn("docs page {} answered HTTP {}; skipped", url, r.statusCode());
                        continue;
                    }
                    byte[] body = in.readNBytes(MAX_BYTES);
                    String html = new String(body, StandardCharsets.UTF_8);
                    String text = DocLoader.htmlToMarkdown(Jsoup.parse(html, url));
                    out.add(new Doc(url, DocLoader.title(text, url), text, DocLoader.hash(html)));
                }
            } catch (IOException | IllegalArgumentException e) {
                log.warn("docs page {} could not be fetched ({}); skipped", url, e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            }
        }
        return out;
    }
}
