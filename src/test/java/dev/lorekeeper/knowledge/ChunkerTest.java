package dev.lorekeeper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    static final Chunker CHUNKER = new Chunker(350, 50);

    @Test
    void splitsAtHeadingsAndKeepsTheTrailAndAnchor() {
        Doc d = new Doc("guide/mint.md", "Mint guide", """
                # Mint guide
                Intro text.
                ## Allowlist phase
                Allowlisted wallets mint first.
                ### Gas tips
                Mint when gas is low.
                ```
                # not a heading inside code
                ```
                ## Public sale
                Anyone can mint.
                """, "h");
        List<Chunk> chunks = CHUNKER.chunk(d);
        assertThat(chunks)
                .extracting(Chunk::heading)
                .containsExactly("Mint guide", "Allowlist phase", "Gas tips", "Public sale");
        assertThat(chunks.get(2).headings()).containsExactly("Mint guide", "Allowlist phase", "Gas tips");
        assertThat(chunks.get(2).text()).contains("# not a heading inside code");
        assertThat(chunks.get(3).anchor()).isEqualTo("public-sale");
        assertThat(chunks.get(2).indexText()).startsWith("Mint guide > Allowlist phase > Gas tips\n");
    }

    @Test
    void longSectionsAreSplitBySizeWithOverlap() {
        StringBuilder text = new StringBuilder("# Big\n## Section\n");
        for (int i = 0; i < 800; i++) {
            text.append("word").append(i).append(i % 40 == 39 ? "\n\n" : " ");
        }
        List<Chunk> chunks = CHUNKER.chunk(new Doc("big.md", "Big", text.toString(), "h"));
        assertThat(chunks).hasSizeGreaterThan(2);
        assertThat(chunks).allMatch(c -> Chunker.tokens(c.text()) <= 360);
        String first = chunks.get(0).text();
        String lastWordOfFirst = first.substring(first.lastIndexOf(' ') + 1);
        assertThat(chunks.get(1).text()).contains(lastWordOfFirst);
        assertThat(chunks).allMatch(c -> c.heading().equals("Section"));
    }

    @Test
    void analyzerTreatsTokenStandardsAsOneTermAndKeepsHexWhole() {
        Bm25Index index = new Bm25Index(List.of());
        assertThat(index.terms("ERC-721")).containsExactly("erc721", "721");
        assertThat(index.terms("erc721 EIP-721 erc 721")).containsExactly("erc721", "721");
        assertThat(index.terms("contract 0xAbC123def4567890abcdef1234567890ABCDEF12"))
                .contains("0xabc123def4567890abcdef1234567890abcdef12");
    }

    @Test
    void htmlKeepsHeadingsAndDropsNavigation() {
        String md = DocLoader.htmlToMarkdown(org.jsoup.Jsoup.parse("""
                <html><head><title>Help</title><script>evil()</script></head><body>
                <nav>Home | About</nav><main><h1>Help center</h1><h2>Refunds</h2><p>No refunds after mint.</p>
                <ul><li>Ask in #support</li></ul></main><footer>© 2026</footer></body></html>"""));
        assertThat(md)
                .contains("# Help center", "## Refunds", "No refunds after mint.", "- Ask in #support")
                .doesNotContain("Home | About", "evil()", "© 2026");
    }
}
