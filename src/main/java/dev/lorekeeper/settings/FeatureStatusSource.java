package dev.lorekeeper.settings;

import dev.lorekeeper.config.Feature;

/** Reports one feature's status for a server; each feature supplies its own. */
@FunctionalInterface
public interface FeatureStatusSource {
    FeatureStatus status(GuildSettings settings);

    /** Wraps a feature's own check with the server's on/off switch, which always wins. */
    static FeatureStatusSource switchable(Feature feature, FeatureStatusSource inner) {
        return s -> s.features().enabled(feature)
                ? inner.status(s)
                : FeatureStatus.inactive(feature, "switched off by this server's moderators (/settings feature)");
    }
}
