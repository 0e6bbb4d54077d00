package dev.lorekeeper.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheWeightsTest {
    static final String CONTRACT = "0x" + "ab".repeat(20);

    @Test
    void aTokenUriOfAMegabyteWeighsAtLeastAMegabyteInTheReadCache() {
        // a contract chooses its tokenURI's length; a data: URI of a megabyte is an ordinary on-chain token
        Read read = Read.tokenUri("eth", CONTRACT, BigInteger.ONE);
        int small = CacheWeights.read(read, ReadResult.text("ipfs://x"));
        int huge = CacheWeights.read(read, ReadResult.text("x".repeat(1024 * 1024)));
        assertThat(small).isBetween(200, 2_000);
        assertThat(huge).isGreaterThanOrEqualTo(1024 * 1024);
    }

    @Test
    void metadataWeighsItsText() {
        TokenMetadata small = new TokenMetadata(true, "Fox", null, null, null, List.of(), List.of(), null);
        TokenMetadata huge = new TokenMetadata(
                true,
                "Fox",
                "d".repeat(500_000),
                null,
                null,
                List.of(new TokenMetadata.Attribute("Fur", "r".repeat(100_000))),
                List.of(),
                null);
        assertThat(CacheWeights.metadata("ipfs://a", small)).isBetween(200, 2_000);
        assertThat(CacheWeights.metadata("ipfs://a", huge)).isGreaterThanOrEqualTo(600_000);
    }
}
