package dev.lorekeeper.character;

/** Passages of the world's lore (the community's docs) that a new quest can draw on. */
@FunctionalInterface
public interface Lore {
    Lore NONE = (query, passages) -> "";

    String about(String query, int passages);
}
