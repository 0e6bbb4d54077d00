package dev.lorekeeper.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Finds where a token's metadata lives: ERC-721 {@code tokenURI(id)} first, then ERC-1155 {@code uri(id)} with its
 * {@code {id}} placeholder filled in as the standard requires (64 lowercase hex digits, no 0x).
 */
public final class TokenMetadataLocator {
    private final ChainReader reader;
    private final MetadataFetcher fetcher;

    public TokenMetadataLocator(ChainReader reader, MetadataFetcher fetcher) {
        this.reader = reader;
        this.fetcher = fetcher;
    }

    /** The metadata URI of a token, or why it could not be read. */
    public Located locate(String chain, String contract, BigInteger tokenId) {
        Read tokenUri = Read.tokenUri(chain, contract, tokenId);
        Read uri = new Read(chain, Read.Kind.URI, contract, null, tokenId);
        Map<Read, ReadResult> r = reader.read(List.of(tokenUri, uri));
        ReadResult erc721 = r.get(tokenUri);
        if (erc721 != null && erc721.ok() && erc721.text() != null) {
            return new Located(erc721.text(), null);
        }
        ReadResult erc1155 = r.get(uri);
        if (erc1155 != null && erc1155.ok() && erc1155.text() != null) {
            return new Located(erc1155Uri(erc1155.text(), tokenId), null);
        }
        String why = erc721 == null ? "not read" : erc721.error();
        return new Located(
                null,
                "tokenURI(" + tokenId + ") and uri(" + tokenId + ") failed on " + chain + " at " + contract + ": " + why
                        + "; check the token id, the contract address and the chain");
    }

    /** Reads and resolves a token's metadata. */
    public TokenMetadata metadata(String chain, String contract, BigInteger tokenId) {
        Located where = locate(chain, contract, tokenId);
        return where.uri() == null ? TokenMetadata.failed(where.error()) : fetcher.fetch(where.uri());
    }

    static String erc1155Uri(String template, BigInteger tokenId) {
        return template.replace("{id}", String.format("%064x", tokenId));
    }

    /** A metadata URI, or the reason there is none. */
    public record Located(String uri, String error) {}
}
