package dev.lorekeeper.discord;

/** Hears about every handled interaction, for metrics. */
@FunctionalInterface
public interface InteractionObserver {
    InteractionObserver NONE = (kind, ok, nanos) -> { };

    void handled(String kind, boolean ok, long handlerNanos);
}
