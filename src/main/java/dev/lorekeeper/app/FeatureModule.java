package dev.lorekeeper.app;

import dev.lorekeeper.discord.SlashCommand;
import dev.lorekeeper.settings.FeatureStatusSource;
import dev.lorekeeper.web.HealthRoutes;
import dev.lorekeeper.web.WebRoutes;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.hooks.EventListener;

/**
 * What one capability adds to the running bot. The wiring collects these from every module and starts them; a new
 * feature is one new module and one line in {@link Lorekeeper}'s list.
 */
interface FeatureModule {
    String name();

    default List<SlashCommand> commands() {
        return List.of();
    }

    default List<EventListener> listeners() {
        return List.of();
    }

    default List<WebRoutes> routes() {
        return List.of();
    }

    default List<Routine> routines() {
        return List.of();
    }

    /** Lines of /readyz. */
    default List<HealthRoutes.Check> checks() {
        return List.of();
    }

    /** Its line in /about, for features a server can switch. */
    default Optional<FeatureStatusSource> status() {
        return Optional.empty();
    }
}
