package dev.lorekeeper.knowledge;

import java.util.List;

/** An answer and where it comes from. {@code grounded} is false when the docs do not cover the question. */
public record Answer(String question, String text, boolean grounded, Mode mode, List<Source> sources) {
    public Answer {
        sources = List.copyOf(sources);
    }

    /** How the answer was made. */
    public enum Mode {
        /** Written by the model from the passages. */
        LLM,
        /** Quoted passages, no model (none configured, unreachable, or budget spent). */
        EXTRACTIVE,
        /** The docs do not cover the question. */
        NOT_COVERED
    }
}
