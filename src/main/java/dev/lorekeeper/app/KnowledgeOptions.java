package dev.lorekeeper.app;

import dev.lorekeeper.knowledge.BgeEmbedder;
import dev.lorekeeper.knowledge.Chunker;
import dev.lorekeeper.knowledge.IndexStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The docs and index folders shared by ingest, ask and eval. */
public final class KnowledgeOptions {
    @Option(names = "--docs", required = true, paramLabel = "DIR", description = "Folder of Markdown, text and HTML")
    Path docs;

    @Option(names = "--index", paramLabel = "DIR", description = "Where the index is kept (default: DIR/.lorekeeper-index)")
    Path index;

    Path indexDir() {
        return index != null ? index : docs.resolve(".lorekeeper-index");
    }

    void requireDocs() {
        if (!Files.isDirectory(docs)) {
            throw new CliFailure(2, "error: --docs " + docs + " is not a folder");
        }
    }

    /** Builds or updates the index, showing progress on a terminal. */
    IndexStore.Ingested ingest(PrintWriter err, boolean quiet) {
        requireDocs();
        IndexStore store = new IndexStore(indexDir(), new BgeEmbedder(), new Chunker(350, 50));
        boolean tty = System.console() != null && !quiet;
        IndexStore.Ingested r = store.ingest(docs, n -> {
            if (tty) {
                err.print("\rembedding… " + n + " chunks");
                err.flush();
            }
        });
        if (tty) {
            err.println();
        }
        return r;
    }
}
