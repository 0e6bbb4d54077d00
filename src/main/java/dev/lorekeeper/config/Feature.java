package dev.lorekeeper.config;

/** The features a server can switch on or off. */
public enum Feature {
    VERIFICATION("Wallet verification"),
    GATING("Token-gated roles"),
    QA("Docs Q&A"),
    CHARACTERS("Characters and quests");

    private final String title;

    Feature(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
