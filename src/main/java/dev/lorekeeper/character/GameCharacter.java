package dev.lorekeeper.character;

import java.util.List;

/** A character as stored: bound to its token, with its persona, progress, inventory and memory summary. */
public record GameCharacter(
        long id,
        TokenRef token,
        String name,
        String imageUrl,
        Persona persona,
        int personaVersion,
        int xp,
        List<String> inventory,
        String summary,
        int questsCompleted,
        Long activeQuestId) {
    public GameCharacter {
        inventory = List.copyOf(inventory);
    }

    public int level() {
        return Levels.level(xp);
    }

    /** A title that grows with the character, e.g. "Seasoned Pyromancer". */
    public String title() {
        String rank = switch (Math.min(level(), 5)) {
            case 1 -> "Novice";
            case 2 -> "Journeying";
            case 3 -> "Seasoned";
            case 4 -> "Renowned";
            default -> "Legendary";
        };
        return rank + " " + persona.archetype();
    }
}
