package dev.lorekeeper.chain;

import java.util.List;

/** A token's metadata as far as it could be read: tolerant of bad fields, with warnings for what was skipped. */
public record TokenMetadata(
        boolean ok,
        String name,
        String description,
        String image,
        String imageUrl,
        List<Attribute> attributes,
        List<String> warnings,
        String error) {

    public static TokenMetadata failed(String error) {
        return new TokenMetadata(false, null, null, null, null, List.of(), List.of(), error);
    }

    /** One trait: {@code {"trait_type": …, "value": …}}. */
    public record Attribute(String traitType, String value) {}

    public boolean hasTrait(String traitType, List<String> values) {
        return attributes.stream()
                .anyMatch(a -> a.traitType().equalsIgnoreCase(traitType)
                        && values.stream().anyMatch(v -> v.equalsIgnoreCase(a.value())));
    }
}
