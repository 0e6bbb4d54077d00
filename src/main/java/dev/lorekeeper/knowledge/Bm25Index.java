package dev.lorekeeper.knowledge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene BM25 over the chunks: body text, plus the page title and heading trail as a field of its own. Queries are
 * built from the analyzed terms (never parsed as query syntax), so any member text is a safe query. A term the docs
 * never use is looked up with an edit distance, so typos ("recieve", "ownible") still find their word.
 */
public final class Bm25Index {
    private static final int FUZZY_MIN_LENGTH = 5;
    private static final float FUZZY_BOOST = 0.5f;
    private static final List<String> FIELDS = List.of("text", "headings");
    private static final int FUZZY_KEPT = 5_000;

    private final Analyzer analyzer = new KnowledgeAnalyzer();
    private final IndexSearcher searcher;
    private final int docs;
    /** Lucene's document number → chunk index, read once here instead of from stored fields on every search. */
    private final int[] chunkOf;
    /** The other way, by identity: the refusal evidence asks whether a retrieved chunk uses a term. */
    private final Map<Chunk, Integer> docOf = new IdentityHashMap<>();
    /**
     * A word the docs never use, expanded into the similar words they do use: building its Levenshtein automata
     * on every question was the largest part of a question's BM25 time under load (JFR of the load benchmark), and
     * members misspell the same words. Kept per index, so a reload starts afresh.
     */
    private final Cache<Term, Query> fuzzy;

    private final AtomicInteger fuzzyExpansions = new AtomicInteger();

    public Bm25Index(List<Chunk> chunks) {
        this(chunks, FUZZY_KEPT);
    }

    /** With at most {@code fuzzyKept} misspelled words' expansions kept. */
    Bm25Index(List<Chunk> chunks, int fuzzyKept) {
        this.fuzzy = Caffeine.newBuilder().maximumSize(fuzzyKept).build();
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            for (int i = 0; i < chunks.size(); i++) {
                Chunk c = chunks.get(i);
                Document d = new Document();
                d.add(new StoredField("i", i));
                d.add(new TextField("text", c.text(), Field.Store.NO));
                d.add(new TextField("headings", c.title() + " " + String.join(" ", c.headings()), Field.Store.NO));
                writer.addDocument(d);
            }
            writer.commit();
            searcher = new IndexSearcher(DirectoryReader.open(dir));
            docs = Math.max(1, chunks.size());
            chunkOf = new int[searcher.getIndexReader().maxDoc()];
            StoredFields stored = searcher.storedFields();
            for (int d = 0; d < chunkOf.length; d++) {
                chunkOf[d] = stored.document(d).getField("i").numericValue().intValue();
                docOf.put(chunks.get(chunkOf[d]), d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Scored> search(String query, int k) {
        return search(query, k, 1.0f);
    }

    /** Top chunks; {@code headingBoost} weighs a match in the title or heading trail against one in the body. */
    public List<Scored> search(String query, int k, float headingBoost) {
        Set<String> terms = Terms.of(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String t : terms) {
            boolean known = docFreq(t) > 0;
            q.add(termQuery("text", t, known), BooleanClause.Occur.SHOULD);
            q.add(new BoostQuery(termQuery("headings", t, known), headingBoost), BooleanClause.Occur.SHOULD);
        }
        try {
            List<Scored> out = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(q.build(), k).scoreDocs) {
                out.add(new Scored(chunkOf[sd.doc], sd.score));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Query termQuery(String field, String t, boolean known) {
        Term term = new Term(field, t);
        if (known || t.length() < FUZZY_MIN_LENGTH || !t.chars().allMatch(Character::isLetter)) {
            return new TermQuery(term);
        }
        return new BoostQuery(fuzzy.get(term, this::expand), FUZZY_BOOST);
    }

    private Query expand(Term term) {
        fuzzyExpansions.incrementAndGet();
        try {
            return searcher.rewrite(new FuzzyQuery(term, term.text().length() >= 8 ? 2 : 1, 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many expansions are kept now: for tests. */
    long fuzzyKept() {
        fuzzy.cleanUp();
        return fuzzy.estimatedSize();
    }

    /** How many misspelled words were expanded against the index: for tests. */
    int fuzzyExpansions() {
        return fuzzyExpansions.get();
    }

    /**
     * Whether the chunk uses the analyzed term in its text, title or heading trail: the terms of its
     * {@link Chunk#indexText()}, read from the postings instead of analyzing the text again on every question.
     */
    boolean uses(Chunk chunk, String term) {
        Integer doc = docOf.get(chunk);
        if (doc == null) {
            return Terms.of(chunk.indexText()).contains(term); // not one of this index's chunks
        }
        try {
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            int local = doc - leaf.docBase;
            BytesRef bytes = new BytesRef(term);
            for (String field : FIELDS) {
                org.apache.lucene.index.Terms terms = leaf.reader().terms(field);
                if (terms == null) {
                    continue;
                }
                TermsEnum te = terms.iterator();
                if (te.seekExact(bytes) && te.postings(null, PostingsEnum.NONE).advance(local) == local) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> terms(String text) {
        return Terms.of(text);
    }

    /** Inverse document frequency as BM25 weighs it; a term the docs never use weighs most. */
    public double idf(String term) {
        int df = docFreq(term);
        return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
    }

    private int docFreq(String term) {
        try {
            return Math.min(
                    docs,
                    searcher.getIndexReader().docFreq(new Term("text", term))
                            + searcher.getIndexReader().docFreq(new Term("headings", term)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
