package dev.lorekeeper.knowledge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The docs index now being served. It is built in the background, so start-up never waits for it, and rebuilt on
 * reload while the old one keeps answering.
 */
public final class LiveIndex {
    private static final Logger log = LoggerFactory.getLogger(LiveIndex.class);

    private final Path docs;
    private final List<String> pages;
    private final IndexStore store;
    private final AtomicReference<KnowledgeIndex> current = new AtomicReference<>();
    private volatile CompletableFuture<Void> loading = CompletableFuture.completedFuture(null);

    public LiveIndex(Path docs, List<String> pages, IndexStore store) {
        this.docs = docs;
        this.pages = List.copyOf(pages);
        this.store = store;
    }

    public Optional<KnowledgeIndex> current() {
        return Optional.ofNullable(current.get());
    }

    public boolean docsExist() {
        return Files.isDirectory(docs);
    }

    /** Re-ingests in the background (unchanged files are not re-embedded); the old index serves meanwhile. */
    public CompletableFuture<IndexStore.IngestReport> reload(Executor executor) {
        CompletableFuture<IndexStore.IngestReport> f = CompletableFuture.supplyAsync(
                () -> {
                    IndexStore.Ingested r = store.ingest(docs, pages, n -> {});
                    current.set(r.index());
                    log.info(
                            "knowledge index ready: {} files, {} chunks ({} embedded) in {} ms",
                            r.report().files(),
                            r.report().chunks(),
                            r.report().embedded(),
                            r.report().millis());
                    return r.report();
                },
                executor);
        loading = f.thenApply(r -> null);
        return f;
    }

    public void awaitReady(Duration timeout) throws Exception {
        loading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
