package dev.lorekeeper.knowledge;

import dev.lorekeeper.http.OutboundHttp;
import dev.lorekeeper.http.Trust;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Web pages the operator listed, as sources: fetched (1 MB cap), reduced to their main text with jsoup, and cited by their own URL. A
 * page that can not be fetched is skipped with a warning; the rest of the docs still index.
 */
public final class PageFetcher {
    private static final Logger log = LoggerFactory.getLogger(PageFetcher.class);
    private static final int MAX_BYTES = 1024 * 1024;

    private final OutboundHttp http = new OutboundHttp();

    public List<Doc> fetch(List<String> urls) {
        List<Doc> out = new ArrayList<>();
        for (String url : urls) {
            try {
                String html = http.get(Trust.CONFIGURED, url, "text/html", Duration.ofSeconds(20), MAX_BYTES)
                        .text();
                String text = DocLoader.htmlToMarkdown(Jsoup.parse(html, url));
                out.add(new Doc(url, DocLoader.title(text, url), text, DocLoader.hash(html)));
            } catch (IOException | IllegalArgumentException e) {
                log.warn(
                        "docs page {} could not be fetched ({}); skipped",
                        url,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            }
        }
        return out;
    }
}
