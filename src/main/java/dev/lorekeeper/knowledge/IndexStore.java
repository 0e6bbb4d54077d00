package dev.lorekeeper.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The index on disk: chunks with their vectors and each file's content hash. Ingesting again reuses the chunks and
 * vectors of unchanged files (no re-embedding), re-chunks changed ones and drops deleted ones.
 */
public final class IndexStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "knowledge-index.json";

    private final Path dir;
    private final Embedder embedder;
    private final Chunker chunker;
    private final Timer retrieval;

    public IndexStore(Path dir, Embedder embedder, Chunker chunker) {
        this(dir, embedder, chunker, new SimpleMeterRegistry());
    }

    /** Indexes it builds time every search into {@code lorekeeper.retrieval} of {@code metrics}. */
    public IndexStore(Path dir, Embedder embedder, Chunker chunker, MeterRegistry metrics) {
        this.dir = dir;
        this.embedder = embedder;
        this.chunker = chunker;
        this.retrieval = metrics.timer("lorekeeper.retrieval");
    }

    /** What an ingest did. */
    public record IngestReport(
            int files, int unchanged, int changed, int removed, int chunks, int embedded, long millis) {}

    /** A built index and its report. */
    public record Ingested(KnowledgeIndex index, IngestReport report) {}

    /** Builds or updates the index from the docs folder and saves it; {@code progress} hears embedded counts. */
    public Ingested ingest(Path docs, IntConsumer progress) {
        return ingest(docs, List.of(), progress);
    }

    /** As {@link #ingest(Path, IntConsumer)}, plus web pages (cited by their own URL). */
    public Ingested ingest(Path docs, List<String> pages, IntConsumer progress) {
        long start = System.nanoTime();
        Stored previous = read();
        List<Doc> current = new ArrayList<>(DocLoader.load(docs));
        if (!pages.isEmpty()) {
            current.addAll(new PageFetcher().fetch(pages));
        }
        List<Chunk> chunks = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        List<Chunk> toEmbed = new ArrayList<>();
        int unchanged = 0;
        for (Doc d : current) {
            hashes.put(d.path(), d.hash());
            List<Integer> reused = previous.hash(d.path()).equals(d.hash()) ? previous.chunksOf(d.path()) : List.of();
            if (!reused.isEmpty()) {
                unchanged++;
                reused.forEach(i -> {
                    chunks.add(previous.chunks.get(i));
                    vectors.add(previous.vectors.get(i));
                });
            } else {
                List<Chunk> fresh = chunker.chunk(d);
                chunks.addAll(fresh);
                toEmbed.addAll(fresh);
                fresh.forEach(c -> vectors.add(null));
            }
        }
        List<float[]> embedded = new ArrayList<>();
        for (int i = 0; i < toEmbed.size(); i += 64) {
            embedded.addAll(embedder.embedDocuments(toEmbed.subList(i, Math.min(toEmbed.size(), i + 64)).stream()
                    .map(Chunk::indexText)
                    .toList()));
            progress.accept(embedded.size());
        }
        int e = 0;
        for (int i = 0; i < vectors.size(); i++) {
            if (vectors.get(i) == null) {
                vectors.set(i, embedded.get(e++));
            }
        }
        write(chunks, vectors, hashes);
        int removed = (int) previous.hashes.keySet().stream()
                .filter(p -> !hashes.containsKey(p))
                .count();
        IngestReport report = new IngestReport(
                current.size(),
                unchanged,
                current.size() - unchanged,
                removed,
                chunks.size(),
                toEmbed.size(),
                (System.nanoTime() - start) / 1_000_000);
        return new Ingested(new KnowledgeIndex(chunks, vectors, embedder, retrieval), report);
    }

    /** Loads the saved index without looking at the docs; empty when none was built yet. */
    public java.util.Optional<KnowledgeIndex> load() {
        Stored s = read();
        return s.chunks.isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(new KnowledgeIndex(s.chunks, s.vectors, embedder, retrieval));
    }

    private Stored read() {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new Stored(Map.of(), List.of(), List.of());
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (!embedder.name().equals(root.path("model").asText())) {
                return new Stored(Map.of(), List.of(), List.of()); // another model's vectors are useless
            }
            Map<String, String> hashes = new LinkedHashMap<>();
            root.path("files")
                    .properties()
                    .forEach(e -> hashes.put(e.getKey(), e.getValue().asText()));
            List<Chunk> chunks = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (JsonNode c : root.path("chunks")) {
                List<String> headings = new ArrayList<>();
                c.path("headings").forEach(h -> headings.add(h.asText()));
                chunks.add(new Chunk(
                        c.path("path").asText(),
                        c.path("title").asText(),
                        headings,
                        c.path("anchor").asText(),
                        c.path("text").asText()));
                vectors.add(decode(c.path("vector").asText()));
            }
            return new Stored(hashes, chunks, vectors);
        } catch (IOException | RuntimeException e) {
            return new Stored(Map.of(), List.of(), List.of()); // a damaged index is rebuilt, not trusted
        }
    }

    private void write(List<Chunk> chunks, List<float[]> vectors, Map<String, String> hashes) {
        ObjectNode root = JSON.createObjectNode().put("model", embedder.name());
        ObjectNode files = root.putObject("files");
        hashes.forEach(files::put);
        ArrayNode arr = root.putArray("chunks");
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            ObjectNode n = arr.addObject()
                    .put("path", c.path())
                    .put("title", c.title())
                    .put("anchor", c.anchor())
                    .put("text", c.text())
                    .put("vector", encode(vectors.get(i)));
            ArrayNode h = n.putArray("headings");
            c.headings().forEach(h::add);
        }
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the knowledge index to " + dir, e);
        }
    }

    private static String encode(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4);
        for (float f : v) {
            b.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static float[] decode(String s) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s));
        float[] v = new float[b.remaining() / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    private record Stored(Map<String, String> hashes, List<Chunk> chunks, List<float[]> vectors) {
        String hash(String path) {
            return hashes.getOrDefault(path, "");
        }

        List<Integer> chunksOf(String path) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                if (chunks.get(i).path().equals(path)) {
                    out.add(i);
                }
            }
            return out;
        }
    }
}
