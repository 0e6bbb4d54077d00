package dev.lorekeeper.character;

import java.util.List;
import java.util.function.UnaryOperator;

/** A quest as narrated: a title, a hook, and 3 to 5 steps with 2 or 3 choices each. */
public record QuestPlan(String title, String hook, List<Step> steps) {
    public QuestPlan {
        steps = List.copyOf(steps);
    }

    /** The same plan with {@code f} applied to every text a member reads. */
    public QuestPlan map(UnaryOperator<String> f) {
        return new QuestPlan(
                f.apply(title),
                f.apply(hook),
                steps.stream()
                        .map(s -> new Step(
                                f.apply(s.text()),
                                s.choices().stream()
                                        .map(c -> new Choice(
                                                f.apply(c.label()),
                                                f.apply(c.outcome()),
                                                c.xp(),
                                                c.item() == null ? null : f.apply(c.item())))
                                        .toList()))
                        .toList());
    }

    public record Step(String text, List<Choice> choices) {
        public Step {
            choices = List.copyOf(choices);
        }
    }

    /** What a choice leads to: its outcome text, the XP it earns, and an item found (or null). */
    public record Choice(String label, String outcome, int xp, String item) {}
}
