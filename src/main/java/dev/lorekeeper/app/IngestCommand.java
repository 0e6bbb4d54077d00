package dev.lorekeeper.app;

import dev.lorekeeper.knowledge.IndexStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lorekeeper ingest [--docs DIR] [--index DIR]}: builds or updates the knowledge index. */
@Command(
        name = "ingest",
        description = "Build or update the docs index (unchanged files are not re-embedded)",
        mixinStandardHelpOptions = true)
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    KnowledgeOptions knowledge;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KnowledgeOptions.Folders f = knowledge.folders(() -> config.load().config());
        IndexStore.IngestReport r =
                KnowledgeOptions.ingest(f, spec.commandLine().getErr(), false).report();
        spec.commandLine()
                .getOut()
                .println("indexed " + r.files() + " files (" + r.unchanged() + " unchanged, "
                        + r.changed() + " new or changed, " + r.removed() + " removed): " + r.chunks() + " chunks, "
                        + r.embedded() + " embedded, in " + r.millis() + " ms; index in " + f.index());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
