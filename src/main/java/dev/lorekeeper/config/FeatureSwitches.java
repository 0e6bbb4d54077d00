package dev.lorekeeper.config;

/** Which features a server has switched on; moderators change these per server with /settings. */
public record FeatureSwitches(Boolean verification, Boolean gating, Boolean qa, Boolean characters) {
    public FeatureSwitches {
        verification = verification == null || verification;
        gating = gating == null || gating;
        qa = qa == null || qa;
        characters = characters == null || characters;
    }

    public static FeatureSwitches defaults() {
        return new FeatureSwitches(null, null, null, null);
    }

    public boolean enabled(Feature feature) {
        return switch (feature) {
            case VERIFICATION -> verification;
            case GATING -> gating;
            case QA -> qa;
            case CHARACTERS -> characters;
        };
    }
}
