package dev.lorekeeper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Bm25IndexTest {
    static final Path ROOT = Path.of(System.getProperty("project.root", "."));

    /** The refusal evidence reads term use from the postings; it must agree with analyzing each chunk's text. */
    @Test
    void termUseFromThePostingsMatchesAnalyzingEachChunk() {
        List<Chunk> chunks = new ArrayList<>();
        Chunker chunker = new Chunker(350, 50);
        // Technical docs: identifiers, standards (ERC-721, EIP-165) and headings that repeat the page title.
        for (Doc d : DocLoader.load(ROOT.resolve("src/test/resources/eval/openzeppelin"))) {
            chunks.addAll(chunker.chunk(d));
        }
        Bm25Index index = new Bm25Index(chunks);
        Set<String> vocabulary = new LinkedHashSet<>();
        List<Set<String>> termsOf = new ArrayList<>();
        for (Chunk c : chunks) {
            Set<String> terms = Terms.of(c.indexText());
            termsOf.add(terms);
            vocabulary.addAll(terms);
        }
        List<String> probes = new ArrayList<>(vocabulary).subList(0, Math.min(60, vocabulary.size()));
        int checked = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            for (String t : termsOf.get(i)) {
                assertThat(index.uses(c, t)).as("%s uses %s", c.sectionKey(), t).isTrue();
                checked++;
            }
            for (String t : probes) {
                assertThat(index.uses(c, t))
                        .as("%s uses %s", c.sectionKey(), t)
                        .isEqualTo(termsOf.get(i).contains(t));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10_000);
        // A chunk from elsewhere is analyzed on the spot.
        Chunk stranger = new Chunk("x.md", "Stranger", List.of("Stranger"), "stranger", "safeTransferFrom moves it");
        assertThat(index.uses(stranger, "transfer")).isTrue();
        assertThat(index.uses(stranger, "mint")).isFalse();
    }

    @Test
    void aMisspelledWordIsExpandedOncePerIndexAndScoresAsIfExpandedAgain() {
        List<Chunk> chunks = new ArrayList<>();
        Chunker chunker = new Chunker(350, 50);
        for (Doc d : DocLoader.load(ROOT.resolve("src/test/resources/eval/openzeppelin"))) {
            chunks.addAll(chunker.chunk(d));
        }
        Bm25Index index = new Bm25Index(chunks);
        String question = "how do I mintt tokkens with opnezeppelin contracts";
        List<Scored> first = index.search(question, 10);
        int expansions = index.fuzzyExpansions();
        assertThat(expansions).as("the misspelled words, once per field").isPositive();
        List<Scored> again = index.search(question, 10);
        assertThat(index.fuzzyExpansions())
                .as("the second time the expansions are reused")
                .isEqualTo(expansions);
        assertThat(again).isEqualTo(first);
        assertThat(new Bm25Index(chunks).search(question, 10))
                .as("the same ranking and scores as an index that expands afresh")
                .isEqualTo(first)
                .isNotEmpty();
    }

    @Test
    void aFloodOfDistinctMadeUpWordsKeepsTheExpansionCacheBounded() {
        int kept = 100;
        Bm25Index index = new Bm25Index(
                List.of(new Chunk(
                        "mint.md",
                        "Minting",
                        List.of("Minting"),
                        "minting",
                        "Minting a warden costs gas and a signature")),
                kept);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < kept * 3; i++) {
            StringBuilder word = new StringBuilder();
            for (int c = 0; c < 9; c++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            index.search(word.toString(), 5);
        }
        assertThat(index.fuzzyKept())
                .as("a member posting endless made-up words cannot grow the cache past its cap")
                .isLessThanOrEqualTo(kept);
    }
}
