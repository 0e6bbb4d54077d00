package dev.lorekeeper.character;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/** A token by chain name, contract and id: what a character is bound to. */
public record TokenRef(String chain, String contract, BigInteger tokenId) {
    public TokenRef {
        contract = contract.toLowerCase(Locale.ROOT);
    }

    /** {@code chain:contract:id}, the value an autocomplete choice carries. */
    public String key() {
        return chain + ":" + contract + ":" + tokenId;
    }

    public static Optional<TokenRef> parse(String key) {
        String[] parts = key.strip().split(":");
        if (parts.length != 3 || !parts[1].matches("0x[0-9a-fA-F]{40}") || !parts[2].matches("\\d{1,78}")) {
            return Optional.empty();
        }
        return Optional.of(new TokenRef(parts[0], parts[1], new BigInteger(parts[2])));
    }

    @Override
    public String toString() {
        return key();
    }
}
