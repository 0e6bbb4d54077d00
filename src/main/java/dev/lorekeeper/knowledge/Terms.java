package dev.lorekeeper.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** The analyzed terms of a text (stemmed, stop words out, token standards unified), as the BM25 index sees them. */
final class Terms {
    private static final Analyzer ANALYZER = new KnowledgeAnalyzer();

    private Terms() {}

    static Set<String> of(String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = ANALYZER.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
