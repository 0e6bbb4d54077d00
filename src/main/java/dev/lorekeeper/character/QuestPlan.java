package dev.lorekeeper.character;

import java.util.List;

/** A quest as narrated: a title, a hook, and 3 to 5 steps with 2 or 3 choices each. */
public record QuestPlan(String title, String hook, List<Step> steps) {
    public QuestPlan {
        steps = List.copyOf(steps);
    }

    public record Step(String text, List<Choice> choices) {
        public Step {
            choices = List.copyOf(choices);
        }
    }

    /** What a choice leads to: its outcome text, the XP it earns, and an item found (or null). */
    public record Choice(String label, String outcome, int xp, String item) {
    }
}
