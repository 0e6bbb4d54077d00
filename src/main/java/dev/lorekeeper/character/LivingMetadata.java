package dev.lorekeeper.character;

import dev.lorekeeper.chain.TokenMetadata;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A character as ERC-721 metadata, with its progress as extra attributes. When a collection's tokenURI points here,
 * those attributes come back in the metadata the bot reads: they are left out of the persona, so that progress
 * never rebuilds it.
 */
public final class LivingMetadata {
    static final Set<String> PROGRESS_TRAITS = Set.of("level", "xp", "quests completed", "title");

    private final CharacterStore store;

    public LivingMetadata(CharacterStore store) {
        this.store = store;
    }

    /** The metadata of a token's character; empty when it has none yet. */
    public Optional<Map<String, Object>> of(String chain, String contract, BigInteger id) {
        return store.find(new TokenRef(chain, contract, id)).map(c -> {
            List<Map<String, Object>> attributes = new ArrayList<>();
            for (String t : c.persona().traits()) {
                int colon = t.indexOf(": ");
                attributes.add(attribute(t.substring(0, colon), t.substring(colon + 2), false));
            }
            attributes.add(attribute("Level", c.level(), true));
            attributes.add(attribute("XP", c.xp(), true));
            attributes.add(attribute("Quests completed", c.questsCompleted(), true));
            attributes.add(attribute("Title", c.title(), false));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", c.name());
            out.put("description", c.persona().backstory());
            if (c.imageUrl() != null) {
                out.put("image", c.imageUrl());
            }
            out.put("attributes", attributes);
            return out;
        });
    }

    /** The token's metadata without the progress attributes this class adds. */
    static TokenMetadata withoutProgress(TokenMetadata m) {
        return new TokenMetadata(
                m.ok(),
                m.name(),
                m.description(),
                m.image(),
                m.imageUrl(),
                m.attributes().stream()
                        .filter(a -> !PROGRESS_TRAITS.contains(a.traitType().toLowerCase(Locale.ROOT)))
                        .toList(),
                m.warnings(),
                m.error());
    }

    private static Map<String, Object> attribute(String type, Object value, boolean number) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("trait_type", type);
        a.put("value", value);
        if (number) {
            a.put("display_type", "number");
        }
        return a;
    }
}
