package dev.lorekeeper.settings;

import dev.lorekeeper.config.Feature;

/** Whether a feature works in a server right now, and in plain words why or why not. */
public record FeatureStatus(Feature feature, boolean active, String detail) {
    public static FeatureStatus active(Feature feature, String detail) {
        return new FeatureStatus(feature, true, detail);
    }

    public static FeatureStatus inactive(Feature feature, String why) {
        return new FeatureStatus(feature, false, why);
    }
}
