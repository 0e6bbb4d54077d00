package dev.lorekeeper.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Lucene BM25 over the chunks: body text, plus the heading trail as a boosted field. Queries are built from the
 * analyzed terms (never parsed as query syntax), so any member text is a safe query.
 */
public final class Bm25Index {
    // Headings are short and shared across pages ("Overview", "FAQ"): boosting them hurt ranking in evaluation.
    private static final float HEADING_BOOST = 0.5f;

    private final Analyzer analyzer = new KnowledgeAnalyzer();
    private final IndexSearcher searcher;

    public Bm25Index(List<Chunk> chunks) {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Scored> search(String query, int k) {
        Set<String> terms = terms(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String t : terms) {
            q.add(new TermQuery(new Term("text", t)), BooleanClause.Occur.SHOULD);
            q.add(new BoostQuery(new TermQuery(new Term("headings", t)), HEADING_BOOST), BooleanClause.Occur.SHOULD);
        }
        try {
            List<Scored> out = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(q.build(), k).scoreDocs) {
                out.add(new Scored(searcher.storedFields().document(sd.doc).getField("i").numericValue().intValue(),
                        sd.score));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> terms(String text) {
        return Terms.of(text);
    }
}
