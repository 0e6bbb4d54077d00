package dev.lorekeeper.discord;

/** Hears about every handled interaction, for metrics. */
public interface InteractionObserver {
    InteractionObserver NONE = new InteractionObserver() {
        @Override
        public void received(String kind, long delayNanos) {}

        @Override
        public void handled(String kind, boolean ok, long handlerNanos) {}
    };

    /** An interaction reached its handler {@code delayNanos} after Discord created it. */
    void received(String kind, long delayNanos);

    void handled(String kind, boolean ok, long handlerNanos);
}
