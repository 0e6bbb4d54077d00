package dev.lorekeeper.app;

import dev.lorekeeper.config.LorekeeperConfig;
import dev.lorekeeper.knowledge.BgeEmbedder;
import dev.lorekeeper.knowledge.Chunker;
import dev.lorekeeper.knowledge.IndexStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The docs and index folders shared by ingest, ask and eval. Without {@code --docs} they are the bot's own
 * ({@code knowledge.docs} and {@code knowledge.index}), so {@code ingest} pre-builds the index the bot loads; with
 * {@code --docs} another corpus gets an index of its own beside it, never the bot's.
 */
public final class KnowledgeOptions {
    @Option(
            names = "--docs",
            paramLabel = "DIR",
            description = "Folder of Markdown, text and HTML (default: " + "knowledge.docs from the config)")
    Path docs;

    @Option(
            names = "--index",
            paramLabel = "DIR",
            description = "Where the index is kept (default: knowledge.index "
                    + "from the config; with --docs: DIR/.lorekeeper-index)")
    Path index;

    /** The two folders in use: from the flags, else from the config. */
    record Folders(Path docs, Path index, String docsFrom) {}

    /** The config is read only when a flag is missing, so flags alone work next to a broken config. */
    Folders folders(Supplier<LorekeeperConfig> config) {
        if (docs != null) {
            return new Folders(docs, index != null ? index : docs.resolve(".lorekeeper-index"), "--docs");
        }
        LorekeeperConfig c = config.get();
        return new Folders(
                Path.of(c.knowledge().docs()),
                index != null ? index : Path.of(c.knowledge().index()),
                "knowledge.docs in the config");
    }

    /** Builds or updates the index, showing progress on a terminal. */
    static IndexStore.Ingested ingest(Folders f, PrintWriter err, boolean quiet) {
        if (!Files.isDirectory(f.docs())) {
            throw new CliFailure(
                    1,
                    "error: the docs folder " + f.docs() + " does not exist (" + f.docsFrom()
                            + "); give a folder of Markdown docs");
        }
        IndexStore store = new IndexStore(f.index(), new BgeEmbedder(), new Chunker(350, 50));
        boolean tty = System.console() != null && !quiet;
        IndexStore.Ingested r = store.ingest(f.docs(), n -> {
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
