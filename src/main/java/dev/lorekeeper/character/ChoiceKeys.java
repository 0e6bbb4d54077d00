package dev.lorekeeper.character;

import dev.lorekeeper.config.CharactersConfig;
import dev.lorekeeper.store.Hashes;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The value an autocomplete choice carries for a token. Discord caps it at 100 characters, which
 * {@code chain:contract:id} passes with large (hashed) token ids, so it is an 8-hex-digit collection tag plus the
 * id in base 36 (at most 59 characters), resolved against the server's collections.
 */
final class ChoiceKeys {
    private ChoiceKeys() {}

    static String of(TokenRef token) {
        return tag(token.chain(), token.contract()) + ":" + token.tokenId().toString(36);
    }

    /** A token from a choice value, or from a typed {@code chain:contract:id}. */
    static Optional<TokenRef> resolve(String value, List<CharactersConfig.Collection> collections) {
        String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<TokenRef> typed = TokenRef.parse(v);
        if (typed.isPresent()) {
            return typed;
        }
        String[] parts = v.split(":");
        if (parts.length != 2 || !parts[0].matches("[0-9a-f]{8}") || !parts[1].matches("[0-9a-z]{1,50}")) {
            return Optional.empty();
        }
        BigInteger id = new BigInteger(parts[1], 36);
        return collections.stream()
                .filter(c -> tag(c.chain(), c.contract()).equals(parts[0]))
                .findFirst()
                .map(c -> new TokenRef(c.chain(), c.contract(), id));
    }

    private static String tag(String chain, String contract) {
        return Hashes.sha256Hex(chain + ":" + contract.toLowerCase(java.util.Locale.ROOT))
                .substring(0, 8);
    }
}
