package dev.lorekeeper.app;

import dev.lorekeeper.app.EvalScoring.Question;
import dev.lorekeeper.knowledge.Chunker;
import dev.lorekeeper.knowledge.Embedder;
import dev.lorekeeper.knowledge.IndexStore;
import dev.lorekeeper.knowledge.KnowledgeIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One evaluation corpus: a folder with {@code docs/} (or the docs themselves), {@code questions.jsonl} and
 * optionally {@code unanswerable.jsonl}. Its index is kept under a cache folder, so embeddings are computed once.
 */
record EvalCorpus(String name, KnowledgeIndex index, List<Question> questions, List<Question> unanswerable) {

    static EvalCorpus load(String spec, Path cache, Embedder embedder, int slice) throws IOException {
        int eq = spec.indexOf('=');
        Path dir = Path.of(eq < 0 ? spec : spec.substring(eq + 1));
        String name = eq < 0 ? dir.getFileName().toString() : spec.substring(0, eq);
        Path docs = Files.isDirectory(dir.resolve("docs")) ? dir.resolve("docs") : dir;
        List<Question> qs = EvalScoring.read(dir.resolve("questions.jsonl"));
        Path off = dir.resolve("unanswerable.jsonl");
        List<Question> un = Files.isRegularFile(off) ? EvalScoring.read(off) : List.of();
        String key = name;
        if (slice > 0) {
            qs = spread(qs, slice);
            un = spread(un, Math.max(5, slice / 2));
            key = name + "-slice-" + slice;
            docs = sliceDocs(docs, qs, cache.resolve(key).resolve("docs"));
        }
        KnowledgeIndex index = new IndexStore(cache.resolve(key).resolve("index"), embedder, new Chunker(350, 50))
                .ingest(docs, n -> {})
                .index();
        return new EvalCorpus(name, index, qs, un);
    }

    /** Every n-th item, so a slice samples all of the file rather than its first pages. */
    static <T> List<T> spread(List<T> all, int n) {
        if (all.size() <= n) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(all.get(i * all.size() / n));
        }
        return out;
    }

    /** The pages the sliced questions need, plus half as many other pages as distractors. */
    private static Path sliceDocs(Path docs, List<Question> qs, Path target) throws IOException {
        List<Path> pages;
        try (Stream<Path> s = Files.walk(docs)) {
            pages = s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(md|markdown|txt|html?)$"))
                    .sorted()
                    .toList();
        }
        Set<String> needed = new LinkedHashSet<>();
        qs.forEach(q -> needed.add(q.file()));
        List<Path> others =
                pages.stream().filter(p -> !needed.contains(rel(docs, p))).toList();
        Set<String> keep = new LinkedHashSet<>(needed);
        spread(others, (needed.size() + 1) / 2).forEach(p -> keep.add(rel(docs, p)));
        for (String r : keep) {
            Path from = docs.resolve(r);
            Path to = target.resolve(r);
            if (Files.isRegularFile(from) && !Files.isRegularFile(to)) {
                Files.createDirectories(to.getParent());
                Files.copy(from, to);
            }
        }
        return target;
    }

    private static String rel(Path docs, Path p) {
        return docs.relativize(p).toString().replace('\\', '/');
    }
}
