package dev.lorekeeper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lexical matching of the ways members write code identifiers, token standards and typos. */
class KnowledgeAnalyzerTest {
    @Test
    void tokenStandardsAreOneTermHoweverWritten() {
        for (String s : List.of("ERC721", "ERC-721", "erc 721", "EIP-721", "eip721")) {
            assertThat(Terms.of(s)).as(s).contains("erc721", "721");
        }
        assertThat(Terms.of("does 721 have decimals")).contains("721");
    }

    @Test
    void codeIdentifiersAlsoYieldTheirWords() {
        assertThat(Terms.of("call safeTransferFrom")).contains("safetransferfrom", "safe", "transfer", "from");
        assertThat(Terms.of("safe transfer from")).contains("safe", "transfer", "from");
        assertThat(Terms.of("_setTokenURI")).contains("token", "uri");
    }

    @Test
    void hexValuesStayWhole() {
        assertThat(Terms.of("at 0x7a3b000000000000000000000000000000e1d9"))
                .contains("0x7a3b000000000000000000000000000000e1d9");
    }

    @Test
    void identifiersAndStandardsFindTheirSectionsInBm25() {
        Bm25Index index = new Bm25Index(List.of(
                new Chunk("a.md", "Tokens", List.of("Transfers"), "transfers", "Use safeTransferFrom to move an NFT."),
                new Chunk("b.md", "Standards", List.of("Standard"), "standard", "This collection is an ERC-721."),
                new Chunk("c.md", "Other", List.of("Other"), "other", "Nothing to see here about gas.")));
        assertThat(index.search("how do i safe transfer from my wallet", 3)
                        .get(0)
                        .chunk())
                .isZero();
        assertThat(index.search("is it erc721", 3).get(0).chunk()).isEqualTo(1);
        assertThat(index.search("is it a 721", 3).get(0).chunk()).isEqualTo(1);
        assertThat(index.search("how do i transfr", 3)).isNotEmpty();
    }

    @Test
    void questionSpecificExpansionsAreGoneButChatSlangStays() {
        assertThat(QueryNormalizer.normalize("is the team doxxed")).isEqualTo("is the team doxxed");
        assertThat(QueryNormalizer.normalize("wen reveal")).isEqualTo("when reveal");
    }
}
