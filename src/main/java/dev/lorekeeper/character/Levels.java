package dev.lorekeeper.character;

/** Level from experience: level L starts at 50·L·(L−1) XP (0, 100, 300, 600, 1000, …). */
public final class Levels {
    private Levels() {}

    public static int level(int xp) {
        int level = 1;
        while (xpFor(level + 1) <= xp) {
            level++;
        }
        return level;
    }

    public static int xpFor(int level) {
        return 50 * level * (level - 1);
    }
}
